import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../resource";
import { JumpItem, JumpItemArgs } from "./jump-item";

export type RdpQuality = "low" | "performance" | "performance_quality" | "quality" | "best_performance" | "lossless";
export type SecureAppType = "none" | "remote_app" | "remote_desktop_agent" | "remote_desktop_agent_credentials";

export interface RemoteRdpArgs extends JumpItemArgs {
    /** Host name or IP address to connect to over RDP. */
    hostname: pulumi.Input<string>;
    /** Default "best_performance". */
    quality?: pulumi.Input<RdpQuality>;
    /** Start a console session instead of a new one; default false. */
    console?: pulumi.Input<boolean>;
    /** Ignore untrusted server certificates instead of warning; default false. */
    ignoreUntrusted?: pulumi.Input<boolean>;
    /** Username offered on the endpoint. Left out: whatever the appliance holds. */
    rdpUsername?: pulumi.Input<string>;
    /** Windows domain of the endpoint user. Left out: whatever the appliance holds. */
    domain?: pulumi.Input<string>;
    /** RDP with Session Forensics; default false. PRA only. */
    sessionForensics?: pulumi.Input<boolean>;
    /** SecureApp technology to use; default "none". PRA only. */
    secureAppType?: pulumi.Input<SecureAppType>;
    /** RemoteApp to launch; only with secureAppType "remote_app". PRA only. */
    remoteAppName?: pulumi.Input<string>;
    /** Parameters of the RemoteApp; only with secureAppType "remote_app". PRA only. */
    remoteAppParams?: pulumi.Input<string>;
    /** Executable the remote desktop agent launches; only with the remote_desktop_agent types. PRA only. */
    remoteExePath?: pulumi.Input<string>;
    /** Parameters of that executable; only with the remote_desktop_agent types. PRA only. */
    remoteExeParams?: pulumi.Input<string>;
    /** Only with secureAppType "remote_desktop_agent_credentials". PRA only. */
    targetSystem?: pulumi.Input<string>;
    /** Only with secureAppType "remote_desktop_agent_credentials". PRA only. */
    credentialType?: pulumi.Input<string>;
}

/** A Remote RDP Jump Item: a Windows host over RDP, through a Jumpoint. */
export class RemoteRdp extends JumpItem {
    static readonly __pulumiType = typeToken("pra:RemoteRdp");
    declare readonly hostname: pulumi.Output<string>;
    declare readonly quality: pulumi.Output<string>;
    declare readonly console: pulumi.Output<boolean>;
    declare readonly ignoreUntrusted: pulumi.Output<boolean>;
    declare readonly rdpUsername: pulumi.Output<string | undefined>;
    declare readonly domain: pulumi.Output<string | undefined>;
    /** PRA only: undefined on RS. */
    declare readonly sessionForensics: pulumi.Output<boolean | undefined>;
    /** PRA only: undefined on RS. */
    declare readonly secureAppType: pulumi.Output<string | undefined>;
    declare readonly remoteAppName: pulumi.Output<string | undefined>;
    declare readonly remoteAppParams: pulumi.Output<string | undefined>;
    declare readonly remoteExePath: pulumi.Output<string | undefined>;
    declare readonly remoteExeParams: pulumi.Output<string | undefined>;
    declare readonly targetSystem: pulumi.Output<string | undefined>;
    declare readonly credentialType: pulumi.Output<string | undefined>;
    /** The linked vault endpoint, or null when none is linked (read-only). */
    declare readonly endpointId: pulumi.Output<number | null>;

    constructor(name: string, args: RemoteRdpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:RemoteRdp", name, args, opts);
    }
}
