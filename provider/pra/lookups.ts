// What PRA/RS lookups exist: one per resource kind whose list returns full objects (derived from the
// specs in provider/registry.ts), plus the kinds the API only reads or whose list holds another
// schema (vault accounts), as a small table. The list filters below are the spec's for each list;
// a filter property the list lacks is matched on the client only, so the table never changes what a
// lookup finds, only how many pages it reads.
import { resolveConnection } from "../core/connection";
import type { LookupKind } from "../engine/lookup";
import type { ResourceSpec } from "../engine/spec";
import { SPECS } from "../registry";
import { praClient } from "./profile";

/** Every Jump Item list takes these (the spec's shell-jump, remote-rdp, web-jump, vnc and tunnel lists). */
const JUMP_ITEM_FILTERS = ["name", "jump_group_id", "jump_group_type", "jumpoint_id", "tag"];

/** The spec's query filters per list (per_page and current_page aside). */
export const LIST_FILTERS: Record<string, readonly string[]> = {
    "/jumpoint": ["name", "code_name"],
    "/jump-group": ["name", "code_name"],
    "/jump-item/shell-jump": [...JUMP_ITEM_FILTERS, "hostname"],
    "/jump-item/remote-rdp": [...JUMP_ITEM_FILTERS, "hostname"],
    "/jump-item/remote-vnc": [...JUMP_ITEM_FILTERS, "hostname"],
    "/jump-item/protocol-tunnel-jump": [...JUMP_ITEM_FILTERS, "hostname"],
    "/jump-item/psql-tunnel-jump": [...JUMP_ITEM_FILTERS, "hostname"],
    "/jump-item/mysql-tunnel-jump": [...JUMP_ITEM_FILTERS, "hostname"],
    "/jump-item/network-tunnel-jump": JUMP_ITEM_FILTERS,
    "/jump-item/web-jump": [...JUMP_ITEM_FILTERS, "url"],
    "/group-policy": ["name"],
    "/jump-item-role": ["name"],
    "/jump-policy": ["code_name"],
    "/session-policy": [],
    "/vault/account": ["type", "name", "account_group_id"],
    "/vault/account-group": ["name"],
    "/vault/account-policy": ["name", "code_name"],
    "/api-account": ["name"],
};

function filtersFor(path: string): readonly string[] {
    return LIST_FILTERS[path] ?? (path.startsWith("/jump-item/") ? JUMP_ITEM_FILTERS : []);
}

const camel = (api: string) => api.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
const fieldsOf = (...api: string[]) => Object.fromEntries(api.map((a) => [camel(a), a]));

const JUMP_ITEM_ROLE_PERMS = [
    "perm_add",
    "perm_assign_jump_group",
    "perm_remove",
    "perm_start",
    "perm_edit_tag",
    "perm_edit_comments",
    "perm_edit_jump_policy",
    "perm_edit_session_policy",
    "perm_edit_identity",
    "perm_edit_behavior",
    "perm_view_jump_item_report",
    "perm_edit_public_portal",
    "perm_edit_support_button",
];

/**
 * Kinds with no resource spec whose list a lookup reads: read-only on the API (roles, session
 * policies, API accounts), not managed yet (jump policies), or listed in a schema of their own
 * (vault accounts: the list holds the VaultAccount base, whatever the type). A spec that comes to
 * manage one of these paths with full list objects takes its place.
 */
const READ_ONLY: Array<Omit<LookupKind, "listFilters" | "resolveConnection" | "client">> = [
    { kind: "pra:JumpItemRole", title: "Jump Item Role", path: "/jump-item-role", properties: fieldsOf("name", "description", ...JUMP_ITEM_ROLE_PERMS) },
    { kind: "pra:SessionPolicy", title: "Session Policy", path: "/session-policy", properties: fieldsOf("display_name", "code_name", "description") },
    {
        kind: "pra:JumpPolicy",
        title: "Jump Policy",
        path: "/jump-policy",
        properties: fieldsOf(
            "display_name",
            "code_name",
            "description",
            "schedule_enabled",
            "schedule_strict",
            "ticket_id_required",
            "two_factor_challenge_required",
            "approval_required",
        ),
    },
    {
        kind: "pra:VaultAccount",
        title: "Vault Account",
        path: "/vault/account",
        properties: fieldsOf("type", "name", "description", "personal", "owner_user_id", "account_group_id", "account_policy"),
    },
    {
        kind: "pra:ApiAccount",
        title: "API Account",
        path: "/api-account",
        properties: fieldsOf(
            "name",
            "comments",
            "enabled",
            "ip_addresses",
            "client_id",
            "failed_login_attempts",
            "failed_login_expiration",
            "ecm_group_id",
            "perm_command",
            "perm_reporting_support",
            "perm_reporting_license",
            "perm_reporting_archive",
            "perm_reporting_vault",
            "perm_reporting_jump_item",
            "perm_reporting_syslog",
            "perm_backup",
            "perm_vault_backup",
            "perm_real_time_state",
            "perm_ecm",
            "perm_scim",
            "perm_configuration",
            "perm_configuration_vault_account",
        ),
    },
];

/**
 * Resource kinds whose reads are not served from their list, but whose list a lookup can read, and
 * the outputs the list's objects lack: the Jump Client installer's key_info (its file name, path and
 * key) is the resource's own flattening of the create's answer, not a field of the listed objects.
 */
const LISTED_APART: Record<string, readonly string[]> = { "pra:JumpClientInstaller": ["installerFilename", "installerPath"] };

const connect = {
    resolveConnection,
    client: (conn: Parameters<LookupKind["client"]>[0]) => praClient(conn),
};

/** A resource kind's lookup: its fields (secrets aside: the API never returns them) and outputs. */
function fromSpec(spec: ResourceSpec, path: string): LookupKind {
    const properties: Record<string, string> = {};
    const fromApi: Record<string, (value: unknown) => unknown> = {};
    for (const [prop, field] of Object.entries(spec.fields)) {
        if (field.secret) continue;
        properties[prop] = field.api;
        if (field.codec) fromApi[prop] = field.codec.fromApi;
    }
    // Secret outputs (an installer's key) are answered only by the create: never in a list.
    const unlisted = [...(spec.secretOutputs ?? []), ...(LISTED_APART[spec.kind] ?? [])];
    for (const [prop, api] of Object.entries(spec.outputs)) if (!unlisted.includes(prop)) properties[prop] = api;
    return { kind: spec.kind, title: spec.title, path, products: spec.products, properties, fromApi, listFilters: filtersFor(path), ...connect };
}

let built: Map<string, LookupKind> | undefined;

/** Every PRA/RS lookup kind, by kind name (built on first use, from the registry's specs). */
export function praLookups(): Map<string, LookupKind> {
    if (built) return built;
    const kinds = new Map<string, LookupKind>();
    const paths = new Set<string>();
    for (const spec of SPECS) {
        const c = spec.api.collection;
        if (spec.product !== "PRA" || !c || !(c.listHoldsFullObjects || spec.kind in LISTED_APART)) continue;
        kinds.set(spec.kind, fromSpec(spec, c.path));
        paths.add(c.path);
    }
    for (const k of READ_ONLY) {
        if (paths.has(k.path) || kinds.has(k.kind)) continue;
        kinds.set(k.kind, { ...k, listFilters: filtersFor(k.path), ...connect });
    }
    built = kinds;
    return kinds;
}
