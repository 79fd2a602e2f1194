import { isNotFound } from "../core/errors";
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
}

function idOf(obj: ApiObject): string {
    return String(obj.id);
}

/** The usual REST collection: POST to create, GET/PATCH/DELETE by id, a filtered paginated list. */
export function collectionApi(opts: CollectionOptions): ObjectApi {
    const writeOnly = new Set(opts.writeOnly ?? []);

    /** Does a listed object carry every value we sent? (the only way to recognize our own POST) */
    const carries = (live: ApiObject, body: ApiObject) =>
        Object.entries(body).every(([k, v]) => writeOnly.has(k) || !(k in live) || sameValue(live[k], v));

    async function findByKey(ctx: CallContext, match: (o: ApiObject) => boolean): Promise<ApiObject[]> {
        const listed = await ctx.client.listAll<ApiObject>(opts.path, opts.naturalKey(ctx.body));
        return listed.filter(match);
    }

    /** The object our POST made, when its answer did not arrive: ids grow, so the newest match is ours. */
    async function newestCarrying(ctx: CallContext): Promise<ApiObject | undefined> {
        const matches = await findByKey(ctx, (o) => carries(o, ctx.body));
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
        async create(ctx) {
            wrote(ctx);
            const created = await ctx.client.request<ApiObject | undefined>("POST", opts.path, {
                body: ctx.body,
                // If the answer was lost, the object may exist already.
                findCreated: () => newestCarrying(ctx),
            });
            if (created && created.id !== undefined) return { id: idOf(created), live: created };
            // Some appliance versions answer 201 with an empty body: look the object up instead.
            const newest = await newestCarrying(ctx);
            if (!newest) throw new Error(`POST ${opts.path} answered without the created object, and no match was found`);
            return { id: idOf(newest), live: newest };
        },

        read: (ctx, id) => read(ctx, id),

        async update(ctx, id, changed) {
            wrote(ctx);
            return ctx.client.request<ApiObject>("PATCH", `${opts.path}/${encodeURIComponent(id)}`, { body: changed });
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
            if (adopt !== true) {
                const live = await get(ctx, adopt);
                return live ? { id: idOf(live), live } : undefined;
            }
            const key = opts.naturalKey(ctx.body);
            const matches = await findByKey(ctx, (o) =>
                Object.entries(key).every(([k, v]) => String(o[k] ?? "").toLowerCase() === String(v).toLowerCase()),
            );
            if (matches.length > 1) {
                throw new Error(
                    `adopt found ${matches.length} objects matching ${JSON.stringify(key)} (ids ${matches.map(idOf).join(", ")}); set adopt to the id of the one to take over`,
                );
            }
            return matches[0] ? { id: idOf(matches[0]), live: matches[0] } : undefined;
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
