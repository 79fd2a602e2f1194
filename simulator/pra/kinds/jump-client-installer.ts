// Jump Client installers, per the spec's JumpClientInstaller schema and its POST body: list,
// create, read and delete, no PATCH (an installer cannot be changed). The create answer carries
// key_info.encodedInfo, the key a Windows MSI deployment needs; the spec: "Only included in the
// response when creating a new installer", so reads and lists leave it out. What live appliances
// answer where the spec says otherwise (the facts sheet, S4 fork-observed): elevate_install and
// elevate_prompt read back false whatever was set, and valid_duration is never returned.
// The download (GET /jump-client/installer/{installer_id}/{platform}) answers a few stand-in bytes.
import { randomBytes } from "node:crypto";
import { Field, Kind, Obj, bool, id, int, oneOf, str } from "../fields";

const PRA = { products: ["pra" as const] };
const RS = { products: ["rs" as const] };
const readOnly = (f: Field): Field => ({ ...f, readOnly: true });
const sessionPolicy = (extra = {}): Field =>
    int(2, 2147483647, { nullable: true, default: null, ref: { kind: "session-policy", onDelete: "nullify" }, ...extra });

export const INSTALLER_PLATFORMS = ["linux-64", "raspberry-pi-32-headless", "mac-dmg", "mac-zip", "windows-64-msi", "windows-32-msi"];

/** The key_info of a new installer: the deployment key (a secret) and where its file lives. */
function keyInfo(draft: Obj): Obj {
    const file = `bomgar-scc-${String(draft.installer_id).slice(0, 12)}.msi`;
    return { encodedInfo: randomBytes(48).toString("base64"), filename: file, installerPath: `/installers/${file}` };
}

/** When the installer stops working: valid_duration minutes after it was made. */
function expiration(draft: Obj): string {
    const minutes = typeof draft.valid_duration === "number" ? draft.valid_duration : 1440;
    return new Date(Date.now() + minutes * 60_000).toISOString().replace(/\.\d{3}Z$/, "+00:00");
}

export const jumpClientInstaller: Kind = {
    path: "jump-client/installer",
    title: "Jump Client Installer",
    operations: ["list", "create", "read", "delete"],
    paginated: true,
    fields: {
        id: id(),
        // Personal installers name a user, who is not simulated: only a shared Jump Group is checked.
        jump_group_id: int(1, 2147483647, {
            required: true,
            ref: { kind: "jump-group", onDelete: "cascade", when: (o) => o.jump_group_type !== "personal" },
        }),
        jump_group_type: oneOf(["shared", "personal"], { default: "shared" }),
        // The POST takes "" (the Jump Client then takes the computer's name); answers leave it out then.
        name: str(0, 128),
        tag: str(0, 64, { default: "" }),
        comments: str(0, 1024, { default: "" }),
        jump_policy_id: int(1, 2147483647, { ref: { kind: "jump-policy", onDelete: "reassign", reassignTo: undefined } }),
        session_policy_id: sessionPolicy(PRA),
        attended_session_policy_id: sessionPolicy(RS),
        unattended_session_policy_id: sessionPolicy(RS),
        connection_type: oneOf(["active", "passive"], { default: "active" }),
        expiration_timestamp: readOnly({ type: "string", default: expiration }),
        max_offline_minutes: readOnly(int(0, 2147483647, { default: 0 })),
        valid_duration: int(10, 525600, { default: 1440, writeOnly: true }),
        elevate_install: bool(true),
        elevate_prompt: bool(true),
        allow_override_jump_group: bool(false),
        allow_override_jump_policy: bool(false),
        allow_override_name: bool(false),
        allow_override_tag: bool(false),
        allow_override_comments: bool(false),
        // In neither spec, but BeyondTrust's Terraform provider sends it on every installer POST and its
        // fixture (test-tf-files/*/jump_items/jump_client_installer) creates installers on live appliances.
        allow_override_max_offline_minutes: bool(false),
        allow_override_session_policy: bool(false, PRA),
        allow_override_attended_session_policy: bool(false, RS),
        allow_override_unattended_session_policy: bool(false, RS),
        support_button_profile_code_name: str(0, 64, { pattern: "^[a-zA-Z0-9_\\\\-]+$", ...RS }),
        allow_override_support_button_profile: bool(false, RS),
        support_button_direct_queue: str(0, 69, { pattern: "^team:[a-zA-Z0-9_\\\\-]+$", ...RS }),
        allow_override_support_button_direct_queue: bool(false, RS),
        customer_client_start_mode: oneOf(["normal", "minimized", "hidden"], { default: "normal", ...RS }),
        public_site_address: readOnly({ ...str(1, 128), default: "mycompany.beyondtrustcloud.com", ...RS }),
        is_quiet: readOnly({ ...bool(false), ...RS }),
        installer_id: readOnly({ ...str(32, 32), default: () => randomBytes(16).toString("hex") }),
        key_info: readOnly({ type: "object", default: keyInfo }),
        jumpoint_proxy: str(0, 64),
    },
    filters: {
        name: { field: str(1, 128) },
        // Jump Clients report their computer's names once installed; installers have none.
        hostname: { field: str(1, 255), neverMatches: true },
        fqdn: { field: str(1, 255), neverMatches: true },
        tag: { field: str(1, 64) },
        jump_group_id: { field: int(1, 2147483647) },
        jump_group_type: { field: oneOf(["shared", "personal"]) },
        connection_type: { field: oneOf(["active", "passive"]) },
    },
    derive(obj) {
        if (obj.name === "") delete obj.name;
        // Live appliances answer false for both, whatever the installer was made with.
        obj.elevate_install = false;
        obj.elevate_prompt = false;
    },
    onlyInCreateAnswer: { key_info: ["encodedInfo"] },
};
