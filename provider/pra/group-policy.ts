import { collectionApi } from "../engine/collection-api";
import type { FieldSpec, FieldTable } from "../engine/fields";
import { byName, flag, int, praSpec, ref, text } from "./common";

type Products = FieldSpec["products"];
const BOTH: Products = undefined;
const PRA: Products = ["pra"];
const RS: Products = ["rs"];

/**
 * The group policy's permission switches, all off by default as on the appliance. PRA and RS share
 * some and each has its own (the two specs' GroupPolicy schemas differ), so each switch says where
 * it exists and check refuses it on the other product.
 */
const PERMISSIONS: Record<string, [api: string, products: Products, what: string]> = {
    permAccessAllowed: ["perm_access_allowed", PRA, "members may use the access console"],
    permShareOtherTeam: ["perm_share_other_team", BOTH, "members may share sessions with other teams"],
    permInviteExternalUser: ["perm_invite_external_user", PRA, "members may invite external users"],
    permExtendedAvailabilityModeAllowed: ["perm_extended_availability_mode_allowed", BOTH, "members may use extended availability"],
    permEditExternalKey: ["perm_edit_external_key", BOTH, "members may edit external keys"],
    permCollaborate: ["perm_collaborate", BOTH, "members may collaborate in sessions"],
    permCollaborateControl: ["perm_collaborate_control", BOTH, "collaborators may take control"],
    permJumpClient: ["perm_jump_client", BOTH, "members may use Jump Clients"],
    permLocalJump: ["perm_local_jump", BOTH, "members may use local Jump"],
    permRemoteJump: ["perm_remote_jump", BOTH, "members may use remote Jump"],
    permRemoteVnc: ["perm_remote_vnc", BOTH, "members may use VNC Jump items"],
    permRemoteRdp: ["perm_remote_rdp", BOTH, "members may use RDP Jump items"],
    permShellJump: ["perm_shell_jump", BOTH, "members may use Shell Jump items"],
    permWebJump: ["perm_web_jump", PRA, "members may use Web Jump items"],
    permProtocolTunnel: ["perm_protocol_tunnel", PRA, "members may use protocol tunnels"],
    permSdStaticPortForExternalTools: ["perm_sd_static_port_for_external_tools", PRA, "static ports for external tools"],
    permGenerateSessionKey: ["perm_generate_session_key", RS, "representatives may generate session keys"],
    permSendIosProfiles: ["perm_send_ios_profiles", RS, "representatives may send iOS profiles"],
    permAcceptTeamSessions: ["perm_accept_team_sessions", RS, "representatives may accept team sessions"],
    permTransferOtherTeam: ["perm_transfer_other_team", RS, "representatives may transfer sessions to other teams"],
    permInviteExternalRep: ["perm_invite_external_rep", RS, "representatives may invite external representatives"],
    permNextSessionButton: ["perm_next_session_button", RS, "representatives see the next-session button"],
    permDisableAutoAssignment: ["perm_disable_auto_assignment", RS, "representatives may opt out of auto-assignment"],
    permSupportButtonPersonalDeploy: ["perm_support_button_personal_deploy", RS, "representatives may deploy personal support buttons"],
    permSupportButtonTeamManage: ["perm_support_button_team_manage", RS, "representatives may manage team support buttons"],
    permSupportButtonChangePublicSites: ["perm_support_button_change_public_sites", RS, "representatives may change support buttons' public sites"],
    permSupportButtonTeamDeploy: ["perm_support_button_team_deploy", RS, "representatives may deploy team support buttons"],
    permLocalVnc: ["perm_local_vnc", RS, "representatives may use local VNC"],
    permLocalRdp: ["perm_local_rdp", RS, "representatives may use local RDP"],
    permVpro: ["perm_vpro", RS, "representatives may use Intel vPro"],
};

const permissionFields: FieldTable = Object.fromEntries(
    Object.entries(PERMISSIONS).map(([name, [api, products, what]]) => [name, flag(api, false, `Whether ${what}.`, { products })]),
);

const PERM_STATUS = { kind: "enum" as const, values: ["not_defined", "defined", "final"] };

/** A group policy: the bundle of permissions and grants given to users and groups. */
export const groupPolicy = praSpec({
    kind: "pra:GroupPolicy",
    title: "Group policy",
    fields: {
        name: text("name", 1, 255, "Display name of the group policy.", { required: true }),
        accessPermStatus: {
            api: "access_perm_status",
            type: PERM_STATUS,
            default: "not_defined",
            products: PRA,
            description: "Whether this policy defines access permissions, and whether lower policies may override them (PRA).",
        },
        repPermStatus: {
            api: "rep_perm_status",
            type: PERM_STATUS,
            products: RS,
            description: "Whether this policy defines representative permissions, and whether lower policies may override them (RS).",
        },
        permSupportAllowed: {
            api: "perm_support_allowed",
            type: { kind: "enum", values: ["not_allowed", "full_support"] },
            default: "not_allowed",
            products: RS,
            description: "Whether members may provide support (RS).",
        },
        ...permissionFields,
        permSessionIdleTimeout: int("perm_session_idle_timeout", -1, 86400, "Idle seconds before a session ends; -1 uses the site default.", { default: -1 }),
        permConsoleIdleTimeout: int("perm_console_idle_timeout", -1, 86400, "Idle seconds before the console logs out; -1 uses the site default (RS).", {
            default: -1,
            products: RS,
        }),
        permRoutingIdleTimeout: int("perm_routing_idle_timeout", 0, 3600, "Idle seconds before a representative stops receiving sessions (RS).", {
            default: 900,
            products: RS,
        }),
        autoAssignmentMaxSessions: int("auto_assignment_max_sessions", 1, 10, "Sessions auto-assigned at once (RS).", { default: 3, products: RS }),
        defaultJumpItemRoleId: ref("default_jump_item_role_id", "Jump Item Role for items in shared Jump Groups.", { default: 1 }),
        privateJumpItemRoleId: ref("private_jump_item_role_id", "Jump Item Role for items in the member's personal list.", { default: 1 }),
        inferiorJumpItemRoleId: ref("inferior_jump_item_role_id", "Jump Item Role for items of members' subordinates.", { default: 1 }),
        unassignedJumpItemRoleId: ref("unassigned_jump_item_role_id", "Jump Item Role for items of users with no team.", { default: 1 }),
    },
    outputs: {},
    api: collectionApi({ path: "/group-policy", naturalKey: byName, listHoldsFullObjects: true }),
});
