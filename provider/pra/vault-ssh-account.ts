import { text } from "./common";
import { vaultAccountFields, vaultAccountSpec } from "./vault-account-common";

/**
 * A vault account holding an SSH private key (`ssh`) or a key signed by a CA (`ssh_ca`). The official
 * spec's VaultSSHAccount has no account_policy, so none is offered (the Terraform provider sends one).
 */
export const vaultSshAccount = vaultAccountSpec({
    kind: "pra:VaultSshAccount",
    title: "Vault SSH account",
    fields: {
        type: {
            api: "type",
            type: { kind: "enum", values: ["ssh", "ssh_ca"] },
            default: "ssh",
            replaceOnChange: true,
            createOnly: true,
            description: "ssh for a plain key pair, ssh_ca for a CA-signed key; cannot change after create.",
        },
        ...vaultAccountFields(false),
        username: text("username", 1, 255, "Username the key authenticates.", { required: true }),
        privateKey: text("private_key", 1, 4096, "PEM private key; write-only on the appliance and secret in state.", { required: true, secret: true }),
        privateKeyPassphrase: text("private_key_passphrase", 1, 1024, "Passphrase of the private key, if it has one; secret.", { secret: true }),
        privateKeyPublicCert: text("private_key_public_cert", 1, 4096, "Signed public certificate, for ssh_ca accounts."),
    },
    outputs: { publicKey: "public_key" },
    refine: (inputs) => {
        const key = String(inputs.privateKey ?? "");
        const failures = [];
        if (!/-----BEGIN [A-Z0-9 ]*PRIVATE KEY-----/.test(key)) {
            failures.push({ property: "privateKey", reason: "must be a PEM private key (-----BEGIN ... PRIVATE KEY-----)" });
        }
        return failures;
    },
});
