// Computers as EPM lists them, read once per operation and filtered here (the API has no
// host-name filter anyone has seen: assumption U14). One list serves resolving host names,
// checking that ids exist and seeing which group each computer is in, so a membership costs one
// call per 200 computers of the tenant however many it names.
import type { ApiClient } from "../core/api-client";
import { computerList } from "./assumptions";
import type { EpmConnection } from "./connection";

export interface ComputerRow {
    id: string;
    host: string;
    domain: string;
    os: string;
    hostType: string;
    connectionStatus: string;
    groupId: string;
    groupName: string;
    archived: boolean;
    lastConnected?: string;
}

function row(r: Record<string, unknown>): ComputerRow {
    const s = (v: unknown) => (typeof v === "string" ? v : "");
    return {
        id: s(r.id).toLowerCase(),
        host: s(r.host),
        domain: s(r.domain),
        os: s(r.os),
        hostType: s(r.hostType),
        connectionStatus: s(r.connectionStatus),
        groupId: s(r.groupId).toLowerCase(),
        groupName: s(r.groupName),
        archived: r.archived === true,
        ...(typeof r.lastConnected === "string" ? { lastConnected: r.lastConnected } : {}),
    };
}

export async function allComputers(client: ApiClient<EpmConnection>): Promise<ComputerRow[]> {
    return (await client.listAll<Record<string, unknown>>(computerList.path, computerList.query)).map(row);
}

/** The computers a program names by id and by host name (case-insensitive), or the names nothing matches. */
export function resolveComputers(
    computers: ComputerRow[],
    ids: readonly string[],
    hostNames: readonly string[],
): { found: Map<string, ComputerRow>; unknown: string[]; ambiguous: string[] } {
    const byId = new Map(computers.map((c) => [c.id, c]));
    const found = new Map<string, ComputerRow>();
    const unknown: string[] = [];
    const ambiguous: string[] = [];
    for (const id of ids) {
        const c = byId.get(id.toLowerCase());
        if (c) found.set(c.id, c);
        else unknown.push(`computerIds: ${id}`);
    }
    for (const name of hostNames) {
        const matches = computers.filter((c) => c.host.toLowerCase() === name.toLowerCase());
        if (matches.length === 1) found.set(matches[0].id, matches[0]);
        else if (matches.length === 0) unknown.push(`hostNames: ${name}`);
        else ambiguous.push(`hostNames: ${name} (${matches.map((c) => `${c.id} in ${c.domain || "no domain"}`).join(", ")})`);
    }
    return { found, unknown, ambiguous };
}
