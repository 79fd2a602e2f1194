// Group Policy, per the spec's GroupPolicy schema. The PRA and RS specs share only a core of
// fields; the rest is product-specific.
import { Field, Kind, bool, id, int, oneOf, str } from "../fields";

const PRA = { products: ["pra" as const] };
const RS = { products: ["rs" as const] };
const role = (): Field => int(1, 2147483647, { default: 1, ref: { kind: "jump-item-role", onDelete: "reassign", reassignTo: 1 } });
const idleTimeout = (extra = {}): Field => int(-1, 86400, { default: -1, ...extra });

export const groupPolicy: Kind = {
    path: "group-policy",
    title: "Group Policy",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        name: str(1, 255, { required: true }),
        // PRA
        perm_access_allowed: bool(false, PRA),
        access_perm_status: oneOf(["not_defined", "defined", "final"], { default: "not_defined", ...PRA }),
        perm_invite_external_user: bool(false, PRA),
        perm_web_jump: bool(false, PRA),
        perm_protocol_tunnel: bool(false, PRA),
        perm_sd_static_port_for_external_tools: bool(false, PRA),
        // RS
        perm_support_allowed: oneOf(["not_allowed", "full_support"], { default: "not_allowed", ...RS }),
        rep_perm_status: oneOf(["not_defined", "defined", "final"], { default: "not_defined", ...RS }),
        perm_generate_session_key: bool(false, RS),
        perm_send_ios_profiles: bool(false, RS),
        perm_accept_team_sessions: bool(false, RS),
        perm_transfer_other_team: bool(false, RS),
        perm_invite_external_rep: bool(false, RS),
        perm_next_session_button: bool(false, RS),
        perm_disable_auto_assignment: bool(false, RS),
        perm_routing_idle_timeout: int(0, 3600, { default: 900, ...RS }),
        auto_assignment_max_sessions: int(1, 10, { default: 3, ...RS }),
        perm_support_button_personal_deploy: bool(false, RS),
        perm_support_button_team_manage: bool(false, RS),
        perm_support_button_change_public_sites: bool(false, RS),
        perm_support_button_team_deploy: bool(false, RS),
        perm_local_vnc: bool(false, RS),
        perm_local_rdp: bool(false, RS),
        perm_vpro: bool(false, RS),
        perm_console_idle_timeout: idleTimeout(RS),
        // both
        perm_share_other_team: bool(false),
        perm_session_idle_timeout: idleTimeout(),
        perm_extended_availability_mode_allowed: bool(false),
        perm_edit_external_key: bool(false),
        perm_collaborate: bool(false),
        perm_collaborate_control: bool(false),
        perm_jump_client: bool(false),
        perm_local_jump: bool(false),
        perm_remote_jump: bool(false),
        perm_remote_vnc: bool(false),
        perm_remote_rdp: bool(false),
        perm_shell_jump: bool(false),
        default_jump_item_role_id: role(),
        private_jump_item_role_id: role(),
        inferior_jump_item_role_id: role(),
        unassigned_jump_item_role_id: role(),
    },
    filters: {
        name: { field: str(1, 255) },
    },
};
