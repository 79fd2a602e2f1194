// The built-in objects every simulator starts (and resets) with. Kept small on purpose: what the
// API cannot create (session policies, jump item roles) plus the default vault account group
// that account_group_id defaults to.
import { Product } from "./fields";
import { StateDump } from "./model";

export function initialSeed(product: Product): Partial<StateDump> {
    const allPerms = {
        perm_add: true,
        perm_assign_jump_group: true,
        perm_remove: true,
        perm_start: true,
        perm_edit_tag: true,
        perm_edit_comments: true,
        perm_edit_jump_policy: true,
        perm_edit_session_policy: true,
        perm_edit_identity: true,
        perm_edit_behavior: true,
        perm_view_jump_item_report: true,
        ...(product === "rs" ? { perm_edit_public_portal: true, perm_edit_support_button: true } : {}),
    };
    const noPerms = Object.fromEntries(Object.keys(allPerms).map((k) => [k, false]));
    return {
        collections: {
            "session-policy": [
                { id: 1, display_name: "Default", code_name: "default", description: "Built-in default session policy" },
                { id: 2, display_name: "Restricted", code_name: "restricted", description: "" },
            ],
            "jump-item-role": [
                { id: 1, name: "Administrator", description: "Every Jump Item permission", ...allPerms },
                { id: 2, name: "Start Sessions Only", description: "", ...noPerms, perm_start: true },
            ],
            "vault/account-group": [{ id: 1, name: "Default", description: "Default Account Group", account_policy: null }],
        },
    };
}
