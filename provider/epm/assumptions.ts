// The client's side of every EPM Management API shape no public source confirms: for each call the
// provider makes on an Unverified (or Client-only) endpoint, the route and the body it sends, named
// by the assumption id of docs/epm-assumptions.md (the simulator's side is simulator/epm/assumptions.ts).
// The kinds build their requests from these entries only, so when a tenant's swagger
// (/management-api/swagger, definition v3) says otherwise, one entry here changes and every kind
// follows; docs/epm-assumptions.md repeats each entry's `sends` under its assumption (a unit test
// keeps the two in step). Blocks per helper, each in alphabetical order, to keep merges easy.
import type { ApiClient, Endpoint } from "../core/api-client";
import { EPM_API_PREFIX } from "./connection";

export interface ClientAssumption {
    /** The assumption id in docs/epm-assumptions.md (U1, U7, P2...). */
    assumption: string;
    method: "GET" | "POST" | "PUT" | "DELETE";
    /** Below /management-api/{version}, or below the origin when `fromOrigin` (a pinned version). */
    path: string;
    fromOrigin?: boolean;
    /** What the provider sends and expects, in words: the line docs/epm-assumptions.md carries. */
    sends: string;
}

/** The entry's path with its `{id}` filled in. */
export function routeOf(a: ClientAssumption, id?: string): string {
    return id === undefined ? a.path : a.path.replace("{id}", encodeURIComponent(id));
}

export type Client = ApiClient<Endpoint>;
type Row = Record<string, unknown>;

/** One call whose shape is a recommendation, with the assumptions it depends on. */
export interface AssumedCall {
    /** Ids in docs/epm-assumptions.md. */
    assumptions: readonly string[];
    /** As a reader of the swagger looks for it. */
    route: string;
}

// ---- epm-assign: PolicyAssignment, ComputerGroupMembership, lookups --------------------------------

/** Which calls below rest on what; the test of the assumptions doc keeps the ids real. */
export const ASSIGN_CALLS: Record<string, AssumedCall> = {
    assignComputers: { assumptions: ["G2"], route: "POST /Groups/{id}/AssignComputers {computerIds}" },
    assignPolicyRevision: { assumptions: ["U2"], route: "POST /Groups/{id}/AssignPolicyRevision {policyRevisionId}" },
    clearGroupPolicy: { assumptions: ["U3"], route: "POST /Groups/{id}/ClearPolicy" },
    groupModel: { assumptions: ["U9", "U10"], route: "GET /Groups/{id}: policyId, policyRevisionId (the assigned revision), default" },
    listComputers: { assumptions: ["U14", "U15", "C3"], route: "GET /Computers (200 a page, sorted by created; filtered here, not by the API)" },
    policyRevisions: { assumptions: ["U9"], route: "GET /Policies/{id}/Revisions: a bare array of {id, revision}" },
    unassignComputers: { assumptions: ["G1"], route: "POST /Groups/UnassignComputers {allComputers: false, selectionComputerIds}" },
};

/** G2: moves the computers into the group (no unassign first); the answer (a task id) is ignored. */
export async function assignComputers(client: Client, groupId: string, computerIds: string[]): Promise<void> {
    await client.request("POST", `/Groups/${groupId}/AssignComputers`, { body: { computerIds } });
}

/** U2: the group gets this revision of a policy (204). */
export async function assignPolicyRevision(client: Client, groupId: string, policyRevisionId: string): Promise<void> {
    await client.request("POST", `/Groups/${groupId}/AssignPolicyRevision`, { body: { policyRevisionId } });
}

/** U3: the group is left without a policy (204). */
export async function clearGroupPolicy(client: Client, groupId: string): Promise<void> {
    await client.request("POST", `/Groups/${groupId}/ClearPolicy`);
}

/** U9/U10: the group model's assignment fields, as this provider reads them. */
export function groupAssignment(live: Row): { policyId?: string; policyRevisionId?: string } {
    const id = (v: unknown) => (typeof v === "string" && v !== "" ? v.toLowerCase() : undefined);
    return { policyId: id(live.policyId), policyRevisionId: id(live.policyRevisionId) };
}

/**
 * U14/U15/C3: every computer, 200 a page, oldest first (the vendor's advice for paging without
 * duplicates). No filter query is sent: none but the dates is known, so callers filter.
 */
export async function listComputers(client: Client): Promise<Row[]> {
    return client.listAll<Row>("/Computers", { "Sorts[0].by": "created", "Sorts[0].order": "asc" });
}

