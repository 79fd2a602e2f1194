import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs } from "../resource";

/** What every Jump Item kind takes: its place (Jump Group, Jumpoint) and its filing and policies. */
export interface JumpItemArgs extends CommonArgs {
    /** Display name of the item. */
    name: pulumi.Input<string>;
    /** The Jumpoint that makes the connection (e.g. `jumpoint.id`). Replaced with it if it is replaced. */
    jumpointId: pulumi.Input<number | string>;
    /** The owning Jump Group (e.g. `jumpGroup.id`). Replaced with it if it is replaced. */
    jumpGroupId: pulumi.Input<number | string>;
    /** Default "shared". */
    jumpGroupType?: pulumi.Input<"shared" | "personal">;
    /** Tag used to group items in the console; default "". */
    tag?: pulumi.Input<string>;
    /** Default "". */
    comments?: pulumi.Input<string>;
    /** Jump Policy id, or null (default) for none. */
    jumpPolicyId?: pulumi.Input<number | string | null>;
    /** Session policy id (2 or more), or null (default) for the default policy. */
    sessionPolicyId?: pulumi.Input<number | string | null>;
}

/** The outputs every Jump Item kind has. */
export abstract class JumpItem extends BeyondTrustResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly jumpointId: pulumi.Output<number>;
    declare readonly jumpGroupId: pulumi.Output<number>;
    declare readonly jumpGroupType: pulumi.Output<string>;
    declare readonly tag: pulumi.Output<string>;
    declare readonly comments: pulumi.Output<string>;
    declare readonly jumpPolicyId: pulumi.Output<number | null>;
    declare readonly sessionPolicyId: pulumi.Output<number | null>;
}
