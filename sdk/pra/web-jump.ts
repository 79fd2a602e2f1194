import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface WebJumpArgs extends CommonArgs {
    name: pulumi.Input<string>;
    /** The Jumpoint whose browser opens the site (e.g. `jumpoint.id`). */
    jumpointId: pulumi.Input<number | string>;
    /** URL of the web site, at most 255 characters. */
    url: pulumi.Input<string>;
    /** The owning Jump Group (e.g. `jumpGroup.id`). */
    jumpGroupId: pulumi.Input<number | string>;
    /** Default "shared". */
    jumpGroupType?: pulumi.Input<"shared" | "personal">;
    /** How an injected username is written; default "default". */
    usernameFormat?: pulumi.Input<"default" | "username_only" | "force_upn_format" | "force_dlln_format">;
    /** Verify the site's certificate; default true. */
    verifyCertificate?: pulumi.Input<boolean>;
    /** Seconds to wait for the login form, 1 to 30; default 3. */
    authenticationTimeout?: pulumi.Input<number>;
    tag?: pulumi.Input<string>;
    comments?: pulumi.Input<string>;
    jumpPolicyId?: pulumi.Input<number | string | null>;
    /** HTML id, name or CSS selector of the username input; default null (auto-detect). */
    usernameField?: pulumi.Input<string | null>;
    /** HTML id, name or CSS selector of the password input; default null (auto-detect). */
    passwordField?: pulumi.Input<string | null>;
    /** HTML id, name or CSS selector of the submit button; default null (auto-detect). */
    submitField?: pulumi.Input<string | null>;
    /** Session policy id (2 or more), or null for the default. */
    sessionPolicyId?: pulumi.Input<number | string | null>;
}

/** A Web Jump Item: a web site opened through a Jumpoint. PRA only (Remote Support has no Web Jump). */
export class WebJump extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:WebJump");
    declare readonly name: pulumi.Output<string>;
    declare readonly jumpointId: pulumi.Output<number>;
    declare readonly url: pulumi.Output<string>;
    declare readonly jumpGroupId: pulumi.Output<number>;
    declare readonly jumpGroupType: pulumi.Output<string>;
    declare readonly usernameFormat: pulumi.Output<string>;
    declare readonly verifyCertificate: pulumi.Output<boolean>;
    declare readonly authenticationTimeout: pulumi.Output<number>;
    declare readonly tag: pulumi.Output<string>;
    declare readonly comments: pulumi.Output<string>;
    declare readonly jumpPolicyId: pulumi.Output<number | null>;
    declare readonly usernameField: pulumi.Output<string | null>;
    declare readonly passwordField: pulumi.Output<string | null>;
    declare readonly submitField: pulumi.Output<string | null>;
    declare readonly sessionPolicyId: pulumi.Output<number | null>;

    constructor(name: string, args: WebJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:WebJump", name, args, opts);
    }
}
