// Group-policy members (/group-policy/{id}/member): a user or a security-provider group. Unlike the
// grants (grant-api.ts), a member has an id of its own, allocated by the appliance, and the POST
// answers 201 with no body (the spec documents none; live appliances send none, per the facts
// sheet's S3 fork, which lists the members afterwards to learn the id). So a create lists the
// members before the POST (what existed then is never taken for ours) and after it (the new one).
// Members have no PATCH: every property replaces. A member grants its policy's permissions only
// once the policy is provisioned ("Provisions the members of an existing group policy", the spec's
// POST /group-policy/{id}/provision), so member changes go through the same per-policy queue as the
// grants and are covered by its coalesced provision.
import type { ApiClient } from "../core/api-client";
import { ApiError, isNotFound } from "../core/errors";
import { PartialCreateError } from "../engine/errors";
import { Failure, isUnknown } from "../engine/fields";
import type { ApiObject, ObjectApi } from "../engine/spec";
import { grantId } from "./grant-api";
import { groupPolicyQueue } from "./provision-queue";

/** The API fields that name a member, beside its security provider: exactly one is given. */
export const MEMBER_NAMES = ["user_id", "distinguished_name", "group_name"] as const;

const MEMBER_ID = /^(\d+)\/(\d+)$/;

function splitId(id: string): [string, string] {
    const m = MEMBER_ID.exec(id);
    if (!m) throw new Error(`member id ${JSON.stringify(id)} is not "<groupPolicyId>/<memberId>"`);
    return [m[1], m[2]];
}

const fold = (v: unknown) => (typeof v === "string" ? v.toLowerCase() : (v ?? null));

/** The same member: one security provider and the same name (names compare case-insensitively, as the appliance's). */
function sameMember(live: ApiObject, body: ApiObject): boolean {
    return ["security_provider_id", ...MEMBER_NAMES].every((k) => fold(live[k]) === fold(body[k]));
}

/** How a member is named in messages: "user_id 7 of security provider 1". */
function describe(body: ApiObject): string {
    const name = MEMBER_NAMES.find((k) => body[k] !== undefined && body[k] !== null);
    return `${name} ${JSON.stringify(name ? body[name] : undefined)} of security provider ${body.security_provider_id}`;
}

/** Check-time rule: exactly one way of naming the member, and an adopt id of this group policy. */
export function memberRule(inputs: Record<string, unknown>): Failure[] {
    const failures: Failure[] = [];
    const given = ["userId", "distinguishedName", "groupName"].filter((k) => inputs[k] !== undefined && inputs[k] !== null);
    if (given.length !== 1) {
        failures.push({
            property: given[1] ?? "userId",
            reason:
                given.length === 0
                    ? "one of userId (a user), distinguishedName (an LDAP user or group, a SCIM user) or groupName (a SAML or SCIM group) is required"
                    : `only one of ${given.join(", ")} may be set: a member is named one way`,
        });
    }
    const adopt = inputs.adopt;
    if (adopt !== undefined && adopt !== true && !isUnknown(adopt)) {
        const m = MEMBER_ID.exec(String(adopt));
        if (!m || (!isUnknown(inputs.groupPolicyId) && String(Number(m[1])) !== String(inputs.groupPolicyId))) {
            failures.push({
                property: "adopt",
                reason: `must be true or the id "<groupPolicyId>/<memberId>" of a member of group policy ${inputs.groupPolicyId}, not ${JSON.stringify(adopt)}`,
            });
        }
    }
    return failures;
}

