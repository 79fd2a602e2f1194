import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, typeToken } from "../resource";
import { EpmCommonArgs } from "./connection";

export interface ComputerGroupMembershipArgs extends EpmCommonArgs {
    /** The group the computers are put in (a ComputerGroup's `id`). Another group replaces the membership. */
    groupId: pulumi.Input<string>;
    /** Computers by id (GUIDs, e.g. from `epm.getComputers`). With hostNames, at least one computer in all. */
    computerIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** Computers by exact host name, without regard to case. */
    hostNames?: pulumi.Input<pulumi.Input<string>[]>;
}

/**
 * Computers placed in an EPM computer group. Only the named computers are managed; one removed
 * from the lists (or all of them, when the resource is deleted) goes back to the default group.
 */
export class ComputerGroupMembership extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("epm:ComputerGroupMembership");
    declare readonly groupId: pulumi.Output<string>;
    declare readonly computerIds: pulumi.Output<string[] | undefined>;
    declare readonly hostNames: pulumi.Output<string[] | undefined>;
    /** The ids of the named computers, resolved and sorted. */
    declare readonly memberIds: pulumi.Output<string[]>;

    constructor(name: string, args: ComputerGroupMembershipArgs, opts?: pulumi.CustomResourceOptions) {
        super("epm:ComputerGroupMembership", name, args, opts);
    }
}
