import { ApiClient, mayHaveLanded } from "../core/api-client";
import { isNotFound } from "../core/errors";
import { processState } from "../core/process-state";
import { sameValue } from "./fields";
import { readerFor } from "./read-batcher";
import type { ApiObject, CallContext, ObjectApi } from "./spec";

export interface CollectionOptions {
    /** e.g. "/jump-item/shell-jump" */
    path: string;
    /**
     * The list filters (exact, case-insensitive on the appliance) that find this object by the
     * properties a human would call its identity: used by `adopt: true`.
     */
    naturalKey: (body: ApiObject) => Record<string, string | number>;
    /** API fields never returned by reads (write-only secrets): not compared when matching. */
    writeOnly?: string[];
    /**
     * The list returns the same objects as GET by id, so parallel reads (a refresh) may be served
     * by list scans. False where the list holds a reduced schema (vault accounts).
     */
    listHoldsFullObjects?: boolean;
    /** Which listed objects are this kind's, when kinds share a collection (vault accounts by type). */
    belongs?: (live: ApiObject) => boolean;
    /**
     * How the API updates: PRA/RS PATCH the changed fields (the default); APIs that replace the
     * record (Password Safe's PUT: a field left out is cleared) take the whole body.
     */
    update?: { verb: "PATCH" | "PUT"; body: "changed" | "full" };
}

function idOf(obj: ApiObject): string {
    return String(obj.id);
}

/**
 * What a lost POST's lookup may accept, per API client (one appliance and account, one run) and
 * collection. Appliance ids are integers allocated in increasing order, so an object that existed
 * before a POST was sent has an id no higher than the highest id known to exist at that moment:
 *  - `base`: the highest id in the collection before this run's first POST to it (one list page,
 *    two when the collection has more than one page; taken once per collection per run);
 *  - `answered`: the highest id our own POSTs were answered with so far (those objects existed
 *    before any POST sent after the answer);
 *  - `claimed`: ids this run already holds (created or adopted), never the answer to another POST.
 */
interface Floor {
    base?: Promise<number>;
    answered: number;
    claimed: Set<string>;
}

const floors = processState("createFloors", () => new WeakMap<ApiClient, Map<string, Floor>>());

function floorFor(client: ApiClient, path: string): Floor {
    let byPath = floors.get(client);
    if (!byPath) floors.set(client, (byPath = new Map()));
    let floor = byPath.get(path);
    if (!floor) byPath.set(path, (floor = { answered: 0, claimed: new Set() }));
    return floor;
}

/** The highest id before this run's first POST to the collection, looked up once (a failed look is retried). */
function baseOf(client: ApiClient, path: string, floor: Floor): Promise<number> {
    if (!floor.base) {
        const base = highestId(client, path);
        floor.base = base;
        base.catch(() => {
            if (floor.base === base) floor.base = undefined;
        });
    }
    return floor.base;
}

/** The highest id in a collection: the last page of the list, which the appliance orders by id. */
async function highestId(client: ApiClient, path: string): Promise<number> {
    const first = await client.page<ApiObject>(path, 1);
    let items = first.items;
    const ascending = items.every((o, i) => i === 0 || Number(o.id) > Number(items[i - 1].id));
    if (first.lastPage > 1) {
        if (ascending) items = (await client.page<ApiObject>(path, first.lastPage)).items;
        else for (let p = 2; p <= first.lastPage; p++) items = items.concat((await client.page<ApiObject>(path, p)).items);
    }
    return items.reduce((max, o) => Math.max(max, Number(o.id) || 0), 0);
}

