import type { ApiClient } from "../core/api-client";
import { ApiError, isNotFound } from "../core/errors";
import { PartialCreateError } from "../engine/errors";
import { Failure, isUnknown, sameValue } from "../engine/fields";
import type { ApiObject, CallContext, ObjectApi } from "../engine/spec";
import { groupPolicyQueue } from "./provision-queue";

export interface GrantOptions {
    /** Path segment under /group-policy/{id}/, e.g. "jump-group". */
    segment: string;
    /** The API field naming the granted object, e.g. "jump_group_id". */
    childField: string;
    /** The input property naming the granted object, e.g. "jumpGroupId" (for messages and adopt checks). */
    childProperty: string;
    /** What the granted object is called, e.g. "Jump Group". */
    childTitle: string;
    /** The grant list is paginated (the spec: only the Jumpoint grants'). */
    paginatedList?: boolean;
}

/** Grant ids are "<group policy id>/<granted object id>": both are needed to find it again. */
export function grantId(groupPolicyId: unknown, childId: unknown): string {
    return `${groupPolicyId}/${childId}`;
}

const GRANT_ID = /^(\d+)\/(\d+)$/;

function splitId(id: string): [string, string] {
    const m = GRANT_ID.exec(id);
    if (!m) throw new Error(`grant id ${JSON.stringify(id)} is not "<groupPolicyId>/<objectId>"`);
    return [m[1], m[2]];
}

/**
 * Does a live grant carry every value we sent? The only way to recognize our own POST whose answer
 * was lost (a grant has no id of its own). Shared by create, update and restore; the collection
 * objects have their own in provider/engine/collection-api.ts.
 */
export function carriesEvery(live: ApiObject, sent: ApiObject): boolean {
    return Object.entries(sent).every(([k, v]) => !(k in live) || sameValue(live[k], v));
}

/** The appliance refused the request outright (4xx): nothing of it was applied. */
function refused(err: unknown): boolean {
    return err instanceof ApiError && err.status >= 400 && err.status < 500;
}

const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

/**
 * The transport's advice for a POST that may have landed ("`adopt` takes the object over") is for
 * creates; a grant being updated is in state already, so the update reports what it found instead.
 */
const withoutAdoptAdvice = (err: unknown) => message(err).replace(/;? ?the POST may have been applied[^)]*/, "");

/** A message followed by more words: one full stop between them. */
const then = (err: unknown, more: string) => `${message(err).replace(/\.+$/, "")}. ${more}`;

/**
 * Check-time rule for a grant's `adopt`: true, or the id "<groupPolicyId>/<objectId>" of this very
 * grant. An id naming another grant (adopt "5/7" for jumpointId 8) would take over the wrong one.
 */
export function grantAdoptRule(opts: Pick<GrantOptions, "childProperty">): (inputs: Record<string, unknown>) => Failure[] {
    return (inputs) => {
        const adopt = inputs.adopt;
        if (adopt === undefined || adopt === true || isUnknown(adopt)) return [];
        const m = GRANT_ID.exec(String(adopt));
        const expected = grantId(inputs.groupPolicyId, inputs[opts.childProperty]);
        if (!m) {
            return [
                {
                    property: "adopt",
                    reason: `must be true or this grant's id "<groupPolicyId>/<${opts.childProperty}>" (${JSON.stringify(expected)}), not ${JSON.stringify(adopt)}`,
                },
            ];
        }
        const wrong: string[] = [];
        if (String(inputs.groupPolicyId) !== String(Number(m[1]))) wrong.push(`groupPolicyId ${m[1]}, but groupPolicyId is ${inputs.groupPolicyId}`);
        if (String(inputs[opts.childProperty]) !== String(Number(m[2])))
            wrong.push(`${opts.childProperty} ${m[2]}, but ${opts.childProperty} is ${inputs[opts.childProperty]}`);
        if (wrong.length === 0) return [];
        return [
            {
                property: "adopt",
                reason: `${JSON.stringify(adopt)} names ${wrong.join(", and ")}: a grant is identified by its keys, so adopt must be true or ${JSON.stringify(expected)}`,
            },
        ];
    };
}

/**
 * Group-policy grants: memberships with no PATCH and no id of their own. A change of a non-key
 * field (a role) is a DELETE and a POST; every change is applied by one provision per group policy.
 */
