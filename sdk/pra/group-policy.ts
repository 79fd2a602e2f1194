import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface GroupPolicyArgs extends CommonArgs {
    name: pulumi.Input<string>;
    /** PRA: "not_defined" (default), "defined" or "final". */
    accessPermStatus?: pulumi.Input<"not_defined" | "defined" | "final">;
    /** RS: "not_defined", "defined" or "final". */
    repPermStatus?: pulumi.Input<"not_defined" | "defined" | "final">;
    /** RS: "not_allowed" (default) or "full_support". */
    permSupportAllowed?: pulumi.Input<"not_allowed" | "full_support">;
    /** PRA only. */
    permAccessAllowed?: pulumi.Input<boolean>;
    permShareOtherTeam?: pulumi.Input<boolean>;
    /** PRA only. */
    permInviteExternalUser?: pulumi.Input<boolean>;
    permExtendedAvailabilityModeAllowed?: pulumi.Input<boolean>;
    permEditExternalKey?: pulumi.Input<boolean>;
    permCollaborate?: pulumi.Input<boolean>;
    permCollaborateControl?: pulumi.Input<boolean>;
    permJumpClient?: pulumi.Input<boolean>;
    permLocalJump?: pulumi.Input<boolean>;
    permRemoteJump?: pulumi.Input<boolean>;
    permRemoteVnc?: pulumi.Input<boolean>;
    permRemoteRdp?: pulumi.Input<boolean>;
    permShellJump?: pulumi.Input<boolean>;
    /** PRA only. */
    permWebJump?: pulumi.Input<boolean>;
    /** PRA only. */
    permProtocolTunnel?: pulumi.Input<boolean>;
    /** PRA only. */
    permSdStaticPortForExternalTools?: pulumi.Input<boolean>;
    /** RS only, like the rest of this block. */
    permGenerateSessionKey?: pulumi.Input<boolean>;
    permSendIosProfiles?: pulumi.Input<boolean>;
    permAcceptTeamSessions?: pulumi.Input<boolean>;
    permTransferOtherTeam?: pulumi.Input<boolean>;
    permInviteExternalRep?: pulumi.Input<boolean>;
    permNextSessionButton?: pulumi.Input<boolean>;
    permDisableAutoAssignment?: pulumi.Input<boolean>;
    permSupportButtonPersonalDeploy?: pulumi.Input<boolean>;
    permSupportButtonTeamManage?: pulumi.Input<boolean>;
    permSupportButtonChangePublicSites?: pulumi.Input<boolean>;
    permSupportButtonTeamDeploy?: pulumi.Input<boolean>;
    permLocalVnc?: pulumi.Input<boolean>;
    permLocalRdp?: pulumi.Input<boolean>;
    permVpro?: pulumi.Input<boolean>;
    /** RS: idle seconds before the console logs out, -1 (default) for the site setting. */
    permConsoleIdleTimeout?: pulumi.Input<number>;
    /** RS: idle seconds before a representative stops receiving sessions (0 to 3600, default 900). */
    permRoutingIdleTimeout?: pulumi.Input<number>;
    /** RS: sessions auto-assigned at once (1 to 10, default 3). */
    autoAssignmentMaxSessions?: pulumi.Input<number>;
    /** Idle seconds before a session ends, -1 (default) for the site setting. */
    permSessionIdleTimeout?: pulumi.Input<number>;
    defaultJumpItemRoleId?: pulumi.Input<number | string>;
    privateJumpItemRoleId?: pulumi.Input<number | string>;
    inferiorJumpItemRoleId?: pulumi.Input<number | string>;
    unassignedJumpItemRoleId?: pulumi.Input<number | string>;
}

/** A group policy: permissions and grants for its members. */
export class GroupPolicy extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:GroupPolicy");
    // Every field of the spec is an output; those typed `| undefined` exist on one product only
    // (see GroupPolicyArgs) and are undefined on the other.
    declare readonly name: pulumi.Output<string>;
    declare readonly accessPermStatus: pulumi.Output<string | undefined>;
    declare readonly repPermStatus: pulumi.Output<string | undefined>;
    declare readonly permSupportAllowed: pulumi.Output<string | undefined>;
    declare readonly permAccessAllowed: pulumi.Output<boolean | undefined>;
    declare readonly permShareOtherTeam: pulumi.Output<boolean>;
    declare readonly permInviteExternalUser: pulumi.Output<boolean | undefined>;
    declare readonly permExtendedAvailabilityModeAllowed: pulumi.Output<boolean>;
    declare readonly permEditExternalKey: pulumi.Output<boolean>;
    declare readonly permCollaborate: pulumi.Output<boolean>;
    declare readonly permCollaborateControl: pulumi.Output<boolean>;
    declare readonly permJumpClient: pulumi.Output<boolean>;
    declare readonly permLocalJump: pulumi.Output<boolean>;
    declare readonly permRemoteJump: pulumi.Output<boolean>;
    declare readonly permRemoteVnc: pulumi.Output<boolean>;
    declare readonly permRemoteRdp: pulumi.Output<boolean>;
    declare readonly permShellJump: pulumi.Output<boolean>;
    declare readonly permWebJump: pulumi.Output<boolean | undefined>;
    declare readonly permProtocolTunnel: pulumi.Output<boolean | undefined>;
    declare readonly permSdStaticPortForExternalTools: pulumi.Output<boolean | undefined>;
    declare readonly permGenerateSessionKey: pulumi.Output<boolean | undefined>;
    declare readonly permSendIosProfiles: pulumi.Output<boolean | undefined>;
    declare readonly permAcceptTeamSessions: pulumi.Output<boolean | undefined>;
    declare readonly permTransferOtherTeam: pulumi.Output<boolean | undefined>;
    declare readonly permInviteExternalRep: pulumi.Output<boolean | undefined>;
    declare readonly permNextSessionButton: pulumi.Output<boolean | undefined>;
    declare readonly permDisableAutoAssignment: pulumi.Output<boolean | undefined>;
    declare readonly permSupportButtonPersonalDeploy: pulumi.Output<boolean | undefined>;
    declare readonly permSupportButtonTeamManage: pulumi.Output<boolean | undefined>;
    declare readonly permSupportButtonChangePublicSites: pulumi.Output<boolean | undefined>;
    declare readonly permSupportButtonTeamDeploy: pulumi.Output<boolean | undefined>;
    declare readonly permLocalVnc: pulumi.Output<boolean | undefined>;
    declare readonly permLocalRdp: pulumi.Output<boolean | undefined>;
    declare readonly permVpro: pulumi.Output<boolean | undefined>;
    declare readonly permSessionIdleTimeout: pulumi.Output<number>;
    declare readonly permConsoleIdleTimeout: pulumi.Output<number | undefined>;
    declare readonly permRoutingIdleTimeout: pulumi.Output<number | undefined>;
    declare readonly autoAssignmentMaxSessions: pulumi.Output<number | undefined>;
    declare readonly defaultJumpItemRoleId: pulumi.Output<number>;
    declare readonly privateJumpItemRoleId: pulumi.Output<number>;
    declare readonly inferiorJumpItemRoleId: pulumi.Output<number>;
    declare readonly unassignedJumpItemRoleId: pulumi.Output<number>;

    constructor(name: string, args: GroupPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:GroupPolicy", name, args, opts);
    }
}
