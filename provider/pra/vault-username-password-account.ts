import { text } from "./common";
import { vaultAccountFields, vaultAccountSpec } from "./vault-account-common";

/** A vault account holding a username and password, injected into sessions. */
export const vaultUsernamePasswordAccount = vaultAccountSpec({
    kind: "pra:VaultUsernamePasswordAccount",
    title: "Vault username/password account",
    fixedType: "username_password",
    fields: {
        ...vaultAccountFields(true),
        username: text("username", 1, 255, "Username of the credential.", { required: true }),
        password: text("password", 1, 255, "Password; write-only on the appliance and secret in state.", { required: true, secret: true }),
    },
});
