// Jump Item associations (/vault/account/{id}/jump-item-association and the account group's): which
// Jump Items a vault account, or the accounts of a group, may be injected into. One per owner, so
// the resource's id is the owner's id.
//  - An account's own association: POST creates it (only while the account inherits its group's),
//    PATCH changes it, DELETE returns the account to inheriting from its group (the spec: "this API
//    removes those associations so that the Account or Secret begins inheriting associations from
//    its Account Group instead"). While it inherits, GET has nothing to show (404; 422 for the
//    writes: "Account does not have an Asset association."), so the resource reads as deleted.
//  - A group's always exists (GET and PATCH only): create takes it over with one PATCH, delete puts
//    back what a new group has, any_jump_items (read from a live group by the vendor's acceptance test).
// Every body carries filter_type (the schema requires it); criteria and jump_items are sent only
// with filter_type "criteria" (the appliance ignores them otherwise, and drops them on the switch).
import type { ApiClient } from "../core/api-client";
import { ApiError, isNotFound } from "../core/errors";
import type { ApiObject, CallContext, ObjectApi } from "../engine/spec";
import { carriesEvery } from "./grant-api";

export interface AssociationOptions {
    /** "/vault/account" or "/vault/account-group". */
    ownerPath: string;
    /** The API name of the owner's id among the fields, e.g. "account_id" (it goes in the path, not the body). */
    ownerField: string;
    /** Accounts have an association of their own or inherit; groups always have one. */
    inherits: boolean;
}

/** What a new account group's association is; a group's resource puts it back when deleted. */
const GROUP_DEFAULT = { filter_type: "any_jump_items" };

const noneOfItsOwn = (err: unknown) => err instanceof ApiError && (err.status === 404 || (err.status === 422 && /does not have/i.test(err.message)));

export function associationApi(opts: AssociationOptions): ObjectApi {
    const path = (owner: string) => `${opts.ownerPath}/${encodeURIComponent(owner)}/jump-item-association`;
    const withOwner = (live: ApiObject, owner: string): ApiObject => ({ ...live, [opts.ownerField]: Number(owner) });

    /** The request body: filter_type always, the criteria and Jump Items (those given) with "criteria" only. */
    function body(ctx: Pick<CallContext, "body">, only?: ApiObject): ApiObject {
        const filterType = ctx.body.filter_type;
        const out: ApiObject = { filter_type: filterType };
        if (filterType !== "criteria") return out;
        for (const k of ["criteria", "jump_items"]) if ((only ?? ctx.body)[k] !== undefined) out[k] = ctx.body[k];
        return out;
    }

    async function read(client: ApiClient, owner: string): Promise<ApiObject | undefined> {
        try {
            return withOwner(await client.request<ApiObject>("GET", path(owner)), owner);
        } catch (err) {
            if (isNotFound(err)) return undefined;
            throw err;
        }
    }

    const ownerOf = (ctx: Pick<CallContext, "body">) => String(ctx.body[opts.ownerField]);

    async function patch(ctx: CallContext, owner: string, only?: ApiObject): Promise<ApiObject> {
        return withOwner(await ctx.client.request<ApiObject>("PATCH", path(owner), { body: body(ctx, only) }), owner);
    }

    return {
        async create(ctx) {
            const owner = ownerOf(ctx);
            if (!opts.inherits) return { id: owner, live: await patch(ctx, owner) };
            const sent = body(ctx);
            let live: ApiObject;
            try {
                live = await ctx.client.request<ApiObject>("POST", path(owner), {
                    body: sent,
                    // A lost answer: the association there now is ours if it carries what was sent.
                    findCreated: async () => {
                        const found = await read(ctx.client, owner);
                        return found && carriesEvery(found, sent) ? found : undefined;
                    },
                });
            } catch (err) {
                if (err instanceof ApiError && err.status === 422 && /already has/i.test(err.message)) {
                    throw new Error(`${err.message} Account ${owner} has its own association already: set adopt: true to take it over.`);
                }
                throw err;
            }
            return { id: owner, live: withOwner(live, owner) };
        },

        read: (ctx, id) => read(ctx.client, id),

        update: (ctx, id, changed) => patch(ctx, id, changed),

        async delete(ctx, id) {
            try {
                if (opts.inherits) await ctx.client.request("DELETE", path(id));
                else await ctx.client.request("PATCH", path(id), { body: GROUP_DEFAULT });
            } catch (err) {
                // Gone already: the owner was deleted, or the account inherits again.
                if (!noneOfItsOwn(err)) throw err;
            }
        },

        async find(ctx, adopt) {
            const owner = adopt === true ? ownerOf(ctx) : adopt;
            const live = await read(ctx.client, owner);
            return live ? { id: owner, live } : undefined;
        },

        async list(ctx) {
            const out: Array<{ id: string; live: ApiObject }> = [];
            for (const o of await ctx.listAll(opts.ownerPath)) {
                // Personal accounts are not the importer's (the vault account kinds skip them too).
                if (o.personal === true) continue;
                const live = await read(ctx.client, String(o.id));
                // A group's association as every new group has it is the appliance's, not a program's.
                if (live && (opts.inherits || live.filter_type !== GROUP_DEFAULT.filter_type)) out.push({ id: String(o.id), live });
            }
            return out;
        },
    };
}
