import { collectionApi } from "../engine/collection-api";
import { byName, praSpec, sameUniqueKey, text } from "./common";

/** A vault account group: a set of vault accounts granted and associated together. */
export const vaultAccountGroup = praSpec({
    kind: "pra:VaultAccountGroup",
    title: "Vault account group",
    fields: {
        name: text("name", 1, 255, "Display name; unique on the appliance.", { required: true }),
        description: text("description", 0, 1024, "Free-form description.", { default: "" }),
        accountPolicy: text("account_policy", 1, 64, "Code name of the account policy for its accounts, or null for the global default.", {
            nullable: true,
            default: null,
        }),
    },
    outputs: {},
    deleteBeforeReplace: sameUniqueKey("name"),
    // Group 1 "Default" holds every account not put elsewhere; the appliance refuses to delete it.
    builtIn: (live) => Number(live.id) === 1,
    api: collectionApi({ path: "/vault/account-group", naturalKey: byName, listHoldsFullObjects: true }),
});
