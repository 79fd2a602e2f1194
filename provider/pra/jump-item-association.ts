// The Jump Item association of a vault account and of a vault account group: which Jump Items the
// account (or every account of the group) may be injected into. Terraform has it as the
// `jump_item_association` block of its vault resources; here it is a resource of its own, so that
// deleting an account's returns the account to inheriting its group's.
import type { FieldSpec } from "../engine/fields";
import type { Failure } from "../engine/fields";
import { preview } from "../engine/fields";
import { associationApi } from "./association-api";
import { praSpec, ref } from "./common";

const PATTERN_LISTS = ["host", "name", "tag", "comment"] as const;
const MAX_PATTERNS = 32;
/** The spec's AccountInjectableJumpItem types (the RS spec: jump_client, remote_rdp and shell_jump only). */
export const INJECTABLE_TYPES = ["jump_client", "remote_rdp", "shell_jump", "web_jump", "protocol_tunnel"] as const;

type Criteria = { sharedJumpGroups: number[] } & Record<(typeof PATTERN_LISTS)[number], string[]>;
const EMPTY: Criteria = { sharedJumpGroups: [], host: [], name: [], tag: [], comment: [] };

const isId = (v: unknown) => (typeof v === "number" || (typeof v === "string" && /^\d+$/.test(v))) && Number(v) >= 1 && Number(v) <= 2147483647;
/** Sets on the appliance: kept sorted and without repeats, so the order a program or the API uses is no diff. */
const setOf = <T>(xs: T[], cmp: (a: T, b: T) => number): T[] => [...xs].sort(cmp).filter((x, i, all) => i === 0 || cmp(all[i - 1], x) !== 0);
const byNumber = (a: number, b: number) => a - b;
const byText = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

function parseCriteria(v: unknown): { value: unknown } | { error: string } {
    if (v === null || typeof v !== "object" || Array.isArray(v))
        return { error: `must be an object { sharedJumpGroups, host, name, tag, comment }, not ${preview(v)}` };
    const o = v as Record<string, unknown>;
    const unknown = Object.keys(o).filter((k) => !(k in EMPTY));
    if (unknown.length > 0) return { error: `has no ${unknown.join(", ")} (use sharedJumpGroups, host, name, tag, comment)` };
    const groups = o.sharedJumpGroups ?? [];
    if (!Array.isArray(groups) || !groups.every(isId)) return { error: "sharedJumpGroups must be a list of Jump Group ids" };
    const out: Criteria = { ...EMPTY, sharedJumpGroups: setOf(groups.map(Number), byNumber) };
    for (const k of PATTERN_LISTS) {
        const list = o[k] ?? [];
        if (!Array.isArray(list) || list.length > MAX_PATTERNS || !list.every((p) => typeof p === "string" && p.length >= 1 && p.length <= 64)) {
            return { error: `${k} must be a list of at most ${MAX_PATTERNS} patterns of 1 to 64 characters ("value", "value*", "*value" or "*value*")` };
        }
        // The appliance stores them in lower case (the spec): so does state, or every read would be drift.
        out[k] = setOf(
            list.map((p: string) => p.toLowerCase()),
            byText,
        );
    }
    return { value: out };
}

type Item = { id: number; type: string };
const byItem = (a: Item, b: Item) => byText(a.type, b.type) || a.id - b.id;

function parseItems(v: unknown): { value: unknown } | { error: string } {
    const shape = `a list of { id, type } with type one of ${INJECTABLE_TYPES.join(", ")}`;
    if (!Array.isArray(v)) return { error: `must be ${shape}, not ${preview(v)}` };
    const items: Item[] = [];
    for (const i of v) {
        const o = i as Record<string, unknown>;
        if (
            o === null ||
            typeof o !== "object" ||
            !isId(o.id) ||
            !INJECTABLE_TYPES.includes(o.type as never) ||
            Object.keys(o).some((k) => k !== "id" && k !== "type")
        ) {
            return { error: `must be ${shape}; ${preview(i)} is not` };
        }
        items.push({ id: Number(o.id), type: String(o.type) });
    }
    return { value: setOf(items, byItem) };
}

const camelCriteria = (api: Record<string, unknown>): Criteria => {
    const { shared_jump_groups, ...patterns } = api as Record<string, unknown[]>;
    const parsed = parseCriteria({ sharedJumpGroups: shared_jump_groups ?? [], ...patterns });
    return "value" in parsed ? (parsed.value as Criteria) : { ...EMPTY };
};

