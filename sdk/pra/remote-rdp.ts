import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export type RdpQuality = "low" | "performance" | "performance_quality" | "quality" | "best_performance" | "lossless";
export type SecureAppType = "none" | "remote_app" | "remote_desktop_agent" | "remote_desktop_agent_credentials";

export interface RemoteRdpArgs extends CommonArgs {
    name: pulumi.Input<string>;
    /** The Jumpoint that makes the connection (e.g. `jumpoint.id`). */
    jumpointId: pulumi.Input<number | string>;
    /** Host name or IP address to connect to over RDP. */
    hostname: pulumi.Input<string>;
    /** The owning Jump Group (e.g. `jumpGroup.id`). */
    jumpGroupId: pulumi.Input<number | string>;
    /** Default "shared". */
    jumpGroupType?: pulumi.Input<"shared" | "personal">;
    /** Default "best_performance". */
    quality?: pulumi.Input<RdpQuality>;
    /** Start a console session instead of a new one; default false. */
    console?: pulumi.Input<boolean>;
    /** Ignore untrusted server certificates instead of warning; default false. */
    ignoreUntrusted?: pulumi.Input<boolean>;
    tag?: pulumi.Input<string>;
    comments?: pulumi.Input<string>;
    /** Username offered on the endpoint. Left out: whatever the appliance holds. */
    rdpUsername?: pulumi.Input<string>;
    /** Windows domain of the endpoint user. Left out: whatever the appliance holds. */
    domain?: pulumi.Input<string>;
    jumpPolicyId?: pulumi.Input<number | string | null>;
    /** RDP with Session Forensics; default false. PRA only. */
    sessionForensics?: pulumi.Input<boolean>;
    /** Session policy id (2 or more), or null for the default. */
    sessionPolicyId?: pulumi.Input<number | string | null>;
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
export class RemoteRdp extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:RemoteRdp");
    declare readonly name: pulumi.Output<string>;
    declare readonly jumpointId: pulumi.Output<number>;
    declare readonly hostname: pulumi.Output<string>;
    declare readonly jumpGroupId: pulumi.Output<number>;
    declare readonly jumpGroupType: pulumi.Output<string>;
    declare readonly quality: pulumi.Output<string>;
    declare readonly console: pulumi.Output<boolean>;
    declare readonly ignoreUntrusted: pulumi.Output<boolean>;
    declare readonly tag: pulumi.Output<string>;
    declare readonly comments: pulumi.Output<string>;
    declare readonly rdpUsername: pulumi.Output<string | undefined>;
    declare readonly domain: pulumi.Output<string | undefined>;
    declare readonly jumpPolicyId: pulumi.Output<number | null>;
    /** PRA only: undefined on RS. */
    declare readonly sessionForensics: pulumi.Output<boolean | undefined>;
    declare readonly sessionPolicyId: pulumi.Output<number | null>;
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
