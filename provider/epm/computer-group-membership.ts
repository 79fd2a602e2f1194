// Computers placed in a group, by id or by exact host name. The membership manages only the
// computers it names (other computers in the group are left alone). A computer is always in
// exactly one group, so one that leaves the lists, or the whole membership on delete, goes back to
// the tenant's default group (UnassignComputers, assumption G1); one moved elsewhere out of band
// is drift, and the next up moves it back. Names that match no computer fail before any write.
import { ApiObject, EPM, EpmContext, EpmSpec, unlessMissing } from "./kind";
import { groupAssignComputers, groupUnassignComputers, routeOf } from "./assumptions";
import { GROUPS } from "./common";
import { ComputerRow, allComputers, resolveComputers } from "./computers";
import { GUID, ZERO_GUID, type FieldSpec } from "../engine/fields";

type Props = Record<string, unknown>;

/**
 * A non-empty list of distinct strings, each passing `item`, stored as `normalize` gives it,
 * without duplicates by `key` and sorted by it (so reordering the program's list changes nothing).
 */
function list(describe: string, item: (v: string) => string | undefined, normalize: (v: string) => string, key: (v: string) => string): FieldSpec["type"] {
    return {
        kind: "custom",
        describe,
        parse(value) {
            if (!Array.isArray(value)) return { error: `must be ${describe}` };
            if (value.length === 0) return { error: "must name at least one computer (leave the property out instead)" };
            const seen = new Map<string, string>();
            for (const [i, v] of value.entries()) {
                if (typeof v !== "string") return { error: `[${i}] must be a string, not ${JSON.stringify(v)?.slice(0, 40)}` };
                const problem = item(v);
                if (problem) return { error: `[${i}] ${problem}` };
                if (!seen.has(key(v))) seen.set(key(v), normalize(v));
            }
            return { value: [...seen.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, v]) => v) };
        },
    };
}

const lowerGuid = (v: string) => v.trim().toLowerCase();
const hostKey = (v: string) => v.trim().toLowerCase();

const computerIdsType = list(
    'a list of computer ids (GUIDs such as "0f8fad5b-d9cb-469f-a165-70867728950e")',
    (v) => (GUID.test(lowerGuid(v)) && lowerGuid(v) !== ZERO_GUID ? undefined : `is not a computer id (a GUID): ${JSON.stringify(v.slice(0, 60))}`),
    lowerGuid,
    lowerGuid,
);
const hostNamesType = list(
    "a list of host names (matched exactly, without regard to case)",
    (v) => (v.trim() === "" ? "is empty: give the computer's host name" : v.length > 256 ? "is longer than 256 characters" : undefined),
    // Case carries no meaning in a host name: stored folded, so "CORPWS01" and "corpws01" are one declaration.
    hostKey,
    hostKey,
);

function declared(inputs: Props): { ids: string[]; hostNames: string[] } {
    return {
        ids: Array.isArray(inputs.computerIds) ? (inputs.computerIds as string[]).map(lowerGuid) : [],
        hostNames: Array.isArray(inputs.hostNames) ? (inputs.hostNames as string[]) : [],
    };
}

/** The declared computers, every one of them found, or an error naming those that are not. */
async function resolve(ctx: EpmContext): Promise<{ computers: ComputerRow[]; members: ComputerRow[] }> {
    const computers = await allComputers(ctx.client);
    const { ids, hostNames } = declared(ctx.inputs);
    const { found, unknown, ambiguous } = resolveComputers(computers, ids, hostNames);
    const problems = [
        ...(unknown.length ? [`no computer matches ${unknown.join("; ")}`] : []),
        ...(ambiguous.length ? [`several computers match ${ambiguous.join("; ")} (name them by id)`] : []),
    ];
    if (problems.length) throw new Error(`${problems.join("; ")}; nothing was changed`);
    return { computers, members: [...found.values()] };
}

async function unassign(ctx: EpmContext, computerIds: string[]): Promise<void> {
    await ctx.client.request(groupUnassignComputers.method, groupUnassignComputers.path, { body: groupUnassignComputers.body(computerIds) });
}