export function memberApi(): ObjectApi {
    const base = (gp: string) => `/group-policy/${encodeURIComponent(gp)}/member`;
    const withPolicy = (live: ApiObject, gp: string): ApiObject => ({ ...live, group_policy_id: Number(gp) });

    async function readMember(client: ApiClient, gp: string, member: string): Promise<ApiObject | undefined> {
        try {
            return withPolicy(await client.request<ApiObject>("GET", `${base(gp)}/${encodeURIComponent(member)}`), gp);
        } catch (err) {
            if (isNotFound(err)) return undefined;
            throw err;
        }
    }

    const members = (client: ApiClient, gp: string) => client.listAll<ApiObject>(base(gp));

    return {
        async create(ctx) {
            const gp = String(ctx.body.group_policy_id);
            const before = await members(ctx.client, gp).catch((err: unknown) => {
                if (isNotFound(err)) throw new Error(`${(err as Error).message}. Group policy ${gp} (groupPolicyId) does not exist on the appliance.`);
                throw err;
            });
            const existing = before.find((m) => sameMember(m, ctx.body));
            if (existing) {
                throw new Error(
                    `${describe(ctx.body)} is already a member of group policy ${gp} (member ${existing.id}): set adopt: true to take it over, or adopt "${grantId(gp, existing.id)}"`,
                );
            }
            const known = new Set(before.map((m) => String(m.id)));
            /** The member our POST added: it matches and did not exist before the POST was sent. */
            const added = async () => (await members(ctx.client, gp)).find((m) => !known.has(String(m.id)) && sameMember(m, ctx.body));
            const live = await groupPolicyQueue(ctx.client, gp).change(
                ctx.client,
                async () => {
                    await ctx.client.request("POST", base(gp), { body: ctx.body, findCreated: added });
                    const found = await added();
                    if (!found) throw new Error(`POST ${base(gp)} answered, but no new member with ${describe(ctx.body)} is listed`);
                    return withPolicy(found, gp);
                },
                (created, err) => {
                    throw new PartialCreateError(grantId(gp, created.id), created, err);
                },
                { mayHaveApplied: (err) => !(err instanceof ApiError && err.status >= 400 && err.status < 500) },
            );
            return { id: grantId(gp, live.id), live };
        },

        read(ctx, id) {
            const [gp, member] = splitId(id);
            return readMember(ctx.client, gp, member);
        },

        async update() {
            // Every property replaces a member (the spec has no PATCH); the engine never updates one.
            throw new Error("a group policy member cannot be changed in place; every property change replaces it");
        },

        async delete(ctx, id) {
            const [gp, member] = splitId(id);
            await groupPolicyQueue(ctx.client, gp).change(
                ctx.client,
                async () => {
                    try {
                        await ctx.client.request("DELETE", `${base(gp)}/${encodeURIComponent(member)}`);
                    } catch (err) {
                        if (!isNotFound(err)) throw err;
                    }
                },
                (_r, err) => {
                    throw err;
                },
            );
        },

        async find(ctx, adopt) {
            const gp = String(ctx.body.group_policy_id);
            if (adopt !== true) {
                const [, member] = splitId(adopt);
                const live = await readMember(ctx.client, gp, String(Number(member)));
                // A member cannot be changed into another: adopting one that is named otherwise would take over the wrong one.
                if (live && !sameMember(live, ctx.body)) {
                    throw new Error(`member ${member} of group policy ${gp} is ${describe(live)}, not ${describe(ctx.body)}: adopt must name this member`);
                }
                return live ? { id: grantId(gp, live.id), live } : undefined;
            }
            const found = (await members(ctx.client, gp)).find((m) => sameMember(m, ctx.body));
            return found ? { id: grantId(gp, found.id), live: withPolicy(found, gp) } : undefined;
        },

        async list(ctx) {
            const out: Array<{ id: string; live: ApiObject }> = [];
            for (const policy of await ctx.listAll("/group-policy")) {
                const gp = String(policy.id);
                let rows: ApiObject[];
                try {
                    rows = await ctx.client.listAll<ApiObject>(base(gp));
                } catch (err) {
                    if (isNotFound(err)) continue; // the policy went away meanwhile
                    throw err;
                }
                for (const row of rows) out.push({ id: grantId(gp, row.id), live: withPolicy(row, gp) });
            }
            return out;
        },
    };
}
