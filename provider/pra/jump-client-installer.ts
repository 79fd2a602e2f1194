// A Jump Client installer (/jump-client/installer): what a fleet runs to install Jump Clients into a
// Jump Group. The API can create, read and delete one, never change it, so every input replaces it
// (as in the vendor's Terraform provider, whose only RequiresReplace resource it is). Its outputs:
// the installer_id that downloads it per platform, when it expires, and key_info; the key
// (key_info.encodedInfo, what an MSI deployment is given) is a secret and is answered only by the
// POST that made the installer (the spec), so state keeps it from then on.
import { registerSecret } from "../core/redact";
import { collectionApi } from "../engine/collection-api";
import type { FieldSpec, FieldTable } from "../engine/fields";
import type { ApiObject, ObjectApi } from "../engine/spec";
import { flag, int, praSpec, ref, text } from "./common";

const PRA = { products: ["pra" as const] };
const RS = { products: ["rs" as const] };
const sessionPolicy = (api: string, what: string, extra: Partial<FieldSpec>) =>
    ref(api, `Session policy ${what} (2 or above; 1 is the site default).`, { type: { kind: "ref", min: 2 }, ...extra });
const override = (api: string, what: string, extra: Partial<FieldSpec> = {}) =>
    flag(api, false, `Whether the ${what} can be chosen at install time, overriding this installer's.`, extra);
const CODE = /^[a-zA-Z0-9_-]+$/;

const FIELDS: FieldTable = {
    jumpGroupId: ref("jump_group_id", "The Jump Group (or, with jumpGroupType personal, the user) that owns the Jump Clients it installs.", {
        required: true,
        refTo: ["pra:JumpGroup"],
    }),
    jumpGroupType: { api: "jump_group_type", type: { kind: "enum", values: ["shared", "personal"] }, default: "shared", description: "shared or personal." },
    name: text("name", 0, 128, "Name of the Jump Clients it installs; left out or empty, each takes its computer's name."),
    tag: text("tag", 0, 64, "Tag of the Jump Clients it installs.", { default: "" }),
    comments: text("comments", 0, 1024, "Comments of the Jump Clients it installs.", { default: "" }),
    jumpPolicyId: ref("jump_policy_id", "Jump Policy of the Jump Clients it installs.", { refTo: ["pra:JumpPolicy"] }),
    connectionType: {
        api: "connection_type",
        type: { kind: "enum", values: ["active", "passive"] },
        default: "active",
        description: "active or passive Jump Clients (cloud sites: active only).",
    },
    validDuration: int("valid_duration", 10, 525600, "Minutes the installer stays usable after it is downloaded; the appliance never reports it back.", {
        default: 1440,
    }),
    elevateInstall: flag("elevate_install", true, "Whether the installer tries to install the Jump Client as a service."),
    elevatePrompt: flag("elevate_prompt", true, "Whether the installer asks for elevation credentials when needed (with elevateInstall)."),
    allowOverrideJumpGroup: override("allow_override_jump_group", "Jump Group"),
    allowOverrideJumpPolicy: override("allow_override_jump_policy", "Jump Policy"),
    allowOverrideName: override("allow_override_name", "name"),
    allowOverrideTag: override("allow_override_tag", "tag"),
    allowOverrideComments: override("allow_override_comments", "comments"),
    jumpointProxy: text("jumpoint_proxy", 0, 64, "Name of a Jumpoint, online with Jump Zone Proxy enabled, that the Jump Clients connect through."),
    sessionPolicyId: sessionPolicy("session_policy_id", "used on the Jump Client's system (PRA)", PRA),
    allowOverrideSessionPolicy: override("allow_override_session_policy", "session policy (PRA)", PRA),
    attendedSessionPolicyId: sessionPolicy("attended_session_policy_id", "used while an end user is present (RS)", RS),
    unattendedSessionPolicyId: sessionPolicy("unattended_session_policy_id", "used while no end user is present (RS)", RS),
    allowOverrideAttendedSessionPolicy: override("allow_override_attended_session_policy", "attended session policy (RS)", RS),
    allowOverrideUnattendedSessionPolicy: override("allow_override_unattended_session_policy", "unattended session policy (RS)", RS),
    supportButtonProfileCodeName: text(
        "support_button_profile_code_name",
        1,
        64,
        "Code name of the Support Button profile to deploy with the Jump Client (RS).",
        {
            type: { kind: "string", min: 1, max: 64, pattern: CODE, patternHint: "letters, digits, _ and - only" },
            ...RS,
        },
    ),
    allowOverrideSupportButtonProfile: override("allow_override_support_button_profile", "Support Button profile (RS)", RS),
    supportButtonDirectQueue: text("support_button_direct_queue", 1, 69, 'Team its Support Button sessions go to, as "team:<code name>" (RS).', {
        type: { kind: "string", min: 6, max: 69, pattern: /^team:[a-zA-Z0-9_-]+$/, patternHint: '"team:" and a code name' },
        ...RS,
    }),
    allowOverrideSupportButtonDirectQueue: override("allow_override_support_button_direct_queue", "Support Button team (RS)", RS),
    customerClientStartMode: {
        api: "customer_client_start_mode",
        type: { kind: "enum", values: ["normal", "minimized", "hidden"] },
        default: "normal",
        description: "How the customer client starts in sessions from the Jump Client: normal, minimized or hidden (RS).",
        ...RS,
    },
};