/** The usual REST collection: POST to create, GET/PATCH/DELETE by id, a filtered paginated list. */
export function collectionApi(opts: CollectionOptions): ObjectApi {
    const writeOnly = new Set(opts.writeOnly ?? []);

    /** Does a listed object carry every value we sent? (the only way to recognize our own POST) */
    const carries = (live: ApiObject, body: ApiObject) => Object.entries(body).every(([k, v]) => writeOnly.has(k) || !(k in live) || sameValue(live[k], v));

    async function findByKey(ctx: CallContext, match: (o: ApiObject) => boolean): Promise<ApiObject[]> {
        const listed = await ctx.client.listAll<ApiObject>(opts.path, opts.naturalKey(ctx.body));
        return listed.filter(match);
    }

    /**
     * The object our POST made, when its answer did not arrive: one that carries every value sent
     * and did not exist before the POST was sent (its id is above `floor`, and no other resource of
     * this run holds it). Ids grow, so the newest such match is ours. An object that existed before
     * is never the answer, however well it matches: the POST is resent, and the appliance answers
     * with its own conflict where the natural key is unique.
     */
    async function newestCarrying(ctx: CallContext, floor: number, claimed: Set<string>): Promise<ApiObject | undefined> {
        const matches = await findByKey(ctx, (o) => Number(o.id) > floor && !claimed.has(idOf(o)) && carries(o, ctx.body));
        return matches.sort((a, b) => Number(b.id) - Number(a.id))[0];
    }

    async function get(ctx: Pick<CallContext, "client">, id: string): Promise<ApiObject | undefined> {
        try {
            return await ctx.client.request<ApiObject>("GET", `${opts.path}/${encodeURIComponent(id)}`);
        } catch (err) {
            if (isNotFound(err)) return undefined;
            throw err;
        }
    }

    function read(ctx: Pick<CallContext, "client">, id: string): Promise<ApiObject | undefined> {
        if (!opts.listHoldsFullObjects) return get(ctx, id);
        return readerFor(ctx.client, opts.path).read(id, () => get(ctx, id));
    }

    /** Any write of ours makes a list snapshot of the collection stale. */
    const wrote = (ctx: Pick<CallContext, "client">) => readerFor(ctx.client, opts.path).invalidate();

    return {
        collection: { path: opts.path, listHoldsFullObjects: opts.listHoldsFullObjects === true },

        async create(ctx) {
            const state = floorFor(ctx.client, opts.path);
            // Known before the POST is sent: what existed then can never be taken for its result.
            const floor = Math.max(await baseOf(ctx.client, opts.path, state), state.answered);
            wrote(ctx);
            const made = (live: ApiObject) => {
                const id = idOf(live);
                state.claimed.add(id);
                state.answered = Math.max(state.answered, Number(live.id) || 0);
                return { id, live };
            };
            let created: ApiObject | undefined;
            try {
                created = await ctx.client.request<ApiObject | undefined>("POST", opts.path, {
                    body: ctx.body,
                    // If the answer was lost, the object may exist already.
                    findCreated: () => newestCarrying(ctx, floor, state.claimed),
                });
            } catch (err) {
                if (mayHaveLanded(err)) err.message += ` (it would be in ${opts.path} with ${JSON.stringify(opts.naturalKey(ctx.body))})`;
                throw err;
            }
            if (created && created.id !== undefined) return made(created);
            // Some appliance versions answer 201 with an empty body: look the object up instead.
            const newest = await newestCarrying(ctx, floor, state.claimed);
            if (!newest) throw new Error(`POST ${opts.path} answered without the created object, and no match was found`);
            return made(newest);
        },

        read: (ctx, id) => read(ctx, id),

        async update(ctx, id, changed) {
            wrote(ctx);
            const how = opts.update ?? { verb: "PATCH", body: "changed" };
            const body = how.body === "full" ? { ...ctx.body, ...changed } : changed;
            return ctx.client.request<ApiObject>(how.verb, `${opts.path}/${encodeURIComponent(id)}`, { body });
        },

        async delete(ctx, id) {
            wrote(ctx);
            try {
                await ctx.client.request("DELETE", `${opts.path}/${encodeURIComponent(id)}`);
            } catch (err) {
                if (!isNotFound(err)) throw err;
            }
        },

        async find(ctx, adopt) {
            const claim = (live: ApiObject) => {
                floorFor(ctx.client, opts.path).claimed.add(idOf(live));
                return { id: idOf(live), live };
            };
            if (adopt !== true) {
                const live = await get(ctx, adopt);
                return live ? claim(live) : undefined;
            }
            const key = opts.naturalKey(ctx.body);
            const matches = await findByKey(ctx, (o) => Object.entries(key).every(([k, v]) => String(o[k] ?? "").toLowerCase() === String(v).toLowerCase()));
            if (matches.length > 1) {
                throw new Error(
                    `adopt found ${matches.length} objects matching ${JSON.stringify(key)} (ids ${matches.map(idOf).join(", ")}); set adopt to the id of the one to take over`,
                );
            }
            return matches[0] ? claim(matches[0]) : undefined;
        },

        async list(ctx) {
            const listed = (await ctx.listAll(opts.path)).filter((o) => opts.belongs?.(o) ?? true);
            if (opts.listHoldsFullObjects) return listed.map((live) => ({ id: idOf(live), live }));
            // The list holds a reduced schema: each object is read in full (and may be gone by then).
            const full: Array<{ id: string; live: ApiObject }> = [];
            for (const o of listed) {
                const live = await get(ctx, idOf(o));
                if (live) full.push({ id: idOf(live), live });
            }
            return full;
        },
    };
}
