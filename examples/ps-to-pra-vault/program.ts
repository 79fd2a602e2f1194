import * as pulumi from "@pulumi/pulumi";
import { passwordsafe, pra } from "pulumi-beyondtrust";

export interface PsToPraVaultSettings {
    /** Base of the PRA names (Jump Group, vault account), so two stacks can share an appliance. */
    prefix: string;
    /** The Password Safe folder path that holds the credential, e.g. "Ops Safe/Linux". */
    secretPath: string;
    /** The credential's title in that folder. */
    secretTitle: string;
}

/**
 * An existing Password Safe credential, found by folder path and title, copied into a PRA vault
 * account (username and password), beside a Jump Group for the servers it signs in to. Password
 * Safe owns the credential: this program only reads it. The password flows as a secret Output,
 * so it is encrypted in state and never printed; a password rotated in Password Safe reaches the
 * vault on the next `pulumi up`.
 * PRA's connection: beyondtrust:host, :clientId, :clientSecret (or BT_API_HOST, BT_CLIENT_ID,
 * BT_CLIENT_SECRET); Password Safe's: beyondtrust:passwordSafe* (or BT_PS_*).
 */
export function psToPraVault(s: PsToPraVaultSettings) {
    const credential = passwordsafe.getSecret({ path: s.secretPath, title: s.secretTitle });
    const jumpGroup = new pra.JumpGroup(`${s.prefix}-servers`, {
        name: `${s.prefix} servers`,
        comments: `Servers reached with ${s.secretPath}/${s.secretTitle} from Password Safe`,
    });
    const account = new pra.VaultUsernamePasswordAccount(`${s.prefix}-account`, {
        name: `${s.prefix} ${s.secretTitle}`,
        description: `Copied from Password Safe ${s.secretPath}/${s.secretTitle} by Pulumi`,
        username: credential.apply((c) => c.username ?? ""),
        password: credential.value,
    });
    return {
        jumpGroupId: jumpGroup.id,
        vaultAccountId: account.id,
        // The secret's id is not secret, but it comes from a secret Output: unwrap it explicitly.
        passwordSafeSecretId: pulumi.unsecret(credential.id),
    };
}

/** Settings from stack config, with defaults that suit the simulator's seed safe. */
export function settingsFromConfig(): PsToPraVaultSettings {
    const config = new pulumi.Config();
    return {
        prefix: config.get("prefix") ?? "ps-vault",
        secretPath: config.get("secretPath") ?? "Seed Safe/Linux",
        secretTitle: config.get("secretTitle") ?? "root",
    };
}