/** U9: a policy's revisions ({id, revision}), oldest first; the last is the latest. The route is epm-kinds' `policyRevisions` entry. */
export async function listPolicyRevisions(client: Client, policyId: string): Promise<Array<{ id: string; revision: number }>> {
    const rows = await client.request<unknown>(policyRevisions.method, routeOf(policyRevisions, policyId));
    const list = (Array.isArray(rows) ? rows : []) as Row[];
    return list.map((r) => ({ id: String(r.id ?? "").toLowerCase(), revision: Number(r.revision ?? 0) })).sort((a, b) => a.revision - b.revision);
}

/** G1: the computers leave their group; the appliance puts them in the default group (204). */
export async function unassignComputers(client: Client, computerIds: string[]): Promise<void> {
    await client.request("POST", "/Groups/UnassignComputers", { body: { allComputers: false, selectionComputerIds: computerIds } });
}

// ---- epm-kinds: ComputerGroup and Policy ------------------------------------------------------

/** U5: create takes the default flag as `isDefault`; GET answers it as `default`. */
export const groupCreate: ClientAssumption & { body(name: string, description: string, isDefault: boolean): Record<string, unknown> } = {
    assumption: "U5",
    method: "POST",
    path: "/Groups",
    sends: "ComputerGroup create: POST /Groups {name, description, isDefault} (isDefault true only when the program declares default: true); reads `default` back.",
    body: (name, description, isDefault) => ({ name, description, isDefault }),
};

/** U1: a group is deleted by id; the default group and a group holding computers are refused (4xx with the reason). */
export const groupDelete: ClientAssumption = {
    assumption: "U1",
    method: "DELETE",
    path: "/Groups/{id}",
    sends: "ComputerGroup delete: DELETE /Groups/{id} with no body; a 404 is done, a 400 or 409 is shown with its detail and what to do.",
};

/** U4: making a group the default is an action of its own (ModifyGroupRequest has no default flag). */
export const groupMarkAsDefault: ClientAssumption = {
    assumption: "U4",
    method: "POST",
    path: "/Groups/{id}/MarkAsDefault",
    sends: "ComputerGroup default: true: POST /Groups/{id}/MarkAsDefault with no body, only when the group is not the default already.",
};

/** P2: a policy's latest XML; the provider hashes it (SHA-256) and never shows it. */
export const policyContent: ClientAssumption = {
    assumption: "P2",
    method: "GET",
    path: "/Policies/{id}/Content",
    sends: "Policy refresh after a new revision, and adopt: GET /Policies/{id}/Content, read as bytes and kept only as its SHA-256 (contentSha256).",
};

/** U8b: policies are created under the configured version (v3 by default) with the multipart parts bt-cli uses. */
export const policyCreate: ClientAssumption & { parts: { name: string; description: string; file: string } } = {
    assumption: "U8b",
    method: "POST",
    path: "/Policies",
    sends: "Policy create: POST /Policies multipart Name, Description, PolicyFile (policy.xml, application/xml); the reply is the new id as a JSON string, 200 or 201.",
    parts: { name: "Name", description: "Description", file: "PolicyFile" },
};

/** U11: a policy a group uses is refused (4xx with the reason). */
export const policyDelete: ClientAssumption = {
    assumption: "U11",
    method: "DELETE",
    path: "/Policies/{id}",
    sends: "Policy delete: DELETE /Policies/{id}; a 404 is done, a 400 or 409 is shown with its detail and what to do.",
};

/** U9: the fields the provider reads: a policy's name, description, revision; a revision's id and revision. */
export const policyRevisions: ClientAssumption = {
    assumption: "U9",
    method: "GET",
    path: "/Policies/{id}/Revisions",
    sends: "Policy create, upload and refresh after a new revision: GET /Policies/{id}/Revisions (a bare array), reading only each revision's id and revision; of a policy only name, description and revision.",
};

/** U6: rename or redescribe with the id in the path. */
export const policyUpdate: ClientAssumption & { body(name: string, description: string): Record<string, unknown> } = {
    assumption: "U6",
    method: "PUT",
    path: "/Policies/{id}",
    sends: "Policy name or description change: PUT /Policies/{id} {name, description}, only when one of them differs; 204 or a body both accepted.",
    body: (name, description) => ({ name, description }),
};

/**
 * U7: a new revision. The update to the fact sheet says to call Upload under v2, the one version the
 * vendor documents it for, whatever version the other calls use: so the path is pinned here.
 */
export const policyUpload: ClientAssumption & { parts: { file: string; autoAssign: string; comment: string } } = {
    assumption: "U7",
    method: "POST",
    path: `${EPM_API_PREFIX}/v2/Policies/{id}/Upload`,
    fromOrigin: true,
    sends: "Policy content change: POST /management-api/v2/Policies/{id}/Upload multipart PolicyFile, AutoAssignToGroups=false (assignments decide which groups move), Comment (changeDescription, when set); the reply is the new revision's id.",
    parts: { file: "PolicyFile", autoAssign: "AutoAssignToGroups", comment: "Comment" },
};
