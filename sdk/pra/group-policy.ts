import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface GroupPolicyArgs extends CommonArgs {
    name: pulumi.Input<string>;
    /** "not_defined" (default), "defined" or "final". */
    accessPermStatus?: pulumi.Input<"not_defined" | "defined" | "final">;
    permAccessAllowed?: pulumi.Input<boolean>;
    permShareOtherTeam?: pulumi.Input<boolean>;
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
    permWebJump?: pulumi.Input<boolean>;
    permProtocolTunnel?: pulumi.Input<boolean>;
    permSdStaticPortForExternalTools?: pulumi.Input<boolean>;
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
    declare readonly name: pulumi.Output<string>;
    declare readonly accessPermStatus: pulumi.Output<string>;
    declare readonly permAccessAllowed: pulumi.Output<boolean>;
    declare readonly permShellJump: pulumi.Output<boolean>;
    declare readonly permSessionIdleTimeout: pulumi.Output<number>;
    declare readonly defaultJumpItemRoleId: pulumi.Output<number>;

    constructor(name: string, args: GroupPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:GroupPolicy", name, args, opts);
    }
}
