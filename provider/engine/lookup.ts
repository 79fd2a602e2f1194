// The one lookup engine: find objects of any kind by a filter, the data sources of this package.
// A lookup is one paginated list scan (the API's own filters where the list has them), followed to
// the last page, then an exact match of every filter property on the client. Identical lookups in
// flight at the same time share one scan.
import type { ConfigApiProduct } from "../core/product";
import type { ApiClient } from "../core/api-client";
import type { ConnectionInput, ResolvedConnection } from "../core/connection";
import { redact } from "../core/redact";
import type { ApiObject } from "./spec";

/** One kind that can be looked up: where its list is, what its objects hold, which filters the list takes. */
export interface LookupKind {
    /** e.g. "pra:JumpItemRole": the SDK's functions name it. */
    kind: string;
    /** Human name, singular, e.g. "Jump Item Role". */
    title: string;
    /** Path of the list below the API prefix, e.g. "/jump-item-role". */
    path: string;
    /** Only these products have the kind (Web Jump is absent from Remote Support). */
    products?: ReadonlyArray<ConfigApiProduct>;
    /** The result's properties (camelCase) and the API fields they come from; `id` is always there. */
    properties: Record<string, string>;
    /**
     * For properties whose shape differs from the API's (a codec in the kind's spec: "22;24" is
     * `[{localPort, remotePort}]`), how to turn the API's value into the property's, as read does.
     */
    fromApi?: Record<string, (value: unknown) => unknown>;
    /** API names of the list's query filters (exact, case-insensitive on the appliance). */
    listFilters: readonly string[];
    resolveConnection(input: ConnectionInput | undefined): ResolvedConnection;
    client(conn: ResolvedConnection): ApiClient;
}

export type LookupFilter = Record<string, string | number | boolean | null | undefined>;
export type LookupResult = Record<string, unknown> & { id: number };

export interface LookupOptions {
    connection?: ConnectionInput;
    /** The SDK function's name, for messages (e.g. "pra.getJumpItemRole"). */
    caller: string;
}

export class LookupError extends Error {
    constructor(message: string) {
        super(redact(message));
        this.name = "LookupError";
    }
}

/** Scans in flight, per client and list query: identical concurrent lookups share one. */
const inFlight = new WeakMap<ApiClient, Map<string, Promise<ApiObject[]>>>();

function scan(client: ApiClient, path: string, query: Record<string, string>): Promise<ApiObject[]> {
    let byQuery = inFlight.get(client);
    if (!byQuery) {
        byQuery = new Map();
        inFlight.set(client, byQuery);
    }
    const key = `${path}?${Object.keys(query)
        .sort()
        .map((k) => `${k}=${query[k]}`)
        .join("&")}`;
    let pending = byQuery.get(key);
    if (!pending) {
        pending = client.listAll<ApiObject>(path, query);
        const forget = () => byQuery!.delete(key);
        pending.then(forget, forget);
        byQuery.set(key, pending);
    }
    return pending;
}

/** Appliance filters are exact and case-insensitive; ids given as strings ("12") equal numbers. */
function sameFilterValue(live: unknown, wanted: unknown): boolean {
    if (wanted === null) return live === null || live === undefined;
    if (live === null || live === undefined) return false;
    return String(live).toLowerCase() === String(wanted).toLowerCase();
}

export function describeFilter(filter: LookupFilter): string {
    const parts = Object.entries(filter)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k} ${JSON.stringify(v)}`);
    return parts.length > 0 ? parts.join(", ") : "no filter";
}

const plural = (title: string) => (/y$/.test(title) ? `${title.slice(0, -1)}ies` : `${title}s`);

/** Every object of `kind` matching `filter`, the list followed to its last page. */
export async function lookupAll(kind: LookupKind, filter: LookupFilter, opts: LookupOptions): Promise<LookupResult[]> {
    const props: Record<string, string> = { id: "id", ...kind.properties };
    const given = Object.entries(filter ?? {}).filter(([, v]) => v !== undefined);
    const unknown = given.filter(([k]) => !(k in props)).map(([k]) => k);
    if (unknown.length > 0) {
        throw new LookupError(
            `${opts.caller}: ${kind.title} has no propert${unknown.length > 1 ? "ies" : "y"} ${unknown.map((k) => JSON.stringify(k)).join(", ")} to filter on (it has ${Object.keys(props).join(", ")})`,
        );
    }
    for (const [k, v] of given) {
        if (v !== null && typeof v === "object") throw new LookupError(`${opts.caller}: filter ${k} must be a string, number, boolean or null`);
    }
    const conn = kind.resolveConnection(opts.connection);
    if (kind.products && !kind.products.includes(conn.product)) {
        throw new LookupError(
            `${opts.caller}: ${plural(kind.title)} do not exist on ${conn.product === "rs" ? "Remote Support" : "Privileged Remote Access"} (product "${conn.product}")`,
        );
    }
    const query: Record<string, string> = {};
    for (const [k, v] of given) {
        if (v !== null && kind.listFilters.includes(props[k])) query[props[k]] = String(v);
    }
    const listed = await scan(kind.client(conn), kind.path, query);
    return listed
        .filter((o) => given.every(([k, v]) => sameFilterValue(o[props[k]], v)))
        .map((o) => {
            const out: LookupResult = { id: Number(o.id) };
            for (const [prop, api] of Object.entries(kind.properties)) {
                if (o[api] === undefined) continue;
                const decode = kind.fromApi?.[prop];
                out[prop] = decode && o[api] !== null ? decode(o[api]) : o[api];
            }
            return out;
        });
}

/** The one object of `kind` matching `filter`: none or several is an error naming the filter. */
export async function lookupOne(kind: LookupKind, filter: LookupFilter, opts: LookupOptions & { pluralCaller: string }): Promise<LookupResult> {
    const found = await lookupAll(kind, filter, opts);
    const described = describeFilter(filter);
    if (found.length === 0) {
        throw new LookupError(`${opts.caller}: no ${kind.title} matches ${described}`);
    }
    if (found.length > 1) {
        const ids =
            found
                .slice(0, 10)
                .map((o) => o.id)
                .join(", ") + (found.length > 10 ? ", ..." : "");
        throw new LookupError(
            `${opts.caller}: ${found.length} ${plural(kind.title)} match ${described} (ids ${ids}); add a filter property that tells them apart, or use ${opts.pluralCaller} for all of them`,
        );
    }
    return found[0];
}
