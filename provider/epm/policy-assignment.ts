// A computer group's policy: the group holds one revision of one policy. Pinned (`revisionId`), it
// holds that revision; following (no revisionId), it holds the policy's latest. Following needs a
// trigger inside the same `pulumi up` that uploads a new revision: `latestRevisionId`, wired from
// the Policy's output of that name, changes when the upload lands, which both orders this
// resource after the Policy and makes the engine call update, which moves the group. The id is
// the group's. Every revision is checked against the policy's own list before anything is written.
import { ApiObject, EPM, EpmContext, EpmSpec, unlessMissing } from "./kind";
import { groupAssignPolicyRevision, groupClearPolicy, groupPolicyFields, routeOf } from "./assumptions";
import { revisionsOf } from "./revisions";
import type { FieldSpec } from "../engine/fields";

const guid = (api: string, description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({ api, type: { kind: "guid" }, description, ...extra });

async function readGroup(ctx: EpmContext, groupId: string): Promise<ApiObject | undefined> {
    return unlessMissing(() => ctx.client.request<ApiObject>(groupPolicyFields.method, routeOf(groupPolicyFields, groupId)));
}

/** The revision the group must hold: the pinned one, or the policy's latest; refused unless it is the policy's. */
async function targetRevision(ctx: EpmContext): Promise<string> {
    const policyId = String(ctx.inputs.policyId);
    const revisions = await unlessMissing(() => revisionsOf(ctx.client, policyId));
    if (!revisions) throw new Error(`policy ${policyId} does not exist`);
    if (revisions.length === 0) throw new Error(`policy ${policyId} has no revision to assign`);
    const ids = revisions.map((r) => r.id);
    for (const key of ["revisionId", "latestRevisionId"] as const) {
        const named = ctx.inputs[key];
        if (typeof named === "string" && !ids.includes(named)) {
            throw new Error(
                `${key} ${named} is not a revision of policy ${policyId} (its revisions: ${revisions.map((r) => `${r.revision} ${r.id}`).join(", ")}); nothing was changed`,
            );
        }
    }
    return typeof ctx.inputs.revisionId === "string" ? ctx.inputs.revisionId : ids[ids.length - 1];
}

/** What the group looks like once it holds `revisionId`: the handler reads outputs from it. */
function assigned(groupId: string, policyId: unknown, revisionId: string): ApiObject {
    return { id: groupId, policyId, policyRevisionId: revisionId };
}

export const policyAssignment: EpmSpec = {
    kind: "epm:PolicyAssignment",
    title: "EPM policy assignment",
    product: EPM,
    naturalKey: "groupId (the group that holds the policy)",
    fields: {
        groupId: guid("id", "The computer group (a ComputerGroup's id). Another group is another assignment.", { required: true, replaceOnChange: true }),
        policyId: guid("policyId", "The policy the group gets (a Policy's id).", { required: true }),
        revisionId: guid("policyRevisionId", "Pins one revision of that policy (its id). Left out, the group follows the policy's latest revision."),
        latestRevisionId: guid(
            "policyRevisionId",
            "For a following assignment: the policy's latest revision as the program knows it (wire it from the Policy's latestRevisionId), so the same up that uploads a revision moves the group to it. Not with revisionId.",
        ),
    },
    outputs: { assignedRevisionId: "policyRevisionId" },
    refine(inputs) {
        if (inputs.revisionId !== undefined && inputs.latestRevisionId !== undefined) {
            return [
                { property: "latestRevisionId", reason: "cannot be given with revisionId: a pinned assignment does not follow the policy's latest revision" },
            ];
        }
        return [];
    },
    fromApi(live, inputs) {
        const { policyId, policyRevisionId } = groupPolicyFields.read(live);
        const props: Record<string, unknown> = { groupId: String(live.id).toLowerCase(), policyId };
        // The revision the group holds is drift on whichever property declares it.
        if (inputs.revisionId !== undefined) props.revisionId = policyRevisionId;
        else if (inputs.latestRevisionId !== undefined) props.latestRevisionId = policyRevisionId;
        return props;
    },
    api: {
        async create(ctx) {
            const groupId = String(ctx.inputs.groupId);
            const group = await readGroup(ctx, groupId);
            if (!group) throw new Error(`group ${groupId} does not exist`);
            const held = groupPolicyFields.read(group);
            // Another policy on the group is someone else's assignment: taking it over is a decision.
            if (held.policyId && held.policyId !== ctx.inputs.policyId) {
                throw new Error(
                    `group ${groupId} (${String(group.name ?? "")}) already holds policy ${held.policyId} (${String(group.policyName ?? "")}); set adopt: true to take the assignment over`,
                );
            }
            return policyAssignment.api.update(ctx, groupId, group);
        },
        async read(ctx, id) {
            const group = await readGroup(ctx, id);
            // A group without a policy has no assignment: deleted out of band.
            return group && groupPolicyFields.read(group).policyRevisionId ? group : undefined;
        },
        async update(ctx, id, adopted) {
            const target = await targetRevision(ctx);
            const current = adopted ? groupPolicyFields.read(adopted).policyRevisionId : ctx.olds?.assignedRevisionId;
            if (current !== target)
                await ctx.client.request(groupAssignPolicyRevision.method, routeOf(groupAssignPolicyRevision, id), {
                    body: groupAssignPolicyRevision.body(target),
                });
            return assigned(id, ctx.inputs.policyId, target);
        },
        async delete(ctx, id) {
            await ctx.client.request(groupClearPolicy.method, routeOf(groupClearPolicy, id));
        },
        async find(ctx) {
            const group = await readGroup(ctx, String(ctx.inputs.groupId));
            return group && groupPolicyFields.read(group).policyRevisionId ? group : undefined;
        },
    },
};
