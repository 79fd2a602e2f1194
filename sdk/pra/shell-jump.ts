import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../resource";
import { JumpItem, JumpItemArgs } from "./jump-item";

export interface ShellJumpArgs extends JumpItemArgs {
    /** Host name or IP address to connect to. */
    hostname: pulumi.Input<string>;
    /** Default "ssh". */
    protocol?: pulumi.Input<"ssh" | "telnet">;
    /** Default 22 for ssh, 23 for telnet. */
    port?: pulumi.Input<number>;
    /** Default "xterm". */
    terminal?: pulumi.Input<"xterm" | "VT100">;
    /** Seconds between keep-alives, 0 to 300; default 0 (off). */
    keepAlive?: pulumi.Input<number>;
    /** Default username when no vault credential applies. Left out: whatever the appliance holds. */
    username?: pulumi.Input<string>;
}

/** A Shell Jump item: SSH or Telnet to a host, through a Jumpoint. */
export class ShellJump extends JumpItem {
    static readonly __pulumiType = typeToken("pra:ShellJump");
    declare readonly hostname: pulumi.Output<string>;
    declare readonly protocol: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;
    declare readonly terminal: pulumi.Output<string>;
    declare readonly keepAlive: pulumi.Output<number>;
    declare readonly username: pulumi.Output<string | undefined>;

    constructor(name: string, args: ShellJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:ShellJump", name, args, opts);
    }
}
