import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface ShellJumpArgs extends CommonArgs {
    name: pulumi.Input<string>;
    /** The Jumpoint that makes the connection (e.g. `jumpoint.id`). */
    jumpointId: pulumi.Input<number | string>;
    /** Host name or IP address to connect to. */
    hostname: pulumi.Input<string>;
    /** The owning Jump Group (e.g. `jumpGroup.id`). */
    jumpGroupId: pulumi.Input<number | string>;
    /** Default "ssh". */
    protocol?: pulumi.Input<"ssh" | "telnet">;
    /** Default 22 for ssh, 23 for telnet. */
    port?: pulumi.Input<number>;
    /** Default "shared". */
    jumpGroupType?: pulumi.Input<"shared" | "personal">;
    /** Default "xterm". */
    terminal?: pulumi.Input<"xterm" | "VT100">;
    /** Seconds between keep-alives, 0 to 300; default 0 (off). */
    keepAlive?: pulumi.Input<number>;
    tag?: pulumi.Input<string>;
    comments?: pulumi.Input<string>;
    jumpPolicyId?: pulumi.Input<number | string | null>;
    /** Default username when no vault credential applies. Left out: whatever the appliance holds. */
    username?: pulumi.Input<string>;
    /** Session policy id (2 or more), or null for the default. */
    sessionPolicyId?: pulumi.Input<number | string | null>;
}

/** A Shell Jump item: SSH or Telnet to a host, through a Jumpoint. */
export class ShellJump extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:ShellJump");
    declare readonly name: pulumi.Output<string>;
    declare readonly jumpointId: pulumi.Output<number>;
    declare readonly hostname: pulumi.Output<string>;
    declare readonly protocol: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    declare readonly jumpGroupId: pulumi.Output<number>;
    declare readonly jumpGroupType: pulumi.Output<string>;
    declare readonly terminal: pulumi.Output<string>;
    declare readonly keepAlive: pulumi.Output<number>;
    declare readonly tag: pulumi.Output<string>;
    declare readonly comments: pulumi.Output<string>;
    declare readonly jumpPolicyId: pulumi.Output<number | null>;
    declare readonly username: pulumi.Output<string | undefined>;
    declare readonly sessionPolicyId: pulumi.Output<number | null>;

    constructor(name: string, args: ShellJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:ShellJump", name, args, opts);
    }
}
