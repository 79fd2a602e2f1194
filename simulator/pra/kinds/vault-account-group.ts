// Vault Account Group, per the spec's VaultAccountGroup schema. Group 1 is the built-in default
// group that accounts fall back to.
import { Kind, id, str } from "../fields";

export const DEFAULT_ACCOUNT_GROUP_ID = 1;

export const vaultAccountGroup: Kind = {
    path: "vault/account-group",
    title: "Vault Account Group",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        name: str(1, 255, { required: true, unique: "always" }),
        description: str(0, 1024, { default: "" }),
        account_policy: str(1, 64, { nullable: true, default: null }),
    },
    filters: {
        name: { field: str(1, 255) },
    },
    protectDelete: (obj) => (obj.id === DEFAULT_ACCOUNT_GROUP_ID ? "The default Vault Account Group cannot be deleted." : undefined),
};
