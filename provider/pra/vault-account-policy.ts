import { collectionApi } from "../engine/collection-api";
import type { Failure } from "../engine/fields";
import { byName, flag, int, praSpec, sameUniqueKey, text } from "./common";

/** A Vault Account Policy: rotation and check-out rules that vault accounts and groups name by code name. */
export const vaultAccountPolicy = praSpec({
    kind: "pra:VaultAccountPolicy",
    title: "Vault Account Policy",
    fields: {
        name: text("name", 1, 255, "Name of the policy; unique on the appliance.", { required: true }),
        codeName: text("code_name", 1, 64, "Unique code name; what a vault account's or group's accountPolicy names."),
        description: text("description", 0, 1024, "The policy's description.", { default: "" }),
        autoRotateCredentials: flag("auto_rotate_credentials", false, "Change an account's password after it is checked in."),
        allowSimultaneousCheckout: flag("allow_simultaneous_checkout", false, "Let several users or sessions check an account out at once."),
        scheduledPasswordRotation: flag("scheduled_password_rotation", false, "Rotate passwords when they reach maximumPasswordAge."),
        maximumPasswordAge: int(
            "maximum_password_age",
            1,
            365,
            "Days before a password is rotated; required with scheduledPasswordRotation, only valid with it.",
        ),
    },
    outputs: {},
    refine: (inputs) => {
        const failures: Failure[] = [];
        const rotating = inputs.scheduledPasswordRotation === true;
        if (rotating && inputs.maximumPasswordAge === undefined) {
            failures.push({ property: "maximumPasswordAge", reason: "is required when scheduledPasswordRotation is true" });
        }
        if (!rotating && inputs.maximumPasswordAge !== undefined) {
            failures.push({ property: "maximumPasswordAge", reason: "is only valid when scheduledPasswordRotation is true" });
        }
        return failures;
    },
    deleteBeforeReplace: sameUniqueKey("name", "codeName"),
    api: collectionApi({ path: "/vault/account-policy", naturalKey: byName, listHoldsFullObjects: true }),
});
