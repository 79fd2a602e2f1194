// The appliance's objects in memory: collections keyed by public path, the grant rows, id
// allocation and the documented cascades. No HTTP here (that is crud.ts / grants.ts).
import { ApiError } from "../core/errors";
import { Field, INT32_MAX, Kind, Obj, Product, own } from "./fields";
import { GRANT_KINDS, GRANT_OWNER_FIELD } from "./grant-kinds";
import { KIND_BY_PATH, kindsFor } from "./kinds";
import { Lookup, applyDefaults, tableFor } from "./validator";

export interface StateDump {
    product?: Product;
    collections: Record<string, Obj[]>;
    grants: Record<string, Obj[]>;
    next_ids?: Record<string, number>;
}

export class Model implements Lookup {
    private collections = new Map<string, Map<number, Obj>>();
    private grants = new Map<string, Obj[]>();
    private nextIds = new Map<string, number>();
    /** The kinds this product serves: only they have collections. */
    private readonly kinds: Kind[];

    constructor(public readonly product: Product) {
        this.kinds = kindsFor(product);
        this.clear();
    }

    clear(): void {
        this.collections = new Map(this.kinds.map((k) => [k.path, new Map()]));
        this.grants = new Map(GRANT_KINDS.map((g) => [g.path, []]));
        this.nextIds = new Map(
            [...this.kinds.map((k) => k.path), ...GRANT_KINDS.filter((g) => g.allocatesId).map((g) => grantIdKey(g.path))].map((k) => [k, 1]),
        );
    }

    /** The id for a new row of a grant kind whose rows have their own (members): never one used before. */
    nextGrantId(grant: string): number {
        const key = grantIdKey(grant);
        const used = new Set(this.grantRows(grant).map((r) => r.id));
        let id = this.nextIds.get(key) ?? 1;
        while (used.has(id)) id++;
        this.nextIds.set(key, id + 1);
        return id;
    }

    has(kind: string): boolean {
        return this.collections.has(kind);
    }

    get(kind: string, id: number): Obj | undefined {
        return this.collections.get(kind)?.get(id);
    }

    all(kind: string): Obj[] {
        return [...(this.collections.get(kind)?.values() ?? [])].sort((a, b) => (a.id as number) - (b.id as number));
    }

    /**
     * Stores an object under its own id (seeds) or the next free one. Ids are the spec's ObjectId,
     * int32 from 1: beyond 2^53 `id + 1 === id`, so an unchecked seed id there made allocation loop
     * forever. Seeds are checked (checkSeedId); allocation stops at INT32_MAX with a clear error.
     */
    insert(kind: string, obj: Obj): Obj {
        const col = this.collection(kind);
        let id = obj.id === undefined || obj.id === null ? undefined : checkSeedId(kind, obj.id);
        if (id === undefined) {
            id = this.nextIds.get(kind) ?? 1;
            while (col.has(id) && id <= INT32_MAX) id++;
            if (id > INT32_MAX) {
                throw new ApiError(422, {
                    message: `No id is left for a new ${kind} object: ids are integers from 1 to ${INT32_MAX}.`,
                    errors: { id: [`The ${kind} ids are exhausted.`] },
                });
            }
        }
        const stored = { ...obj, id };
        col.set(id, stored);
        this.nextIds.set(kind, Math.max(this.nextIds.get(kind) ?? 1, id + 1));
        return stored;
    }

    replace(kind: string, obj: Obj): Obj {
        this.collection(kind).set(obj.id as number, obj);
        return obj;
    }

    /** Deletes an object and applies every cascade declared in the field tables. */
    remove(kind: string, id: number): boolean {
        const col = this.collection(kind);
        if (!col.delete(id)) return false;
        for (const other of this.kinds) {
            for (const [field, spec] of Object.entries(allFields(other))) {
                if (spec.ref?.kind !== kind) continue;
                for (const obj of this.all(other.path)) {
                    if (obj[field] !== id || (spec.ref.when && !spec.ref.when(obj))) continue;
                    if (spec.ref.onDelete === "cascade") this.remove(other.path, obj.id as number);
                    else obj[field] = spec.ref.onDelete === "nullify" ? null : spec.ref.reassignTo;
                }
            }
        }
        for (const g of GRANT_KINDS) {
            const fields: Record<string, Field> = { ...g.fields, ...GRANT_OWNER_FIELD };
            let rows = this.grants.get(g.path)!;
            for (const [field, spec] of Object.entries(fields)) {
                if (spec.ref?.kind !== kind) continue;
                if (spec.ref.onDelete === "cascade") rows = rows.filter((r) => r[field] !== id);
                else for (const r of rows) if (r[field] === id) r[field] = spec.ref.reassignTo;
            }
            this.grants.set(g.path, rows);
        }
        return true;
    }