function fields(owner: FieldSpec) {
    return {
        owner,
        filterType: {
            api: "filter_type",
            type: { kind: "enum", values: ["any_jump_items", "no_jump_items", "criteria"] },
            required: true,
            description: "any_jump_items, no_jump_items, or criteria: only the Jump Items matching `criteria` and those listed in `jumpItems`.",
        } as FieldSpec,
        criteria: {
            api: "criteria",
            type: { kind: "custom", describe: "an object { sharedJumpGroups, host, name, tag, comment }", parse: parseCriteria },
            default: () => ({ ...EMPTY }),
            codec: {
                toApi: (v: unknown) => {
                    const c = v as Criteria;
                    return { shared_jump_groups: c.sharedJumpGroups, host: c.host, name: c.name, tag: c.tag, comment: c.comment };
                },
                fromApi: (v: unknown) => camelCriteria((v ?? {}) as Record<string, unknown>),
            },
            description:
                "With filterType criteria: Jump Items in these shared Jump Groups, or whose host, name, tag or comment matches one of the patterns (value, value*, *value, *value*; case-insensitive, kept in lower case).",
        } as FieldSpec,
        jumpItems: {
            api: "jump_items",
            type: { kind: "custom", describe: "a list of { id, type }", parse: parseItems },
            default: () => [],
            codec: {
                toApi: (v: unknown) => v,
                fromApi: (v: unknown) => {
                    const parsed = parseItems(v ?? []);
                    return "value" in parsed ? parsed.value : v;
                },
            },
            description:
                "With filterType criteria: Jump Items associated directly, { id, type } (a protocol_tunnel must be an SQL Server tunnel; web_jump and protocol_tunnel are PRA only).",
        } as FieldSpec,
    };
}

/** Criteria and Jump Items only mean something with filterType "criteria": refused otherwise, not silently dropped. */
function criteriaOnlyWithCriteria(ownerProperty: string) {
    return (inputs: Record<string, unknown>): Failure[] => {
        const failures: Failure[] = [];
        if (inputs.filterType !== "criteria") {
            const c = inputs.criteria as Criteria | undefined;
            if (c && Object.values(c).some((l) => l.length > 0))
                failures.push({ property: "criteria", reason: `is only used with filterType "criteria", not ${JSON.stringify(inputs.filterType)}` });
            if (Array.isArray(inputs.jumpItems) && inputs.jumpItems.length > 0)
                failures.push({ property: "jumpItems", reason: `is only used with filterType "criteria", not ${JSON.stringify(inputs.filterType)}` });
        }
        const adopt = inputs.adopt;
        if (typeof adopt === "string" && adopt !== String(inputs[ownerProperty])) {
            failures.push({
                property: "adopt",
                reason: `must be true or ${JSON.stringify(String(inputs[ownerProperty]))} (${ownerProperty}: one association per owner), not ${JSON.stringify(adopt)}`,
            });
        }
        return failures;
    };
}

const owned = (api: string, what: string, refTo: string[]): FieldSpec =>
    ref(api, `Id of the ${what} whose association this is; another one replaces the resource.`, {
        required: true,
        replaceOnChange: true,
        diesWithReference: true,
        refTo,
    });

const account = fields(owned("account_id", "vault account", ["pra:VaultUsernamePasswordAccount", "pra:VaultSshAccount", "pra:VaultTokenAccount"]));
const group = fields(owned("account_group_id", "vault account group", ["pra:VaultAccountGroup"]));

export const vaultAccountJumpItemAssociation = praSpec({
    kind: "pra:VaultAccountJumpItemAssociation",
    title: "Vault account Jump Item association",
    fields: { accountId: account.owner, filterType: account.filterType, criteria: account.criteria, jumpItems: account.jumpItems },
    outputs: {},
    refine: criteriaOnlyWithCriteria("accountId"),
    api: associationApi({ ownerPath: "/vault/account", ownerField: "account_id", inherits: true }),
});

export const vaultAccountGroupJumpItemAssociation = praSpec({
    kind: "pra:VaultAccountGroupJumpItemAssociation",
    title: "Vault account group Jump Item association",
    fields: { accountGroupId: group.owner, filterType: group.filterType, criteria: group.criteria, jumpItems: group.jumpItems },
    outputs: {},
    refine: criteriaOnlyWithCriteria("accountGroupId"),
    api: associationApi({ ownerPath: "/vault/account-group", ownerField: "account_group_id", inherits: false }),
});
