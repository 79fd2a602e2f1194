// Web Jump Item, per the spec's WebJumpItem schema. PRA only: the RS spec has no /jump-item/web-jump.
import { Kind, Obj, bool, id, int, oneOf, str } from "../fields";
import { jumpItemCommonFields } from "./jump-item-common";

// The spec: nullable, at most 255 characters; "Auto-detection is done if this is not set."
const selector = () => str(0, 255, { nullable: true, default: null });

export const webJump: Kind = {
    path: "jump-item/web-jump",
    title: "Web Jump Item",
    products: ["pra"],
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        ...jumpItemCommonFields(),
        url: str(1, 255, { required: true }),
        username_format: oneOf(["default", "username_only", "force_upn_format", "force_dlln_format"], { default: "default" }),
        verify_certificate: bool(true),
        authentication_timeout: int(1, 30, { default: 3 }),
        username_field: selector(),
        password_field: selector(),
        submit_field: selector(),
    },
    filters: {
        name: { field: str(1, 128) },
        url: { field: str(1, 255) },
        // The spec gives these two a minimum and no maximum.
        jump_group_id: { field: { type: "integer", minimum: 1 } },
        jump_group_type: { field: oneOf(["shared", "personal"]) },
        jumpoint_id: { field: { type: "integer", minimum: 1 } },
        tag: { field: str(1, 64) },
    },
};
