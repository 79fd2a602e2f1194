import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface JumpointArgs extends CommonArgs {
    /** Display name; unique on the appliance. */
    name: pulumi.Input<string>;
    /** Platform the Jumpoint runs on. Changing it replaces the Jumpoint. */
    platform: pulumi.Input<"windows-x86" | "linux-x86">;
    /** Unique code name (letters, digits, `_`, `-`). */
    codeName?: pulumi.Input<string>;
    comments?: pulumi.Input<string>;
    /** Default true. */
    enabled?: pulumi.Input<boolean>;
    /** Default false. Changing it replaces the Jumpoint. */
    clustered?: pulumi.Input<boolean>;
    /** Allow Shell Jump items through this Jumpoint. Default false. */
    shellJumpEnabled?: pulumi.Input<boolean>;
    externalJumpItemNetworkId?: pulumi.Input<string>;
    /** PRA only. Default true. */
    protocolTunnelEnabled?: pulumi.Input<boolean>;
    /** PRA only: vault account for RDP service connections. */
    rdpServiceAccountId?: pulumi.Input<number | string | null>;
}

/** A Jumpoint (called Gateway in recent consoles; the API keeps the name jumpoint). */
export class Jumpoint extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:Jumpoint");
    declare readonly name: pulumi.Output<string>;
    declare readonly platform: pulumi.Output<string>;
    declare readonly codeName: pulumi.Output<string | undefined>;
    declare readonly comments: pulumi.Output<string>;
    declare readonly enabled: pulumi.Output<boolean>;
    declare readonly clustered: pulumi.Output<boolean>;
    declare readonly shellJumpEnabled: pulumi.Output<boolean>;
    declare readonly externalJumpItemNetworkId: pulumi.Output<string | undefined>;
    declare readonly protocolTunnelEnabled: pulumi.Output<boolean | undefined>;
    declare readonly rdpServiceAccountId: pulumi.Output<number | null>;
    /** Whether a Jumpoint node is connected to the appliance. */
    declare readonly connected: pulumi.Output<boolean>;

    constructor(name: string, args: JumpointArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:Jumpoint", name, args, opts);
    }
}
