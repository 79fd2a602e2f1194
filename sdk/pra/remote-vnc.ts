import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../resource";
import { JumpItem, JumpItemArgs } from "./jump-item";

export interface RemoteVncArgs extends JumpItemArgs {
    /** Host name or IP address of the VNC server, at most 128 characters. */
    hostname: pulumi.Input<string>;
    /** TCP port, 100 to 65535; default 5900. */
    port?: pulumi.Input<number>;
}

/** A Remote VNC Jump Item: a VNC server reached through a Jumpoint (PRA and RS). */
export class RemoteVnc extends JumpItem {
    static readonly __pulumiType = typeToken("pra:RemoteVnc");
    declare readonly hostname: pulumi.Output<string>;
    declare readonly port: pulumi.Output<number>;

    constructor(name: string, args: RemoteVncArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:RemoteVnc", name, args, opts);
    }
}
