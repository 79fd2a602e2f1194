import { collectionApi } from "../engine/collection-api";
import type { FieldTable } from "../engine/fields";
import { byName, flag, int, praSpec, ref, text } from "./common";

/** The group policy's permission switches, all off by default as on the appliance. */
const PERMISSIONS: Record<string, [api: string, what: string]> = {
    permAccessAllowed: ["perm_access_allowed", "members may use the access console"],
    permShareOtherTeam: ["perm_share_other_team", "members may share sessions with other teams"],
    permInviteExternalUser: ["perm_invite_external_user", "members may invite external users"],
    permExtendedAvailabilityModeAllowed: ["perm_extended_availability_mode_allowed", "members may use extended availability"],
    permEditExternalKey: ["perm_edit_external_key", "members may edit external keys"],
    permCollaborate: ["perm_collaborate", "members may collaborate in sessions"],
    permCollaborateControl: ["perm_collaborate_control", "collaborators may take control"],
    permJumpClient: ["perm_jump_client", "members may use Jump Clients"],
    permLocalJump: ["perm_local_jump", "members may use local Jump"],
    permRemoteJump: ["perm_remote_jump", "members may use remote Jump"],
    permRemoteVnc: ["perm_remote_vnc", "members may use VNC Jump items"],
    permRemoteRdp: ["perm_remote_rdp", "members may use RDP Jump items"],
    permShellJump: ["perm_shell_jump", "members may use Shell Jump items"],
    permWebJump: ["perm_web_jump", "members may use Web Jump items"],
    permProtocolTunnel: ["perm_protocol_tunnel", "members may use protocol tunnels"],
    permSdStaticPortForExternalTools: ["perm_sd_static_port_for_external_tools", "static ports for external tools"],
};

const permissionFields: FieldTable = Object.fromEntries(
    Object.entries(PERMISSIONS).map(([name, [api, what]]) => [name, flag(api, false, `Whether ${what}.`)]),
);

/** A group policy: the bundle of permissions and grants given to users and groups. */
export const groupPolicy = praSpec({
    kind: "pra:GroupPolicy",
    title: "Group policy",
    fields: {
        name: text("name", 1, 255, "Display name of the group policy.", { required: true }),
        accessPermStatus: {
            api: "access_perm_status",
            type: { kind: "enum", values: ["not_defined", "defined", "final"] },
            default: "not_defined",
            description: "Whether this policy defines access permissions, and whether lower policies may override them.",
        },
        ...permissionFields,
        permSessionIdleTimeout: int("perm_session_idle_timeout", -1, 86400, "Idle seconds before a session ends; -1 uses the site default.", { default: -1 }),
        defaultJumpItemRoleId: ref("default_jump_item_role_id", "Jump Item Role for items in shared Jump Groups.", { default: 1 }),
        privateJumpItemRoleId: ref("private_jump_item_role_id", "Jump Item Role for items in the member's personal list.", { default: 1 }),
        inferiorJumpItemRoleId: ref("inferior_jump_item_role_id", "Jump Item Role for items of members' subordinates.", { default: 1 }),
        unassignedJumpItemRoleId: ref("unassigned_jump_item_role_id", "Jump Item Role for items of users with no team.", { default: 1 }),
    },
    outputs: {},
    api: collectionApi({ path: "/group-policy", naturalKey: byName, listHoldsFullObjects: true }),
});
