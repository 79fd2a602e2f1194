import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, typeToken } from "../resource";
import { EpmCommonArgs } from "./connection";

export interface PolicyAssignmentArgs extends EpmCommonArgs {
    /** The computer group (a ComputerGroup's `id`). Another group replaces the assignment. */
    groupId: pulumi.Input<string>;
    /** The policy the group gets (a Policy's `id`). */
    policyId: pulumi.Input<string>;
    /** Pins one revision of that policy (a revision id, e.g. a Policy's `latestRevisionId` captured earlier). Left out, the group follows the latest. */
    revisionId?: pulumi.Input<string>;
    /**
     * For a following assignment, wire the Policy's `latestRevisionId` here: then the same
     * `pulumi up` that uploads a new revision moves the group to it (after the upload). Without it
     * the group gets the latest revision when the assignment is created or changed, and does not
     * follow later uploads. Not with `revisionId`.
     */
    latestRevisionId?: pulumi.Input<string>;
}

/**
 * An EPM computer group's policy: pinned to a revision, or following the policy's latest one.
 *
 * ```ts
 * new epm.PolicyAssignment("test", { groupId: test.id, policyId: policy.id, latestRevisionId: policy.latestRevisionId });
 * new epm.PolicyAssignment("prod", { groupId: prod.id, policyId: policy.id, revisionId: "<a revision id>" });
 * ```
 * The id is the group's. Deleting it leaves the group without a policy.
 */
export class PolicyAssignment extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("epm:PolicyAssignment");
    declare readonly groupId: pulumi.Output<string>;
    declare readonly policyId: pulumi.Output<string>;
    declare readonly revisionId: pulumi.Output<string | undefined>;
    declare readonly latestRevisionId: pulumi.Output<string | undefined>;
    /** The revision the group holds, as the appliance reports it. */
    declare readonly assignedRevisionId: pulumi.Output<string>;

    constructor(name: string, args: PolicyAssignmentArgs, opts?: pulumi.CustomResourceOptions) {
        super("epm:PolicyAssignment", name, args, opts);
    }
}
