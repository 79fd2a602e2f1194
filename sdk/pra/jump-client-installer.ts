import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface JumpClientInstallerArgs extends CommonArgs {
    /** The Jump Group (or, with `jumpGroupType: "personal"`, the user) owning the Jump Clients it installs. */
    jumpGroupId: pulumi.Input<number | string>;
    /** `shared` (default) or `personal`. */
    jumpGroupType?: pulumi.Input<"shared" | "personal">;
    /** Name of the Jump Clients it installs (at most 128 characters); left out or empty, each takes its computer's name. */
    name?: pulumi.Input<string>;
    /** Tag of the Jump Clients it installs (at most 64 characters); default "". */
    tag?: pulumi.Input<string>;
    /** Comments of the Jump Clients it installs (at most 1024 characters); default "". */
    comments?: pulumi.Input<string>;
    /** Jump Policy of the Jump Clients it installs. */
    jumpPolicyId?: pulumi.Input<number | string>;
    /** `active` (default) or `passive` Jump Clients; cloud sites take active only. */
    connectionType?: pulumi.Input<"active" | "passive">;
    /** Minutes (10 to 525600, default 1440) the installer stays usable after it is downloaded. */
    validDuration?: pulumi.Input<number>;
    /** Install the Jump Client as a service (default true). */
    elevateInstall?: pulumi.Input<boolean>;
    /** Ask for elevation credentials when needed (default true; with `elevateInstall`). */
    elevatePrompt?: pulumi.Input<boolean>;
    /** The Jump Group can be chosen at install time (default false). */
    allowOverrideJumpGroup?: pulumi.Input<boolean>;
    /** The Jump Policy can be chosen at install time (default false). */
    allowOverrideJumpPolicy?: pulumi.Input<boolean>;
    /** The name can be chosen at install time (default false). */
    allowOverrideName?: pulumi.Input<boolean>;
    /** The tag can be chosen at install time (default false). */
    allowOverrideTag?: pulumi.Input<boolean>;
    /** The comments can be chosen at install time (default false). */
    allowOverrideComments?: pulumi.Input<boolean>;
    /** Name of a Jumpoint (online, Jump Zone Proxy enabled) the Jump Clients connect through. */
    jumpointProxy?: pulumi.Input<string>;
    /** PRA only: session policy on the Jump Client's system (2 or above). */
    sessionPolicyId?: pulumi.Input<number | string>;
    /** PRA only: the session policy can be chosen at install time (default false). */
    allowOverrideSessionPolicy?: pulumi.Input<boolean>;
    /** RS only: session policy while an end user is present. */
    attendedSessionPolicyId?: pulumi.Input<number | string>;
    /** RS only: session policy while no end user is present. */
    unattendedSessionPolicyId?: pulumi.Input<number | string>;
    /** RS only: the attended session policy can be chosen at install time (default false). */
    allowOverrideAttendedSessionPolicy?: pulumi.Input<boolean>;
    /** RS only: the unattended session policy can be chosen at install time (default false). */
    allowOverrideUnattendedSessionPolicy?: pulumi.Input<boolean>;
    /** RS only: code name of the Support Button profile to deploy with the Jump Client. */
    supportButtonProfileCodeName?: pulumi.Input<string>;
    /** RS only: the Support Button profile can be chosen at install time (default false). */
    allowOverrideSupportButtonProfile?: pulumi.Input<boolean>;
    /** RS only: team its Support Button sessions go to, `"team:<code name>"`. */
    supportButtonDirectQueue?: pulumi.Input<string>;
    /** RS only: the Support Button team can be chosen at install time (default false). */
    allowOverrideSupportButtonDirectQueue?: pulumi.Input<boolean>;
    /** RS only: how the customer client starts, `normal` (default), `minimized` or `hidden`. */
    customerClientStartMode?: pulumi.Input<"normal" | "minimized" | "hidden">;
}

/**
 * A Jump Client installer. The API cannot change one, so every input change replaces it (and a
 * copy of the old installer stops working). `installerKey` is the key an MSI deployment takes
 * (`KEYINFO=`): a secret, answered only when the installer is made, and kept in state (encrypted)
 * from then on; an adopted installer has none.
 */
export class JumpClientInstaller extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:JumpClientInstaller");
    declare readonly jumpGroupId: pulumi.Output<number>;
    declare readonly jumpGroupType: pulumi.Output<string>;
    declare readonly name: pulumi.Output<string | undefined>;
    declare readonly tag: pulumi.Output<string>;
    declare readonly comments: pulumi.Output<string>;
    declare readonly jumpPolicyId: pulumi.Output<number | undefined>;
    declare readonly connectionType: pulumi.Output<string>;
    declare readonly validDuration: pulumi.Output<number>;
    declare readonly elevateInstall: pulumi.Output<boolean>;
    declare readonly elevatePrompt: pulumi.Output<boolean>;
    declare readonly allowOverrideJumpGroup: pulumi.Output<boolean>;
    declare readonly allowOverrideJumpPolicy: pulumi.Output<boolean>;
    declare readonly allowOverrideName: pulumi.Output<boolean>;
    declare readonly allowOverrideTag: pulumi.Output<boolean>;
    declare readonly allowOverrideComments: pulumi.Output<boolean>;
    declare readonly jumpointProxy: pulumi.Output<string | undefined>;
    declare readonly sessionPolicyId: pulumi.Output<number | undefined>;
    declare readonly allowOverrideSessionPolicy: pulumi.Output<boolean | undefined>;
    declare readonly attendedSessionPolicyId: pulumi.Output<number | undefined>;
    declare readonly unattendedSessionPolicyId: pulumi.Output<number | undefined>;
    declare readonly allowOverrideAttendedSessionPolicy: pulumi.Output<boolean | undefined>;
    declare readonly allowOverrideUnattendedSessionPolicy: pulumi.Output<boolean | undefined>;
    declare readonly supportButtonProfileCodeName: pulumi.Output<string | undefined>;
    declare readonly allowOverrideSupportButtonProfile: pulumi.Output<boolean | undefined>;
    declare readonly supportButtonDirectQueue: pulumi.Output<string | undefined>;
    declare readonly allowOverrideSupportButtonDirectQueue: pulumi.Output<boolean | undefined>;
    declare readonly customerClientStartMode: pulumi.Output<string | undefined>;
    /** The 32-character id that downloads the installer per platform (`/jump-client/installer/{installerId}/{platform}`). */
    declare readonly installerId: pulumi.Output<string>;
    /** When the installer stops working. */
    declare readonly expirationTimestamp: pulumi.Output<string>;
    /** Minutes an installed Jump Client may stay offline before it uninstalls itself (0: the site's setting). */
    declare readonly maxOfflineMinutes: pulumi.Output<number>;
    /** Secret: the deployment key (key_info.encodedInfo), e.g. the MSI's KEYINFO. */
    declare readonly installerKey: pulumi.Output<string | undefined>;
    /** The installer's file name (key_info.filename). */
    declare readonly installerFilename: pulumi.Output<string>;
    /** Where the installer file lies (key_info.installerPath). */
    declare readonly installerPath: pulumi.Output<string>;

    constructor(name: string, args: JumpClientInstallerArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:JumpClientInstaller", name, args, opts);
    }
}