export function grantApi(opts: GrantOptions): ObjectApi {
    const base = (gp: string) => `/group-policy/${encodeURIComponent(gp)}/${opts.segment}`;
    const keys = new Set(["group_policy_id", opts.childField]);

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

    /**
     * POSTs a grant. If the answer is lost (or a 5xx leaves it unknown), the grant found afterwards
     * is ours only if it was absent before the first attempt and carries every value sent (a role
     * included); otherwise the POST is resent and the appliance's own conflict is reported.
     */
    async function post(client: ApiClient, gp: string, body: ApiObject, existedBefore: boolean): Promise<void> {
        const child = String(body[opts.childField]);
        await client.request("POST", base(gp), {
            body: postBody(body),
            findCreated: async () => {
                if (existedBefore) return undefined;
                const live = await readGrant(client, gp, child);
                return live && carriesEvery(live, body) ? live : undefined;
            },
        });
    }

    async function remove(client: ApiClient, gp: string, child: string): Promise<void> {
        try {
            await client.request("DELETE", `${base(gp)}/${encodeURIComponent(child)}`);
        } catch (err) {
            if (!isNotFound(err)) throw err;
        }
    }

    /** A refused create, in words that say what to do about it. */
    function createError(err: unknown, gp: string, child: string, existedBefore: boolean): unknown {
        if (!(err instanceof ApiError)) return err;
        if (err.status === 422 && (existedBefore || /already (added|exists)|duplicate/i.test(message(err)))) {
            return new Error(then(err, "The grant already exists: set adopt: true to take it over."));
        }
        const onChild = err.fieldErrors[opts.childField] ?? [];
        if (err.status === 422 && onChild.some((m) => /not refer to an existing|does not exist|not found/i.test(m))) {
            return new Error(
                then(
                    err,
                    `${opts.childTitle} ${child} (${opts.childProperty}) does not exist on the appliance, so it cannot be granted (deleted out of band? if this stack manages it, \`pulumi refresh\` and \`pulumi up\` recreate it).`,
                ),
            );
        }
        if (err.status === 404) {
            return new Error(then(err, `Group policy ${gp} (groupPolicyId) does not exist on the appliance.`));
        }
        return err;
    }

    const describe = (body: ApiObject) =>
        Object.entries(body)
            .filter(([k]) => !keys.has(k))
            .map(([k, v]) => `${k} ${JSON.stringify(v)}`)
            .join(", ");

    /**
     * A grant whose update removed it and could not add it back. State still holds it; recording its
     * changed values as unknown (null) makes the next `up` see a difference whatever the program
     * says, and add it again (a refresh drops it, and the next `up` creates it).
     */
    function lostGrant(ctx: CallContext, gp: string, child: string): ApiObject {
        const live: ApiObject = { group_policy_id: Number(gp), [opts.childField]: Number(child) };
        for (const k of Object.keys(ctx.body)) if (!keys.has(k)) live[k] = null;
        return live;
    }

    return {
        async create(ctx) {
            const gp = String(ctx.body.group_policy_id);
            const child = String(ctx.body[opts.childField]);
            const id = grantId(gp, child);
            // What existed before the first attempt: a grant found after a lost answer is ours only
            // if it was not there already (a hand-made grant is not taken over silently).
            const existedBefore = (await readGrant(ctx.client, gp, child)) !== undefined;
            let live: ApiObject;
            try {
                live = await groupPolicyQueue(ctx.client, gp).change(
                    ctx.client,
                    async () => {
                        await post(ctx.client, gp, ctx.body, existedBefore);
                        return { ...ctx.body };
                    },
                    (created, err) => {
                        throw new PartialCreateError(id, created, err);
                    },
                    { mayHaveApplied: (err) => !refused(err) },
                );
            } catch (err) {
                throw createError(err, gp, child, existedBefore);
            }
            return { id, live };
        },

        async read(ctx, id) {
            const [gp, child] = splitId(id);
            return readGrant(ctx.client, gp, child);
        },

        async update(ctx, id, changed) {
            const [gp, child] = splitId(id);
            // The values to put back if the new grant cannot be added: state's (or the adopted grant's).
            // A grant already recorded as lost has no complete previous values, and nothing to restore.
            const previous =
                ctx.previous && Object.keys(ctx.body).every((k) => ctx.previous![k] !== undefined && ctx.previous![k] !== null)
                    ? { ...ctx.previous, group_policy_id: Number(gp), [opts.childField]: Number(child) }
                    : undefined;
            return groupPolicyQueue(ctx.client, gp).change(
                ctx.client,
                async () => {
                    // No PATCH or PUT exists for grants, and a second POST for the same object is refused
                    // ("already added"): the old grant has to go before the new one can be added.
                    await remove(ctx.client, gp, child);
                    let postErr: unknown;
                    try {
                        await post(ctx.client, gp, ctx.body, false);
                        return { ...ctx.body };
                    } catch (err) {
                        postErr = err;
                    }
                    const wanted = `could not change ${Object.entries(changed)
                        .map(([k, v]) => `${k} to ${JSON.stringify(v)}`)
                        .join(", ")}: ${withoutAdoptAdvice(postErr).replace(/\.+$/, "")}`;
                    let restoreErr: unknown;
                    if (previous) {
                        let restored = false;
                        try {
                            await post(ctx.client, gp, previous, false);
                            restored = true;
                        } catch (err) {
                            restoreErr = err;
                        }
                        if (restored) throw new Error(`${wanted}. The grant was put back as it was (${describe(previous)}); nothing changed`);
                    }
                    // Neither POST is known to have worked: look at what is there now.
                    let live: ApiObject | undefined;
                    let unknown = false;
                    try {
                        live = await readGrant(ctx.client, gp, child);
                    } catch {
                        unknown = true;
                    }
                    if (live && carriesEvery(live, ctx.body)) return { ...ctx.body };
                    if (live) throw new Error(`${wanted}. The grant exists on the appliance with ${describe(live) || "its keys"}, not the new values`);
                    const why =
                        restoreErr !== undefined
                            ? `; putting the old grant back failed too (${withoutAdoptAdvice(restoreErr)})`
                            : previous
                              ? ""
                              : "; there were no previous values to put back";
                    throw new PartialCreateError(
                        id,
                        lostGrant(ctx, gp, child),
                        new Error(
                            `${wanted}${why}. The grant ${unknown ? "could not be read back and may no longer exist" : "no longer exists"} on the appliance: ` +
                                "state now records its changed values as unknown, so the next `pulumi up` adds it again " +
                                "(after a `pulumi refresh`, as a new resource)",
                        ),
                    );
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
            const [gp, child] =
                adopt === true ? [String(ctx.body.group_policy_id), String(ctx.body[opts.childField])] : splitId(adopt).map((n) => String(Number(n)));
            const id = grantId(gp, child);
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
