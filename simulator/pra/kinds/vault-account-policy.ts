// Vault Account Policy, per the spec's VaultAccountPolicy schema (identical in the PRA and RS specs).
import { Kind, bool, id, int, str } from "../fields";

export const vaultAccountPolicy: Kind = {
    path: "vault/account-policy",
    title: "Vault Account Policy",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        name: str(1, 255, { required: true, unique: "always" }),
        // "This value must be unique"; the spec gives it no pattern and minLength 0.
        code_name: str(0, 64, { unique: "nonEmpty", default: "" }),
        description: str(0, 1024, { default: "" }),
        auto_rotate_credentials: bool(false),
        allow_simultaneous_checkout: bool(false),
        scheduled_password_rotation: bool(false),
        // "When creating a new account policy with scheduled_password_rotation as enabled, this value
        // must be defined. If scheduled_password_rotation is null or false, this value is also null."
        maximum_password_age: int(1, 365, { requiredWhen: (o) => o.scheduled_password_rotation === true }),
    },
    filters: {
        name: { field: str(1, 255) },
        code_name: { field: str(0, 64) },
    },
    // Not nullable in the spec, "also null" in its words: left out while rotation is off.
    derive: (obj) => {
        if (obj.scheduled_password_rotation !== true) delete obj.maximum_password_age;
    },
};
