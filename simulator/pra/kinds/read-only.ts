// Objects the API can only read: Jump Item Roles (list + get) and Session Policies (list only).
// They exist through the seed (seed.ts) or the control API.
import { Kind, bool, codeName, id, str } from "../fields";

const perm = () => bool(false);

export const jumpItemRole: Kind = {
    path: "jump-item-role",
    title: "Jump Item Role",
    operations: ["list", "read"],
    paginated: true,
    fields: {
        id: id(),
        name: str(1, 255, { required: true }),
        description: str(0, 4096, { default: "" }),
        perm_add: perm(),
        perm_assign_jump_group: perm(),
        perm_remove: perm(),
        perm_start: perm(),
        perm_edit_tag: perm(),
        perm_edit_comments: perm(),
        perm_edit_jump_policy: perm(),
        perm_edit_session_policy: perm(),
        perm_edit_identity: perm(),
        perm_edit_behavior: perm(),
        perm_view_jump_item_report: perm(),
        perm_edit_public_portal: bool(false, { products: ["rs"] }),
        perm_edit_support_button: bool(false, { products: ["rs"] }),
    },
    filters: {
        name: { field: str(1, 255) },
    },
};

export const sessionPolicy: Kind = {
    path: "session-policy",
    title: "Session Policy",
    operations: ["list"],
    paginated: true,
    fields: {
        id: id(),
        display_name: str(1, 255, { required: true }),
        code_name: codeName(),
        description: str(0, 1024, { default: "" }),
    },
    filters: {},
};
