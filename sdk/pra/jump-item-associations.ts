import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

/** Which Jump Items match, with `filterType: "criteria"`: any of these (each list a set, patterns case-insensitive). */
export interface JumpItemAssociationCriteria {
    /** Jump Items in these shared Jump Groups (ids). */
    sharedJumpGroups?: pulumi.Input<number | string>[];
    /** Patterns matched against the Jump Item's "Hostname/IP": `value`, `value*`, `*value` or `*value*` (at most 32, each 1 to 64 characters). */
    host?: pulumi.Input<string>[];
    /** Patterns matched against the Jump Item's name. */
    name?: pulumi.Input<string>[];
    /** Patterns matched against the Jump Item's tag. */
    tag?: pulumi.Input<string>[];
    /** Patterns matched against the Jump Item's comments. */
    comment?: pulumi.Input<string>[];
}

/** A Jump Item associated directly. `protocol_tunnel` must be an SQL Server tunnel; `web_jump` and `protocol_tunnel` are PRA only. */
export interface InjectableJumpItem {
    id: pulumi.Input<number | string>;
    type: pulumi.Input<"jump_client" | "remote_rdp" | "shell_jump" | "web_jump" | "protocol_tunnel">;
}

/** The criteria as state holds them: every list present, sorted, patterns in lower case (as the appliance stores them). */
export interface JumpItemAssociationCriteriaState {
    sharedJumpGroups: number[];
    host: string[];
    name: string[];
    tag: string[];
    comment: string[];
}

interface AssociationArgs extends CommonArgs {
    /** `any_jump_items`, `no_jump_items`, or `criteria` (only the Jump Items matching `criteria` or listed in `jumpItems`). */
    filterType: pulumi.Input<"any_jump_items" | "no_jump_items" | "criteria">;
    /** With `filterType: "criteria"` only; default none. */
    criteria?: pulumi.Input<JumpItemAssociationCriteria>;
    /** With `filterType: "criteria"` only: Jump Items associated directly; default none. */
    jumpItems?: pulumi.Input<pulumi.Input<InjectableJumpItem>[]>;
}

export interface VaultAccountJumpItemAssociationArgs extends AssociationArgs {
    /** The vault account (any type); another account replaces the resource. */
    accountId: pulumi.Input<number | string>;
}

/**
 * A vault account's own Jump Item association: which Jump Items it may be injected into. Without
 * one the account inherits its account group's; deleting the resource returns it to inheriting
 * (the API's DELETE). Its id is the account's id. Terraform's `jump_item_association` block.
 */
export class VaultAccountJumpItemAssociation extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:VaultAccountJumpItemAssociation");
    declare readonly accountId: pulumi.Output<number>;
    declare readonly filterType: pulumi.Output<string>;
    declare readonly criteria: pulumi.Output<JumpItemAssociationCriteriaState>;
    declare readonly jumpItems: pulumi.Output<Array<{ id: number; type: string }>>;

    constructor(name: string, args: VaultAccountJumpItemAssociationArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:VaultAccountJumpItemAssociation", name, args, opts);
    }
}

export interface VaultAccountGroupJumpItemAssociationArgs extends AssociationArgs {
    /** The vault account group; another group replaces the resource. */
    accountGroupId: pulumi.Input<number | string>;
}

/**
 * The Jump Item association of a vault account group, for its accounts that have none of their
 * own. A group always has one: creating the resource takes it over (one PATCH), deleting it puts
 * back what a new group has, `any_jump_items`. Its id is the group's id.
 */
export class VaultAccountGroupJumpItemAssociation extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:VaultAccountGroupJumpItemAssociation");
    declare readonly accountGroupId: pulumi.Output<number>;
    declare readonly filterType: pulumi.Output<string>;
    declare readonly criteria: pulumi.Output<JumpItemAssociationCriteriaState>;
    declare readonly jumpItems: pulumi.Output<Array<{ id: number; type: string }>>;

    constructor(name: string, args: VaultAccountGroupJumpItemAssociationArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:VaultAccountGroupJumpItemAssociation", name, args, opts);
    }
}
