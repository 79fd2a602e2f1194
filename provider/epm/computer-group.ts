// An EPM computer group: a name, a description and whether it is the tenant's default group (where
// computers land when they register or leave another group). Created by POST /Groups (the new id
// as a JSON string), read by GET /Groups/{id}, updated by PUT /Groups with the id in the body (the
// vendor's ModifyGroupRequest: name and description only), marked default by an action of its own.
// `default` is managed only when declared: a group stops being the default only when another one
// becomes it, so declaring false on the live default group is refused before any write. The policy
// a group holds and its computers are other resources' business (PolicyAssignment, membership), so
// nothing that changes under the program's feet is an output here.
import { groupCreate, groupDelete, groupMarkAsDefault, routeOf } from "./assumptions";
import { GROUPS, descriptionField, findByName, isRefusal, nameField, replyId, withAdvice } from "./common";
import { ApiObject, EpmContext, EpmSpec, EPM, unlessMissing } from "./kind";

type Props = Record<string, unknown>;

function readGroup({ client }: EpmContext, id: string): Promise<ApiObject | undefined> {
    return unlessMissing(() => client.request<ApiObject>("GET", `${GROUPS}/${encodeURIComponent(id)}`));
}

/** Why a refused delete was refused, in terms of what the program can do about it (one GET, only after a refusal). */
async function deleteAdvice(ctx: EpmContext, id: string): Promise<string | undefined> {
    const live = await readGroup(ctx, id).catch(() => undefined);
    if (!live) return undefined;
    if (live.default === true) {
        return "It is the tenant's default group: declare default: true on another epm.ComputerGroup (or use the console's Set Default), apply that, then delete this one.";
    }
    const n = Number(live.computerCount ?? 0);
    if (n > 0) {
        return `It holds ${n} computer(s): move them to another group first (an epm.ComputerGroupMembership on that group, or the console), then delete this one.`;
    }
    return undefined;
}

const UNMARK =
    "is the tenant's default group, and a group stops being the default only when another becomes it: " +
    "leave `default` out here (not managed) and declare default: true on the group that should be the default";

export const computerGroup: EpmSpec = {
    kind: "epm:ComputerGroup",
    title: "EPM computer group",
    product: EPM,
    naturalKey: "name",
    fields: {
        name: nameField("group"),
        description: descriptionField("group"),
        default: {
            api: "default",
            type: { kind: "bool" },
            description:
                "true makes this the tenant's default group (the previous default stops being it). Left out, not managed. false is refused on the live default group: mark another one instead.",
        },
    },
    outputs: {},
    fromApi: (live) => ({ name: live.name, description: live.description ?? "", default: live.default === true }),
    api: {
        async create(ctx) {
            const { client, inputs } = ctx;
            const isDefault = inputs.default === true;
            const reply = await client.request<unknown>(groupCreate.method, routeOf(groupCreate), {
                body: groupCreate.body(String(inputs.name), String(inputs.description), isDefault),
                // A POST whose answer was lost is looked for by name before it is resent (names are unique).
                findCreated: () => computerGroup.api.find(ctx),
            });
            if (reply && typeof reply === "object") return reply as ApiObject;
            const id = replyId(reply);
            // A 2xx without the id (U8 allows it): the name finds it.
            if (!id) {
                const found = await computerGroup.api.find(ctx);
                if (!found) throw new Error("the create answered no id, and no group of that name exists");
                return found;
            }
            return { id, name: inputs.name, description: inputs.description, default: isDefault };
        },
        read: readGroup,
        async update(ctx, id, live) {
            const { client, inputs, olds } = ctx;
            const current: Props = live ?? olds ?? {};
            let isDefault = typeof current.default === "boolean" ? current.default : undefined;
            if (inputs.default === false) {
                // State may not know (default was not managed before): then the group is asked, before any write.
                if (isDefault === undefined) isDefault = (await readGroup(ctx, id))?.default === true;
                if (isDefault) throw new Error(`group ${JSON.stringify(inputs.name)} ${UNMARK}`);
            }
            if (current.name !== inputs.name || (current.description ?? "") !== inputs.description) {
                await client.request("PUT", GROUPS, { body: { id, name: inputs.name, description: inputs.description } });
            }
            if (inputs.default === true && isDefault !== true) {
                await client.request(groupMarkAsDefault.method, routeOf(groupMarkAsDefault, id));
                isDefault = true;
            }
            return { id, name: inputs.name, description: inputs.description, default: isDefault === true };
        },
        async delete(ctx, id) {
            try {
                await ctx.client.request(groupDelete.method, routeOf(groupDelete, id));
            } catch (err) {
                if (isRefusal(err)) throw withAdvice(err, await deleteAdvice(ctx, id));
                throw err;
            }
        },
        find: ({ client, inputs }) => findByName(client, GROUPS, inputs.name),
    },
};
