// The client's side of every EPM Management API shape no public source confirms: for each call the
// provider makes on an Unverified (or Client-only) endpoint, the route and the body it sends, named
// by the assumption id of docs/epm-assumptions.md (the simulator's side is simulator/epm/assumptions.ts).
// The kinds build their requests from these entries only, so when a tenant's swagger
// (/management-api/swagger, definition v3) says otherwise, one entry here changes and every kind
// follows; docs/epm-assumptions.md repeats each entry's `sends` under its assumption (a unit test
// keeps the two in step). Blocks per helper, each in alphabetical order, to keep merges easy.
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
    sends: "Policy create, upload and refresh after a new revision, PolicyAssignment create and update, epm.getPolicy: GET /Policies/{id}/Revisions (a bare array), reading only each revision's id and revision (the highest is the latest); of a policy only name, description and revision.",
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

// ---- epm-assign: PolicyAssignment, ComputerGroupMembership, lookups ----------------------------

/** U14: no computer filter but the dates is known, so every page is read (oldest first: the vendor's advice against duplicates) and matched here. */
export const computerList: ClientAssumption & { query: Record<string, string> } = {
    assumption: "U14",
    method: "GET",
    path: "/Computers",
    sends: "ComputerGroupMembership (create, update, refresh, delete) and epm.getComputers: GET /Computers, every page of 200 with Sorts[0].by=created asc and no filter query; ids, host names, domain, OS, connection status and group are matched in the provider.",
    query: { "Sorts[0].by": "created", "Sorts[0].order": "asc" },
};

/** G2: computers move into a group without being unassigned first; the reply (a task id) is not used. */
export const groupAssignComputers: ClientAssumption & { body(computerIds: string[]): Record<string, unknown> } = {
    assumption: "G2",
    method: "POST",
    path: "/Groups/{id}/AssignComputers",
    sends: "ComputerGroupMembership create and update: POST /Groups/{id}/AssignComputers {computerIds} with only the named computers not in the group yet; any 2xx is done, its body ignored.",
    body: (computerIds) => ({ computerIds }),
};

/** U2: one group gets one chosen revision. */
export const groupAssignPolicyRevision: ClientAssumption & { body(policyRevisionId: string): Record<string, unknown> } = {
    assumption: "U2",
    method: "POST",
    path: "/Groups/{id}/AssignPolicyRevision",
    sends: "PolicyAssignment create and update: POST /Groups/{id}/AssignPolicyRevision {policyRevisionId}, only when the group does not hold that revision already.",
    body: (policyRevisionId) => ({ policyRevisionId }),
};

/** U3: a group left without a policy. */
export const groupClearPolicy: ClientAssumption = {
    assumption: "U3",
    method: "POST",
    path: "/Groups/{id}/ClearPolicy",
    sends: "PolicyAssignment delete: POST /Groups/{id}/ClearPolicy with no body; a 404 (the group is gone) is done.",
};

/** U10: the group model's assignment, read from policyId and policyRevisionId, never from policyRevisionStatus's unseen values. */
export const groupPolicyFields: ClientAssumption & { read(live: Record<string, unknown>): { policyId?: string; policyRevisionId?: string } } = {
    assumption: "U10",
    method: "GET",
    path: "/Groups/{id}",
    sends: "PolicyAssignment create, refresh and adopt, epm.getComputerGroup: GET /Groups/{id}, reading policyId and policyRevisionId (null: no policy, the assignment is gone); policyRevisionStatus is not read.",
    read(live) {
        const id = (v: unknown) => (typeof v === "string" && v !== "" ? v.toLowerCase() : undefined);
        return { policyId: id(live.policyId), policyRevisionId: id(live.policyRevisionId) };
    },
};

/** G1: computers taken out of their group land in the default group (a computer is always in one). */
export const groupUnassignComputers: ClientAssumption & { body(computerIds: string[]): Record<string, unknown> } = {
    assumption: "G1",
    method: "POST",
    path: "/Groups/UnassignComputers",
    sends: "ComputerGroupMembership update and delete: POST /Groups/UnassignComputers {allComputers: false, selectionComputerIds} with the computers it placed that are still in its group; they return to the default group.",
    body: (computerIds) => ({ allComputers: false, selectionComputerIds: computerIds }),
};
