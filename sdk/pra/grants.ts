import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

// Grants have ids "<groupPolicyId>/<grantedObjectId>". Changing either key replaces the grant;
// roles change in place. Changes to one group policy are applied one at a time and provisioned once.

interface GrantArgs extends CommonArgs {
    /** The group policy receiving the grant (e.g. `policy.id`). */
    groupPolicyId: pulumi.Input<number | string>;
}

export interface GroupPolicyJumpointArgs extends GrantArgs {
    jumpointId: pulumi.Input<number | string>;
}

/** Lets a group policy's members use a Jumpoint. */
export class GroupPolicyJumpoint extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:GroupPolicyJumpoint");
    declare readonly groupPolicyId: pulumi.Output<number>;
    declare readonly jumpointId: pulumi.Output<number>;

    constructor(name: string, args: GroupPolicyJumpointArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:GroupPolicyJumpoint", name, args, opts);
    }
}

export interface GroupPolicyJumpGroupArgs extends GrantArgs {
    jumpGroupId: pulumi.Input<number | string>;
    /** Jump Item Role; 0 (default) uses each member's default role. */
    jumpItemRoleId?: pulumi.Input<number>;
    /** PRA only: Jump Policy; 0 (default) keeps the policy set on each item. */
    jumpPolicyId?: pulumi.Input<number>;
}

/** Gives a group policy's members the items of a Jump Group, with a role and policy. */
export class GroupPolicyJumpGroup extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:GroupPolicyJumpGroup");
    declare readonly groupPolicyId: pulumi.Output<number>;
    declare readonly jumpGroupId: pulumi.Output<number>;
    declare readonly jumpItemRoleId: pulumi.Output<number>;
    declare readonly jumpPolicyId: pulumi.Output<number | undefined>;

    constructor(name: string, args: GroupPolicyJumpGroupArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:GroupPolicyJumpGroup", name, args, opts);
    }
}

export interface GroupPolicyVaultAccountArgs extends GrantArgs {
    accountId: pulumi.Input<number | string>;
    /** "inject" (default) or "inject_and_checkout". */
    role?: pulumi.Input<"inject" | "inject_and_checkout">;
}

/** Lets a group policy's members inject (or check out) a vault account. */
export class GroupPolicyVaultAccount extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:GroupPolicyVaultAccount");
    declare readonly groupPolicyId: pulumi.Output<number>;
    declare readonly accountId: pulumi.Output<number>;
    declare readonly role: pulumi.Output<string>;

    constructor(name: string, args: GroupPolicyVaultAccountArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:GroupPolicyVaultAccount", name, args, opts);
    }
}

export interface GroupPolicyVaultAccountGroupArgs extends GrantArgs {
    accountGroupId: pulumi.Input<number | string>;
    /** "inject" (default) or "inject_and_checkout". */
    role?: pulumi.Input<"inject" | "inject_and_checkout">;
}

/** Lets a group policy's members use the accounts of a vault account group. */
export class GroupPolicyVaultAccountGroup extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:GroupPolicyVaultAccountGroup");
    declare readonly groupPolicyId: pulumi.Output<number>;
    declare readonly accountGroupId: pulumi.Output<number>;
    declare readonly role: pulumi.Output<string>;

    constructor(name: string, args: GroupPolicyVaultAccountGroupArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:GroupPolicyVaultAccountGroup", name, args, opts);
    }
}
