import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, typeToken } from "../resource";
import { EpmCommonArgs } from "./connection";

export interface ComputerGroupArgs extends EpmCommonArgs {
    /** The group's name, 1 to 256 characters without leading or trailing spaces, unique on the tenant (case-insensitively). */
    name: pulumi.Input<string>;
    /** What the group is for; default "". */
    description?: pulumi.Input<string>;
    /**
     * `true` makes this the tenant's default group, where computers land when they register or leave
     * another group (the previous default stops being it). Left out, it is not managed. A group stops
     * being the default only when another one becomes it, so `false` on the live default group is
     * refused: declare `default: true` on the other group instead.
     */
    default?: pulumi.Input<boolean>;
}

/**
 * An EPM computer group. Computers are placed in it by `epm.ComputerGroupMembership` and its policy
 * by `epm.PolicyAssignment`, so neither is an output here. Deleting the default group or a group that
 * holds computers fails with the API's reason and what to do.
 */
export class ComputerGroup extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("epm:ComputerGroup");
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;
    declare readonly default: pulumi.Output<boolean | undefined>;

    constructor(name: string, args: ComputerGroupArgs, opts?: pulumi.CustomResourceOptions) {
        super("epm:ComputerGroup", name, args, opts);
    }
}
