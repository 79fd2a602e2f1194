// The four group-policy grants as field tables, like the object kinds: the same validator checks
// their POST bodies and the same reference machinery cascades them when a target is deleted.
import { FieldTable, int, oneOf } from "./fields";

export interface GrantKind {
    /** Path segment below /group-policy/{id}/ and the key in state dumps. */
    path: string;
    /** Field holding the granted object's id (also the last path segment of GET/DELETE). */
    key: string;
    fields: FieldTable;
    paginated: boolean;
    /** The spec's vault grant DELETEs answer 200, the others 204. */
    deleteStatus: 200 | 204;
    /** Fields shown by GET (the stored row also carries group_policy_id). */
    view: (product: "pra" | "rs") => string[];
}

const ROLE = oneOf(["inject", "inject_and_checkout"], { default: "inject" });
const gpRef = () => int(1, 2147483647, { ref: { kind: "group-policy", onDelete: "cascade" } });

export const GRANT_KINDS: GrantKind[] = [
    {
        path: "jumpoint",
        key: "jumpoint_id",
        fields: {
            jumpoint_id: int(1, 2147483647, { required: true, ref: { kind: "jumpoint", onDelete: "cascade" } }),
        },
        paginated: true,
        deleteStatus: 204,
        view: () => ["jumpoint_id"],
    },
    {
        path: "jump-group",
        key: "jump_group_id",
        fields: {
            jump_group_id: int(1, 2147483647, { required: true, ref: { kind: "jump-group", onDelete: "cascade" } }),
            // 0 means "User's Default" role / "Set on Jump Items" policy.
            jump_item_role_id: int(0, 2147483647, {
                default: 0,
                ref: { kind: "jump-item-role", onDelete: "reassign", reassignTo: 0, zeroMeansNone: true },
            }),
            jump_policy_id: int(0, 2147483647, {
                default: 0,
                products: ["pra"],
                ref: { kind: "jump-policy", onDelete: "reassign", reassignTo: 0, zeroMeansNone: true },
            }),
        },
        paginated: false,
        deleteStatus: 204,
        view: (product) => (product === "pra" ? ["jump_group_id", "jump_item_role_id", "jump_policy_id"] : ["jump_group_id", "jump_item_role_id"]),
    },
    {
        path: "vault-account",
        key: "account_id",
        fields: {
            account_id: int(1, 2147483647, { required: true, ref: { kind: "vault/account", onDelete: "cascade" } }),
            role: ROLE,
        },
        paginated: false,
        deleteStatus: 200,
        view: () => ["account_id", "role"],
    },
    {
        path: "vault-account-group",
        key: "account_group_id",
        fields: {
            group_policy_id: gpRef(),
            account_group_id: int(1, 2147483647, {
                required: true,
                ref: { kind: "vault/account-group", onDelete: "cascade" },
            }),
            role: ROLE,
        },
        paginated: false,
        deleteStatus: 200,
        view: () => ["group_policy_id", "account_group_id", "role"],
    },
];

/** Every stored grant row points at its group policy; deleting the policy removes the row. */
export const GRANT_OWNER_FIELD = { group_policy_id: gpRef() };