/** The membership as the handler reads it: the group and the resolved ids of its computers, sorted. */
function membership(groupId: string, memberIds: string[]): ApiObject {
    return { id: groupId, memberIds: [...memberIds].sort() };
}

export const computerGroupMembership: EpmSpec = {
    kind: "epm:ComputerGroupMembership",
    title: "EPM computer group membership",
    product: EPM,
    naturalKey: "groupId (the group the computers are put in)",
    fields: {
        groupId: {
            api: "groupId",
            type: { kind: "guid" },
            required: true,
            replaceOnChange: true,
            description: "The computer group (a ComputerGroup's id) the computers are put in.",
        },
        computerIds: { api: "computerIds", type: computerIdsType, description: "Computers by id (GUIDs; getComputers finds them)." },
        hostNames: {
            api: "host",
            type: hostNamesType,
            description: "Computers by exact host name, without regard to case; a name two computers share is refused.",
        },
    },
    outputs: { memberIds: "memberIds" },
    refine(inputs) {
        if (inputs.computerIds === undefined && inputs.hostNames === undefined) {
            return [{ property: "computerIds", reason: "is required: name at least one computer by computerIds or hostNames" }];
        }
        return [];
    },
    fromApi(live, inputs) {
        // Each declared computer still in the group, in the declared spelling: one that left shows as a change of its list.
        const inGroup = (live.inGroup ?? []) as ComputerRow[];
        const props: Props = { groupId: String(live.id) };
        const { ids, hostNames } = declared(inputs);
        if (inputs.computerIds !== undefined) props.computerIds = ids.filter((id) => inGroup.some((c) => c.id === id));
        if (inputs.hostNames !== undefined) props.hostNames = hostNames.filter((h) => inGroup.some((c) => hostKey(c.host) === hostKey(h)));
        return props;
    },
    api: {
        async create(ctx) {
            return computerGroupMembership.api.update(ctx, String(ctx.inputs.groupId), undefined);
        },
        async read(ctx, id) {
            const computers = await allComputers(ctx.client);
            const inGroup = computers.filter((c) => c.groupId === id);
            const { ids, hostNames } = declared(ctx.inputs);
            const { found } = resolveComputers(inGroup, ids, hostNames);
            return { ...membership(id, [...found.keys()]), inGroup };
        },
        async update(ctx, id) {
            const { computers, members } = await resolve(ctx);
            const wanted = new Set(members.map((c) => c.id));
            const toAdd = members.filter((c) => c.groupId !== id).map((c) => c.id);
            // Those this membership placed and no longer names go back to the default group, unless
            // they are elsewhere already (someone moved them on purpose).
            const before = Array.isArray(ctx.olds?.memberIds) ? (ctx.olds!.memberIds as string[]) : [];
            const toRemove = before.filter((m) => !wanted.has(m) && computers.some((c) => c.id === m && c.groupId === id));
            if (toAdd.length)
                await ctx.client.request(groupAssignComputers.method, routeOf(groupAssignComputers, id), { body: groupAssignComputers.body(toAdd) });
            if (toRemove.length) await unassign(ctx, toRemove);
            const inGroup = computers.filter((c) => wanted.has(c.id)).map((c) => ({ ...c, groupId: id }));
            return { ...membership(id, [...wanted]), inGroup };
        },
        async delete(ctx, id) {
            const members = Array.isArray(ctx.inputs.memberIds) ? (ctx.inputs.memberIds as string[]) : [];
            const computers = await allComputers(ctx.client);
            const still = members.filter((m) => computers.some((c) => c.id === m && c.groupId === id));
            if (still.length) await unassign(ctx, still);
        },
        async find(ctx) {
            // The group is the object: its existence is all adopt needs (update converges the computers).
            const groupId = String(ctx.inputs.groupId);
            const group = await unlessMissing(() => ctx.client.request<ApiObject>("GET", `${GROUPS}/${groupId}`));
            return group ? { id: groupId } : undefined;
        },
    },
};
