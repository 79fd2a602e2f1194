import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface JumpGroupArgs extends CommonArgs {
    /** Display name; unique on the appliance. */
    name: pulumi.Input<string>;
    /** Unique code name (letters, digits, `_`, `-`). */
    codeName?: pulumi.Input<string>;
    comments?: pulumi.Input<string>;
}

/** A shared Jump Group: owns Jump Items and is granted to group policies. */
export class JumpGroup extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:JumpGroup");
    declare readonly name: pulumi.Output<string>;
    declare readonly codeName: pulumi.Output<string | undefined>;
    declare readonly comments: pulumi.Output<string>;

    constructor(name: string, args: JumpGroupArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:JumpGroup", name, args, opts);
    }
}
