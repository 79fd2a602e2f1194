// A policy's revisions as PolicyAssignment and epm.getPolicy need them: id and number, oldest
// first, so the last is the latest (the route and the fields read are assumption U9's entry).
import type { ApiClient } from "../core/api-client";
import { policyRevisions, routeOf } from "./assumptions";
import type { EpmConnection } from "./connection";

export interface RevisionRef {
    id: string;
    revision: number;
}

export async function revisionsOf(client: ApiClient<EpmConnection>, policyId: string): Promise<RevisionRef[]> {
    const rows = await client.request<unknown>(policyRevisions.method, routeOf(policyRevisions, policyId));
    return ((Array.isArray(rows) ? rows : []) as Array<Record<string, unknown>>)
        .map((r) => ({ id: String(r.id ?? "").toLowerCase(), revision: Number(r.revision ?? 0) }))
        .sort((a, b) => a.revision - b.revision);
}
