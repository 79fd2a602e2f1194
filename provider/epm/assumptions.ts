// The client's side of every EPM Management API shape no public source confirms: each call the
// provider makes on an Unverified (or Client-only) endpoint is written here once, naming the
// assumption it rests on (docs/epm-assumptions.md, U1..U15, G1..G3, P1, P2, C1..C3). One look at a
// tenant's /management-api/swagger (definition v3) confirms or corrects an entry, and the kinds
// that use it follow. Paths are below the API prefix (/management-api/v3). Blocks are per kind
// family, alphabetical inside, so parallel work merges cleanly.
import type { ApiClient, Endpoint } from "../core/api-client";

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

/** U9: a policy's revisions ({id, revision}), oldest first; the last is the latest. */
export async function policyRevisions(client: Client, policyId: string): Promise<Array<{ id: string; revision: number }>> {
    const rows = await client.request<unknown>("GET", `/Policies/${policyId}/Revisions`);
    const list = (Array.isArray(rows) ? rows : []) as Row[];
    return list.map((r) => ({ id: String(r.id ?? "").toLowerCase(), revision: Number(r.revision ?? 0) })).sort((a, b) => a.revision - b.revision);
}

/** G1: the computers leave their group; the appliance puts them in the default group (204). */
export async function unassignComputers(client: Client, computerIds: string[]): Promise<void> {
    await client.request("POST", "/Groups/UnassignComputers", { body: { allComputers: false, selectionComputerIds: computerIds } });
}