    grantRows(grant: string, groupPolicyId?: number): Obj[] {
        const rows = this.grants.get(grant) ?? [];
        return groupPolicyId === undefined ? rows : rows.filter((r) => r.group_policy_id === groupPolicyId);
    }

    findGrant(grant: string, groupPolicyId: number, key: string, id: number): Obj | undefined {
        return this.grantRows(grant, groupPolicyId).find((r) => r[key] === id);
    }

    addGrant(grant: string, row: Obj): void {
        this.grants.get(grant)!.push(row);
    }

    removeGrant(grant: string, groupPolicyId: number, key: string, id: number): boolean {
        const rows = this.grants.get(grant)!;
        const kept = rows.filter((r) => !(r.group_policy_id === groupPolicyId && r[key] === id));
        this.grants.set(grant, kept);
        return kept.length !== rows.length;
    }

    dump(): StateDump {
        return {
            product: this.product,
            collections: Object.fromEntries(this.kinds.map((k) => [k.path, this.all(k.path).map((o) => ({ ...o }))])),
            grants: Object.fromEntries(GRANT_KINDS.map((g) => [g.path, this.grantRows(g.path).map((r) => ({ ...r }))])),
            next_ids: Object.fromEntries(this.nextIds),
        };
    }

    /**
     * Adds objects and grants from a dump: given ids are kept (replacing an object with the same
     * id), missing ids are allocated. Unknown collections are an error, so typos do not vanish.
     */
    seed(dump: Partial<StateDump>): { added: number } {
        // Check every id before adding anything, so a refused seed leaves the state as it was.
        for (const [kind, objs] of Object.entries(dump.collections ?? {})) {
            if (!Array.isArray(objs)) continue;
            for (const obj of objs) if (obj && typeof obj === "object" && (obj as Obj).id !== undefined) checkSeedId(kind, (obj as Obj).id);
        }
        let added = 0;
        for (const [kind, objs] of Object.entries(dump.collections ?? {})) {
            if (!this.has(kind)) throw new Error(`unknown collection "${kind}"`);
            if (!Array.isArray(objs)) throw new Error(`collection "${kind}" must be an array`);
            for (const obj of objs) {
                if (!obj || typeof obj !== "object" || Array.isArray(obj)) throw new Error(`objects in "${kind}" must be objects`);
                this.insert(kind, withDefaults(kind, obj as Obj, this.product));
                added++;
            }
        }
        for (const [grant, rows] of Object.entries(dump.grants ?? {})) {
            if (!this.grants.has(grant)) throw new Error(`unknown grant kind "${grant}"`);
            if (!Array.isArray(rows)) throw new Error(`grants "${grant}" must be an array`);
            for (const row of rows) {
                if (!row || typeof row !== "object" || typeof (row as Obj).group_policy_id !== "number") {
                    throw new Error(`grants in "${grant}" need a numeric group_policy_id`);
                }
                this.grants.get(grant)!.push({ ...row });
                added++;
            }
        }
        for (const [kind, next] of Object.entries(dump.next_ids ?? {})) {
            if (!this.nextIds.has(kind)) continue;
            if (!Number.isInteger(next) || next < 1 || next > INT32_MAX + 1) {
                throw new Error(`next_ids "${kind}" must be an integer from 1 to ${INT32_MAX + 1}, not ${JSON.stringify(next)}`);
            }
            this.nextIds.set(kind, Math.max(this.nextIds.get(kind)!, next));
        }
        return { added };
    }

    private collection(kind: string): Map<number, Obj> {
        const col = this.collections.get(kind);
        if (!col) throw new Error(`unknown collection "${kind}"`);
        return col;
    }
}

/** Where a grant kind's id counter lives among the collections' (dumped and seeded alike). */
function grantIdKey(grant: string): string {
    return `group-policy/${grant}`;
}

/** A given id must be one the appliance could have: the spec's ObjectId, an integer from 1 to INT32_MAX. */
function checkSeedId(kind: string, id: unknown): number {
    if (typeof id !== "number" || !Number.isInteger(id) || id < 1 || id > INT32_MAX) {
        throw new Error(`objects in "${kind}": id ${JSON.stringify(id)} is not an appliance id (an integer from 1 to ${INT32_MAX})`);
    }
    return id;
}

function allFields(kind: Kind): Record<string, Field> {
    const out: Record<string, Field> = { ...kind.fields };
    for (const table of Object.values(kind.variants?.tables ?? {})) Object.assign(out, table);
    return out;
}

/** Seeded objects skip validation but still get the defaults a created object would have. */
export function withDefaults(kind: string, obj: Obj, product: Product): Obj {
    const spec = KIND_BY_PATH.get(kind)!;
    const variant = spec.variants ? own(spec.variants.tables, String(obj[spec.variants.by])) : undefined;
    const out = { ...obj };
    applyDefaults(tableFor(variant ?? spec.fields, product), out);
    return out;
}
