import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, typeToken } from "../resource";
import { PasswordSafeCommonArgs } from "./connection";

export interface SafeArgs extends PasswordSafeCommonArgs {
    /** The safe's name, 1 to 256 characters, unique on the appliance. */
    name: pulumi.Input<string>;
    /** At most 256 characters; default "". */
    description?: pulumi.Input<string>;
}

/** A Password Safe safe: the root of a tree of folders and secrets. */
export class Safe extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("passwordsafe:Safe");
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;

    constructor(name: string, args: SafeArgs, opts?: pulumi.CustomResourceOptions) {
        super("passwordsafe:Safe", name, args, opts);
    }
}
