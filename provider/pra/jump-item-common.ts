import { collectionApi } from "../engine/collection-api";
import type { FieldTable } from "../engine/fields";
import type { ResourceSpec } from "../engine/spec";
import { praSpec, ref, text } from "./common";

/**
 * One Jump Item kind. Every kind shares where it lives (a Jump Group, reached through a Jumpoint)
 * and how it is filed and governed (tag, comments, jump and session policy); the spec of a kind
 * adds only its own target fields. The appliance deletes items with their Jumpoint or Jump Group,
 * hence `diesWithReference`; items are found again by name within their Jump Group.
 */
export function jumpItemSpec(kind: {
    kind: string;
    title: string;
    /** e.g. "/jump-item/remote-rdp" */
    path: string;
    /** What the Jumpoint does for this kind, for the property's description. */
    jumpointRole: string;
    fields: FieldTable;
    outputs?: Record<string, string>;
    refine?: ResourceSpec["refine"];
    products?: ResourceSpec["products"];
}): ResourceSpec {
    return praSpec({
        kind: kind.kind,
        title: kind.title,
        products: kind.products,
        fields: {
            name: text("name", 1, 128, "Display name of the Jump Item.", { required: true }),
            jumpointId: ref("jumpoint_id", `Id of the Jumpoint ${kind.jumpointRole}.`, { required: true, diesWithReference: true, refTo: ["pra:Jumpoint"] }),
            jumpGroupId: ref("jump_group_id", "Id of the owning Jump Group (or user, when the type is personal).", {
                required: true,
                diesWithReference: true,
                // A personal item's owner is a user, not a Jump Group.
                refTo: (live) => (live.jump_group_type === "personal" ? [] : ["pra:JumpGroup"]),
            }),
            jumpGroupType: {
                api: "jump_group_type",
                type: { kind: "enum", values: ["shared", "personal"] },
                default: "shared",
                description: "Whether the owner is a shared Jump Group or a user's personal list.",
            },
            ...kind.fields,
            tag: text("tag", 0, 64, "Tag used to group Jump Items in the console.", { default: "" }),
            comments: text("comments", 0, 1024, "Free-form comments.", { default: "" }),
            jumpPolicyId: ref("jump_policy_id", "Jump Policy controlling access, or null for none.", { nullable: true, default: null }),
            sessionPolicyId: ref("session_policy_id", "Session Policy for sessions from this item (ids start at 2), or null for the default.", {
                type: { kind: "ref", min: 2 },
                nullable: true,
                default: null,
            }),
        },
        outputs: kind.outputs ?? {},
        refine: kind.refine,
        personal: (live) => live.jump_group_type === "personal",
        api: collectionApi({
            path: kind.path,
            naturalKey: (body) => ({ name: String(body.name), jump_group_id: Number(body.jump_group_id) }),
            listHoldsFullObjects: true,
        }),
    });
}