/** The API cannot change an installer: every input replaces it. */
const fields: FieldTable = Object.fromEntries(Object.entries(FIELDS).map(([name, f]) => [name, { ...f, replaceOnChange: true }]));

/**
 * Read-backs live appliances get wrong (the facts sheet, S4 fork-observed): elevate_install and
 * elevate_prompt come back false whatever was set, so state keeps the declared values; the key is
 * in the create answer only, so state keeps it; valid_duration is never answered. An adopted
 * installer is taken to have the declared values of these (nothing can show otherwise).
 */
const KEPT = { elevate_install: "elevateInstall", elevate_prompt: "elevatePrompt", valid_duration: "validDuration", installer_key: "installerKey" } as const;

/** The API object with key_info's parts as flat values (outputs) and the kept values put back. */
function flatten(live: ApiObject, kept: Record<string, unknown>): ApiObject {
    const info = (live.key_info ?? {}) as Record<string, unknown>;
    const out: ApiObject = { ...live, installer_filename: info.filename ?? null, installer_path: info.installerPath ?? null };
    out.installer_key = typeof info.encodedInfo === "string" ? info.encodedInfo : (kept.installer_key ?? null);
    for (const k of ["elevate_install", "elevate_prompt", "valid_duration"]) if (kept[k] !== undefined) out[k] = kept[k];
    return out;
}

/** What a read keeps from state: the inputs and outputs named in KEPT, under their API names. */
const keptFrom = (state: Record<string, unknown>) => Object.fromEntries(Object.entries(KEPT).map(([api, prop]) => [api, state[prop]]));

function installerApi(): ObjectApi {
    const api = collectionApi({
        path: "/jump-client/installer",
        // Adopt and a lost POST's lookup: the list's filters (name and tag only when not empty).
        naturalKey: (b) => ({
            jump_group_id: Number(b.jump_group_id),
            ...(b.name ? { name: String(b.name) } : {}),
            ...(b.tag ? { tag: String(b.tag) } : {}),
        }),
        // Not compared when recognizing our own POST: never answered, or not answered as sent.
        writeOnly: ["valid_duration", "elevate_install", "elevate_prompt"],
    });
    return {
        ...api,
        async create(ctx) {
            const made = await api.create(ctx);
            // Before anything else can show it (a log, an error).
            registerSecret((made.live.key_info as Record<string, unknown> | undefined)?.encodedInfo);
            return { id: made.id, live: flatten(made.live, ctx.body) };
        },
        async read(ctx, id) {
            const live = await api.read(ctx, id);
            return live && flatten(live, keptFrom(ctx.inputs));
        },
        async update() {
            throw new Error("a Jump Client installer cannot be changed (the API has no PATCH for it); every input change replaces it");
        },
        async find(ctx, adopt) {
            const found = await api.find(ctx, adopt);
            return found && { id: found.id, live: flatten(found.live, ctx.body) };
        },
        async list(ctx) {
            return (await api.list!(ctx)).map(({ id, live }) => ({ id, live: flatten(live, {}) }));
        },
    };
}

export const jumpClientInstaller = praSpec({
    kind: "pra:JumpClientInstaller",
    title: "Jump Client installer",
    fields,
    outputs: {
        installerId: "installer_id",
        expirationTimestamp: "expiration_timestamp",
        maxOfflineMinutes: "max_offline_minutes",
        installerKey: "installer_key",
        installerFilename: "installer_filename",
        installerPath: "installer_path",
    },
    secretOutputs: ["installerKey"],
    api: installerApi(),
});
