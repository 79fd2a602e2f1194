// Jump Policy, per the spec's JumpPolicy schema; notification, approval and external-tool fields
// exist only in the PRA spec.
import { Kind, bool, codeName, id, int, oneOf, str, stringList } from "../fields";

const PRA = { products: ["pra" as const] };

export const jumpPolicy: Kind = {
    path: "jump-policy",
    title: "Jump Policy",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        display_name: str(1, 255, { required: true }),
        code_name: codeName(),
        description: str(0, 1000, { default: "" }),
        schedule_enabled: bool(true),
        simultaneous_jumps: oneOf(["global", "join", "disallow"], { default: "global" }),
        simultaneous_jump_behavior_applies_to_copies: bool(false),
        simultaneous_jumps_rdp: oneOf(["global", "new_session", "disallow"], { default: "global" }),
        external_tools_rdp_allowed: bool(true, PRA),
        external_tools_shell_allowed: bool(true, PRA),
        schedule_strict: bool(false),
        ticket_id_required: bool(false),
        two_factor_challenge_required: bool(false),
        session_start_notification: bool(false, PRA),
        session_end_notification: bool(false, PRA),
        notification_email_addresses: { ...stringList(100), ...PRA },
        // The spec gives the display names no default; "" (no recipients named) keeps them in every answer.
        notification_display_name: { type: "string", maxLength: 255, default: "", ...PRA },
        notification_email_language: { type: "string", default: "en-us", ...PRA },
        approval_required: bool(false, PRA),
        approval_max_duration: int(1, 524160, { default: 480, ...PRA }),
        approval_scope: oneOf(["requestor", "anyone"], { default: "requestor", ...PRA }),
        approval_email_addresses: { ...stringList(100), ...PRA },
        approval_user_ids: { ...stringList(100), ...PRA },
        approval_team_ids: { ...stringList(100), ...PRA },
        approval_display_name: { type: "string", maxLength: 255, default: "", ...PRA },
        approval_email_language: { type: "string", default: "en-us", ...PRA },
        approval_approver_scope: oneOf(["not_requestor", "anyone"], { default: "not_requestor", ...PRA }),
        recordings_disabled: bool(false, PRA),
    },
    filters: {
        code_name: { field: str(0, 64) },
    },
    // The spec's Schedule: GET only (the console sets it). A policy holds `schedule` when one was set
    // through the control API (PATCH /_sim/api/jump-policy/{id} {"schedule": {...}}); otherwise the
    // simulator answers the site's timezone (UTC here) and no entries.
    subresources: {
        schedule: (obj) => (obj.schedule as object | undefined) ?? { timezone: "UTC", entries: [] },
    },
};
