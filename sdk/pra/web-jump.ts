import * as pulumi from "@pulumi/pulumi";
import { typeToken } from "../resource";
import { JumpItem, JumpItemArgs } from "./jump-item";

export interface WebJumpArgs extends JumpItemArgs {
    /** URL of the web site, at most 255 characters. */
    url: pulumi.Input<string>;
    /** How an injected username is written; default "default". */
    usernameFormat?: pulumi.Input<"default" | "username_only" | "force_upn_format" | "force_dlln_format">;
    /** Verify the site's certificate; default true. */
    verifyCertificate?: pulumi.Input<boolean>;
    /** Seconds to wait for the login form, 1 to 30; default 3. */
    authenticationTimeout?: pulumi.Input<number>;
    /** HTML id, name or CSS selector of the username input; default null (auto-detect). */
    usernameField?: pulumi.Input<string | null>;
    /** HTML id, name or CSS selector of the password input; default null (auto-detect). */
    passwordField?: pulumi.Input<string | null>;
    /** HTML id, name or CSS selector of the submit button; default null (auto-detect). */
    submitField?: pulumi.Input<string | null>;
}

/** A Web Jump Item: a web site opened through a Jumpoint. PRA only (Remote Support has no Web Jump). */
export class WebJump extends JumpItem {
    static readonly __pulumiType = typeToken("pra:WebJump");
    declare readonly url: pulumi.Output<string>;
    declare readonly usernameFormat: pulumi.Output<string>;
    declare readonly verifyCertificate: pulumi.Output<boolean>;
    declare readonly authenticationTimeout: pulumi.Output<number>;
    declare readonly usernameField: pulumi.Output<string | null>;
    declare readonly passwordField: pulumi.Output<string | null>;
    declare readonly submitField: pulumi.Output<string | null>;

    constructor(name: string, args: WebJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:WebJump", name, args, opts);
    }
}
