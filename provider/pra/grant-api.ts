import type { ApiClient } from "../core/api-client";
import { ApiError, isNotFound } from "../core/errors";
import { PartialCreateError } from "../engine/errors";
import type { ApiObject, ObjectApi } from "../engine/spec";
import { groupPolicyQueue } from "./provision-queue";

export interface GrantOptions {
    /** Path segment under /group-policy/{id}/, e.g. "jump-group". */
    segment: string;
    /** The API field naming the granted object, e.g. "jump_group_id". */
    childField: string;
    /** The grant list is paginated (the spec: only the Jumpoint grants'). */
    paginatedList?: boolean;
}

/** Grant ids are "<group policy id>/<granted object id>": both are needed to find it again. */
export function grantId(groupPolicyId: unknown, childId: unknown): string {
    return `${groupPolicyId}/${childId}`;
}

function splitId(id: string): [string, string] {
    const m = /^(\d+)\/(\d+)$/.exec(id);
    if (!m) throw new Error(`grant id ${JSON.stringify(id)} is not "<groupPolicyId>/<objectId>"`);
    return [m[1], m[2]];
}

/**
 * Group-policy grants: memberships with no PATCH and no id of their own. A change of a non-key
 * field (a role) is a DELETE and a POST; every change is applied by one provision per group policy.
 */
export function grantApi(opts: GrantOptions): ObjectApi {
    const base = (gp: string) => `/group-policy/${encodeURIComponent(gp)}/${opts.segment}`;

    async function readGrant(client: ApiClient, gp: string, child: string): Promise<ApiObject | undefined> {
        let body: unknown;
        try {
            body = await client.request("GET", `${base(gp)}/${encodeURIComponent(child)}`);
        } catch (err) {
            if (isNotFound(err)) return undefined;
            throw err;
        }
        // Appliances have been seen answering the jump-group grant as an array: accept both shapes.
        const items = (Array.isArray(body) ? body : [body]) as ApiObject[];
        const found = items.find((o) => o && String(o[opts.childField]) === child) ?? (items.length === 1 ? items[0] : undefined);
        return found ? { ...found, group_policy_id: Number(gp), [opts.childField]: Number(child) } : undefined;
    }

    /** POST body: the group policy is in the path, not the body. */
    const postBody = (body: ApiObject) => {
        const { group_policy_id: _gp, ...rest } = body;
        return rest;
    };

    async function post(client: ApiClient, gp: string, body: ApiObject): Promise<void> {
        const child = String(body[opts.childField]);
        await client.request("POST", base(gp), {
            body: postBody(body),
            findCreated: () => readGrant(client, gp, child),
        });
    }

    async function remove(client: ApiClient, gp: string, child: string): Promise<void> {
        try {
            await client.request("DELETE", `${base(gp)}/${encodeURIComponent(child)}`);
        } catch (err) {
            if (!isNotFound(err)) throw err;
        }
    }

    return {
        async create(ctx) {
            const gp = String(ctx.body.group_policy_id);
            const child = String(ctx.body[opts.childField]);
            const id = grantId(gp, child);
            const live = await groupPolicyQueue(ctx.client, gp).change(
                ctx.client,
                async () => {
                    try {
                        await post(ctx.client, gp, ctx.body);
                    } catch (err) {
                        if (err instanceof ApiError && err.status === 422 && /already|exist|duplicate/i.test(err.message)) {
                            throw new Error(`${err.message}. The grant already exists: set adopt: true to take it over.`);
                        }
                        throw err;
                    }
                    return { ...ctx.body };
                },
                (created, err) => {
                    throw new PartialCreateError(id, created, err);
                },
            );
            return { id, live };
        },

        async read(ctx, id) {
            const [gp, child] = splitId(id);
            return readGrant(ctx.client, gp, child);
        },

        async update(ctx, id, _changed) {
            const [gp, child] = splitId(id);
            return groupPolicyQueue(ctx.client, gp).change(
                ctx.client,
                async () => {
                    await remove(ctx.client, gp, child);
                    await post(ctx.client, gp, ctx.body);
                    return { ...ctx.body };
                },
                (_r, err) => {
                    throw err;
                },
            );
        },

        async delete(ctx, id) {
            const [gp, child] = splitId(id);
            await groupPolicyQueue(ctx.client, gp).change(
                ctx.client,
                () => remove(ctx.client, gp, child),
                (_r, err) => {
                    throw err;
                },
            );
        },

        async find(ctx, adopt) {
            const id = adopt === true ? grantId(ctx.body.group_policy_id, ctx.body[opts.childField]) : adopt;
            const [gp, child] = splitId(id);
            const live = await readGrant(ctx.client, gp, child);
            return live ? { id, live } : undefined;
        },

        async list(ctx) {
            const grants: Array<{ id: string; live: ApiObject }> = [];
            for (const policy of await ctx.listAll("/group-policy")) {
                const gp = String(policy.id);
                let rows: unknown;
                try {
                    rows = opts.paginatedList ? await ctx.client.listAll(base(gp)) : await ctx.client.request("GET", base(gp));
                } catch (err) {
                    if (isNotFound(err)) continue; // the policy went away meanwhile
                    throw err;
                }
                for (const row of (Array.isArray(rows) ? rows : []) as ApiObject[]) {
                    const child = String(row[opts.childField]);
                    grants.push({ id: grantId(gp, child), live: { ...row, group_policy_id: Number(gp), [opts.childField]: Number(child) } });
                }
            }
            return grants;
        },
    };
}
