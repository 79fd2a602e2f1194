import * as pulumi from "@pulumi/pulumi";

/**
 * Where an EPM resource's calls go and as whom; every field falls back to stack config
 * `beyondtrust:epm*`, then the `BT_EPM_*` environment. An API account's OAuth client id and secret
 * (EPM console: Configuration > API Settings).
 */
export interface EpmConnectionArgs {
    /** The tenant's services URL, https://<tenant>-services.pm.beyondtrustcloud.com, or its bare host. Config `beyondtrust:epmUrl`, env `BT_EPM_API_URL`. */
    url?: pulumi.Input<string>;
    /** API account client id. Config `beyondtrust:epmClientId`, env `BT_EPM_CLIENT_ID`. */
    clientId?: pulumi.Input<string>;
    /** API account client secret. Config `beyondtrust:epmClientSecret` (secret), env `BT_EPM_CLIENT_SECRET`. */
    clientSecret?: pulumi.Input<string>;
    /** Management API version: "v1", "v2" or "v3" (default). Config `beyondtrust:epmApiVersion`, env `BT_EPM_API_VERSION`. */
    apiVersion?: pulumi.Input<string>;
    /** PEM text of a CA bundle. Config `beyondtrust:caCert`, env `BT_CA_CERT` (shared with PRA). */
    caCert?: pulumi.Input<string>;
    /** Path of a PEM CA bundle. Config `beyondtrust:caFile`, env `BT_CA_FILE`. */
    caFile?: pulumi.Input<string>;
    /** Skip TLS verification (labs only). Config `beyondtrust:insecure`, env `BT_INSECURE`. */
    insecure?: pulumi.Input<boolean>;
}

/** Arguments every EPM resource accepts. */
export interface EpmCommonArgs {
    connection?: pulumi.Input<EpmConnectionArgs>;
    /**
     * Take over an existing object instead of creating a duplicate: `true` finds it by its natural
     * key (a group's or policy's name), a string names its id (a GUID). It is then converged to the
     * declared inputs.
     */
    adopt?: pulumi.Input<boolean | string>;
}
