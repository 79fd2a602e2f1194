import * as pulumi from "@pulumi/pulumi";

/**
 * Where a Password Safe resource's calls go and as whom; every field falls back to stack config
 * `beyondtrust:passwordSafe*`, then the `BT_PS_*` environment. An API key and run-as user, or an
 * OAuth client id and secret.
 */
export interface PasswordSafeConnectionArgs {
    /** The API URL or a bare host (then https:// and /BeyondTrust/api/public/v3 are added). Config `beyondtrust:passwordSafeUrl`, env `BT_PS_API_URL`. */
    url?: pulumi.Input<string>;
    /** API registration key. Config `beyondtrust:passwordSafeApiKey` (secret), env `BT_PS_API_KEY`. */
    apiKey?: pulumi.Input<string>;
    /** The user the key acts as. Config `beyondtrust:passwordSafeRunAs`, env `BT_PS_RUNAS`. */
    runAs?: pulumi.Input<string>;
    /** That user's password, when the registration requires it. Config `beyondtrust:passwordSafePassword` (secret), env `BT_PS_PASSWORD`. */
    password?: pulumi.Input<string>;
    /** OAuth client id. Config `beyondtrust:passwordSafeClientId`, env `BT_PS_CLIENT_ID`. */
    clientId?: pulumi.Input<string>;
    /** OAuth client secret. Config `beyondtrust:passwordSafeClientSecret` (secret), env `BT_PS_CLIENT_SECRET`. */
    clientSecret?: pulumi.Input<string>;
    /** PEM text of a CA bundle. Config `beyondtrust:caCert`, env `BT_CA_CERT` (shared with PRA). */
    caCert?: pulumi.Input<string>;
    /** Path of a PEM CA bundle. Config `beyondtrust:caFile`, env `BT_CA_FILE`. */
    caFile?: pulumi.Input<string>;
    /** Skip TLS verification (labs only). Config `beyondtrust:insecure`, env `BT_INSECURE`. */
    insecure?: pulumi.Input<boolean>;
}

/** Arguments every Password Safe resource accepts. */
export interface PasswordSafeCommonArgs {
    connection?: pulumi.Input<PasswordSafeConnectionArgs>;
    /**
     * Take over an existing object instead of creating a duplicate: `true` finds it by its natural
     * key (a safe's name; a folder's name in its parent; a secret's title in its folder), a string
     * names its id (a GUID). It is then converged to the declared inputs.
     */
    adopt?: pulumi.Input<boolean | string>;
}
