import { text } from "./common";
import { vaultAccountFields, vaultAccountSpec } from "./vault-account-common";

/** A vault account holding an opaque token (API key, bearer token). */
export const vaultTokenAccount = vaultAccountSpec({
    kind: "pra:VaultTokenAccount",
    title: "Vault token account",
    fixedType: "opaque_token",
    fields: {
        ...vaultAccountFields(true),
        token: text("token", 1, 4096, "The token; write-only on the appliance and secret in state.", { required: true, secret: true }),
    },
});
