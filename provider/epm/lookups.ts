// EPM lookups, for programs (the SDK's epm.get* require this module on their first call, in the
// program's process): computers by host name, domain, OS, connection status or group (every page,
// filtered here: the API has no filter for them, assumption U14), a computer group or a policy by
// name or id. The single-object lookups need exactly one match; the error names the filter.
import { GUID } from "../engine/fields";
import type { ApiClient } from "../core/api-client";
import { groupPolicyFields } from "./assumptions";
import type { EpmConnection } from "./connection";
import { revisionsOf } from "./revisions";
import { GROUPS, POLICIES } from "./common";
import { allComputers } from "./computers";
import { EpmConnectionInput, resolveEpmConnection } from "./connection";
import { ApiObject, unlessMissing } from "./kind";
import { epmClient } from "./profile";

export class EpmLookupError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "EpmLookupError";
    }
}

export interface ComputerInfo {
    id: string;
    hostName: string;
    domain: string;
    os: string;
    /** "MicrosoftWindows", "MacOS", "Linux". */
    hostType: string;
    connectionStatus: "connected" | "disconnected";
    groupId: string;
    groupName: string;
    archived: boolean;
}

export interface ComputerGroupInfo {
    id: string;
    name: string;
    description: string;
    default: boolean;
    computerCount: number;
    /** The policy the group holds and its revision; undefined without one. */
    policyId?: string;
    policyRevisionId?: string;
}

export interface PolicyInfo {
    id: string;
    name: string;
    description: string;
    latestRevisionId: string;
    /** The latest revision's number (1, 2, ...). */
    latestRevision: number;
}

export interface ComputerFilter {
    /** Exact, without regard to case. */
    hostName?: string;
    /** Exact, without regard to case. */
    domain?: string;
    /** Contained in the computer's OS, without regard to case: "Windows 11", "macOS". */
    os?: string;
    connectionStatus?: "connected" | "disconnected";
    groupId?: string;
}

type Where = { connection?: EpmConnectionInput };

function clientOf(connection: EpmConnectionInput | undefined): ApiClient<EpmConnection> {
    return epmClient(resolveEpmConnection(connection));
}

function guid(caller: string, name: string, value: unknown): string {
    const text = String(value ?? "")
        .trim()
        .toLowerCase();
    if (!GUID.test(text)) throw new EpmLookupError(`${caller}: ${name} must be a GUID, not ${JSON.stringify(String(value ?? "")).slice(0, 60)}`);
    return text;
}

/** Exactly one match, or an error naming the filter. */
function single<T>(caller: string, filter: string, matches: T[]): T {
    if (matches.length === 1) return matches[0];
    throw new EpmLookupError(
        matches.length === 0
            ? `${caller}: nothing matches ${filter}`
            : `${caller}: ${matches.length} objects match ${filter}; narrow the filter or give the id`,
    );
}

const sameText = (a: unknown, b: string) => String(a ?? "").toLowerCase() === b.toLowerCase();
const FILTER_KEYS = ["hostName", "domain", "os", "connectionStatus", "groupId"] as const;

export async function getComputers(args: ComputerFilter & Where = {}): Promise<ComputerInfo[]> {
    const caller = "epm.getComputers";
    const unknown = Object.keys(args).filter((k) => k !== "connection" && !(FILTER_KEYS as readonly string[]).includes(k));
    if (unknown.length) throw new EpmLookupError(`${caller}: ${unknown.join(", ")} is not a filter (filters: ${FILTER_KEYS.join(", ")})`);
    const status = args.connectionStatus;
    if (status !== undefined && status !== "connected" && status !== "disconnected") {
        throw new EpmLookupError(`${caller}: connectionStatus must be "connected" or "disconnected", not ${JSON.stringify(status)}`);
    }
    const groupId = args.groupId === undefined ? undefined : guid(caller, "groupId", args.groupId);
    const rows = await allComputers(clientOf(args.connection));
    return rows
        .filter(
            (c) =>
                (args.hostName === undefined || sameText(c.host, args.hostName)) &&
                (args.domain === undefined || sameText(c.domain, args.domain)) &&
                (args.os === undefined || c.os.toLowerCase().includes(args.os.toLowerCase())) &&
                (status === undefined || sameText(c.connectionStatus, status)) &&
                (groupId === undefined || c.groupId === groupId),
        )
        .map((c) => ({
            id: c.id,
            hostName: c.host,
            domain: c.domain,
            os: c.os,
            hostType: c.hostType,
            connectionStatus: sameText(c.connectionStatus, "connected") ? "connected" : "disconnected",
            groupId: c.groupId,
            groupName: c.groupName,
            archived: c.archived,
        }));
}

/** One object by id (a GET) or by name (the list, matched without regard to case). */
async function byNameOrId(caller: string, client: ApiClient<EpmConnection>, path: string, args: { id?: string; name?: string }): Promise<ApiObject> {
    if (args.id !== undefined) {
        const id = guid(caller, "id", args.id);
        const found = await unlessMissing(() => client.request<ApiObject>("GET", `${path}/${id}`));
        return single(caller, `id ${JSON.stringify(args.id)}`, found ? [found] : []);
    }
    if (typeof args.name !== "string" || args.name === "") throw new EpmLookupError(`${caller}: give name or id`);
    const rows = await client.listAll<ApiObject>(path, { "Sorts[0].by": "created", "Sorts[0].order": "asc" });
    return single(
        caller,
        `name ${JSON.stringify(args.name)}`,
        rows.filter((r) => sameText(r.name, args.name!)),
    );
}

export async function getComputerGroup(args: { id?: string; name?: string } & Where): Promise<ComputerGroupInfo> {
    const g = await byNameOrId("epm.getComputerGroup", clientOf(args.connection), GROUPS, args);
    const { policyId, policyRevisionId } = groupPolicyFields.read(g);
    return {
        id: String(g.id).toLowerCase(),
        name: String(g.name ?? ""),
        description: String(g.description ?? ""),
        default: g.default === true,
        computerCount: Number(g.computerCount ?? 0),
        ...(policyId ? { policyId } : {}),
        ...(policyRevisionId ? { policyRevisionId } : {}),
    };
}

export async function getPolicy(args: { id?: string; name?: string } & Where): Promise<PolicyInfo> {
    const caller = "epm.getPolicy";
    const client = clientOf(args.connection);
    const p = await byNameOrId(caller, client, POLICIES, args);
    const id = String(p.id).toLowerCase();
    const revisions = await revisionsOf(client, id);
    const latest = revisions[revisions.length - 1];
    if (!latest) throw new EpmLookupError(`${caller}: policy ${id} has no revision`);
    return { id, name: String(p.name ?? ""), description: String(p.description ?? ""), latestRevisionId: latest.id, latestRevision: latest.revision };
}
