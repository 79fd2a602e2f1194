// Reads a live appliance for the importer: every kind the provider supports (the registry's specs),
// each through its own ObjectApi.list, with the provider's HTTP client (one token, the limiter,
// retries, pagination to the last page). A collection two kinds share (vault accounts) is listed once.
import type { ConfigApiProduct } from "../core/product";
import type { ConnectionInput, ResolvedConnection } from "../core/connection";
import { clientStats } from "../core/stats";
import type { FieldSpec } from "../engine/fields";
import type { ApiObject, ResourceSpec } from "../engine/spec";
import { SPECS } from "../registry";

export interface ImportedObject {
    spec: ResourceSpec;
    id: string;
    live: ApiObject;
}

export interface ReadOptions {
    /** Kinds to read: "ShellJump", "pra:ShellJump" or "shell-jump"; all when empty. */
    kinds?: string[];
    /** Glob (`*`, `?`, case-insensitive) on object names; a grant follows its group policy. */
    namePattern?: string;
    /** Jump Groups (names or ids): Jump Groups, their items and grants of them only. */
    jumpGroups?: string[];
    /** Also objects in users' personal lists (jump items, vault accounts). */
    includePersonal?: boolean;
    connection?: ConnectionInput;
    onProgress?: (p: Progress) => void;
}

export interface Progress {
    kind: string;
    kindsDone: number;
    kindsTotal: number;
    objects: number;
    calls: number;
}

export interface Skipped {
    spec: ResourceSpec;
    id: string;
    name: string;
    why: "built in" | "personal";
}

export interface Estate {
    conn: ResolvedConnection;
    objects: ImportedObject[];
    skipped: Skipped[];
    /** API requests made (including the token request). */
    calls: number;
    ms: number;
}

/** "pra:ShellJump", "ShellJump", "shell-jump", "shelljump" all name the same kind. */
export function kindMatches(spec: ResourceSpec, wanted: string): boolean {
    const norm = (s: string) =>
        s
            .toLowerCase()
            .replace(/^pra:/, "")
            .replace(/[^a-z0-9]/g, "");
    return norm(spec.kind) === norm(wanted);
}

export function globToRegExp(glob: string): RegExp {
    const body = [...glob].map((c) => (c === "*" ? ".*" : c === "?" ? "." : c.replace(/[.+^${}()|[\]\\]/g, "\\$&"))).join("");
    return new RegExp(`^${body}$`, "iu");
}

/** The kinds a ref field of this object points at (none for literal-only refs). */
export function refTargets(field: FieldSpec, live: ApiObject): readonly string[] {
    if (!field.refTo) return [];
    return typeof field.refTo === "function" ? field.refTo(live) : field.refTo;
}

function onProduct(spec: ResourceSpec, product: ConfigApiProduct): boolean {
    return !spec.products || spec.products.includes(product);
}

export async function readEstate(opts: ReadOptions = {}): Promise<Estate> {
    const started = Date.now();
    const callsBefore = clientStats.requests + clientStats.tokensMinted;
    const first = SPECS[0];
    const conn = first.resolveConnection(opts.connection);
    const client = first.client(conn);
    for (const k of opts.kinds ?? []) {
        if (!SPECS.some((s) => kindMatches(s, k))) {
            throw new Error(`no resource kind "${k}" (known: ${SPECS.map((s) => s.kind.replace(/^pra:/, "")).join(", ")})`);
        }
    }
    const specs = SPECS.filter((s) => onProduct(s, conn.product) && (!opts.kinds?.length || opts.kinds.some((k) => kindMatches(s, k))));

    // One scan per collection per run, whichever kinds need it.
    const scans = new Map<string, Promise<ApiObject[]>>();
    const listAll = (path: string) => {
        let scan = scans.get(path);
        if (!scan) {
            scan = client.listAll<ApiObject>(path);
            scans.set(path, scan);
        }
        return scan;
    };

    const pattern = opts.namePattern ? globToRegExp(opts.namePattern) : undefined;
    let groupIds: Set<string> | undefined;
    if (opts.jumpGroups?.length) {
        const groups = await listAll("/jump-group");
        groupIds = new Set();
        for (const want of opts.jumpGroups) {
            const found = groups.filter((g) => String(g.id) === want || String(g.name).toLowerCase() === want.toLowerCase());
            if (found.length === 0) throw new Error(`no Jump Group named or numbered ${JSON.stringify(want)}`);
            for (const g of found) groupIds.add(String(g.id));
        }
    }

    const objects: ImportedObject[] = [];
    const skipped: Skipped[] = [];
    const kept = new Map<string, Set<string>>(); // kind -> ids kept, for grants following their policy
    const calls = () => clientStats.requests + clientStats.tokensMinted - callsBefore;
    let done = 0;
    for (const spec of specs) {
        opts.onProgress?.({ kind: spec.title, kindsDone: done, kindsTotal: specs.length, objects: objects.length, calls: calls() });
        if (!spec.api.list) continue;
        const listed = await spec.api.list({ client, listAll });
        const ids = new Set<string>();
        for (const { id, live } of listed) {
            const name = typeof live.name === "string" ? live.name : "";
            if (spec.builtIn?.(live)) {
                skipped.push({ spec, id, name, why: "built in" });
                continue;
            }
            if (spec.personal?.(live) && !opts.includePersonal) {
                skipped.push({ spec, id, name, why: "personal" });
                continue;
            }
            if (!selected(spec, live, pattern, groupIds, kept)) continue;
            ids.add(id);
            objects.push({ spec, id, live });
        }
        kept.set(spec.kind, ids);
        done++;
    }
    opts.onProgress?.({ kind: "done", kindsDone: done, kindsTotal: specs.length, objects: objects.length, calls: calls() });
    return { conn, objects, skipped, calls: calls(), ms: Date.now() - started };
}

function selected(
    spec: ResourceSpec,
    live: ApiObject,
    pattern: RegExp | undefined,
    groupIds: Set<string> | undefined,
    kept: Map<string, Set<string>>,
): boolean {
    const refs = Object.values(spec.fields).filter((f) => refTargets(f, live).length > 0);
    if (groupIds) {
        if (spec.kind === "pra:JumpGroup" && !groupIds.has(String(live.id))) return false;
        for (const f of refs) {
            if (refTargets(f, live).includes("pra:JumpGroup") && !groupIds.has(String(live[f.api]))) return false;
        }
    }
    if (pattern) {
        if ("name" in spec.fields) return pattern.test(String(live.name ?? ""));
        // No name of its own (a grant): it follows the object its first reference names, when read.
        const owner = refs[0];
        if (owner) {
            const target = refTargets(owner, live).find((k) => kept.has(k));
            if (target) return kept.get(target)!.has(String(live[owner.api]));
        }
    }
    return true;
}
