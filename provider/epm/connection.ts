// Where EPM calls go and as whom, resolved field by field like every product's connection: the
// resource's `connection` input, then stack config `beyondtrust:epm*` (and the CA settings shared
// with PRA), then the environment (`BT_EPM_*`, `BT_CA_*`). Resolved inside the plugin only.
// The tenant's services URL (https://<tenant>-services.pm.beyondtrustcloud.com) serves both the
// token endpoint (/oauth/connect/token) and the Management API (/management-api/v{n}).
import * as fs from "fs";
import { registerSecret } from "../core/redact";
import { ResolvedSetting, parseApiUrl, settingTable } from "../core/settings";

export const EPM_API_PREFIX = "/management-api";
/** The Management API version the provider calls unless `apiVersion` says otherwise. */
export const EPM_DEFAULT_API_VERSION = "v3";
export const EPM_API_VERSIONS = ["v1", "v2", "v3"] as const;

export interface EpmConnectionInput {
    /** The tenant's services URL, or a bare host name (https assumed). */
    url?: string;
    clientId?: string;
    clientSecret?: string;
    /** "v1", "v2" or "v3" (default). */
    apiVersion?: string;
    caCert?: string;
    caFile?: string;
    insecure?: boolean;
}

export const EPM_CONNECTION_SETTINGS = ["url", "clientId", "clientSecret", "apiVersion", "caCert", "caFile", "insecure"] as const;
export type EpmSetting = (typeof EPM_CONNECTION_SETTINGS)[number];

export const EPM_SECRET_SETTINGS: readonly EpmSetting[] = ["clientSecret"];

/** Stack config keys (below `beyondtrust:`); the SDK's lookups read the same table. */
export const EPM_CONFIG_KEYS: Record<EpmSetting, string> = {
    url: "epmUrl",
    clientId: "epmClientId",
    clientSecret: "epmClientSecret",
    apiVersion: "epmApiVersion",
    caCert: "caCert",
    caFile: "caFile",
    insecure: "insecure",
};

export const EPM_ENV_NAMES: Record<EpmSetting, string> = {
    url: "BT_EPM_API_URL",
    clientId: "BT_EPM_CLIENT_ID",
    clientSecret: "BT_EPM_CLIENT_SECRET",
    apiVersion: "BT_EPM_API_VERSION",
    caCert: "BT_CA_CERT",
    caFile: "BT_CA_FILE",
    insecure: "BT_INSECURE",
};

export interface EpmConnection {
    /** scheme://host[:port] of the tenant's services. */
    origin: string;
    /** The Management API below the origin, version included: /management-api/v3. */
    basePath: string;
    apiVersion: string;
    clientId: string;
    clientSecret: string;
    caPem?: string;
    insecure: boolean;
}

const table = settingTable<EpmSetting>("epm", { configKeys: EPM_CONFIG_KEYS, envNames: EPM_ENV_NAMES, secrets: EPM_SECRET_SETTINGS });

/** From the provider's configure(). */
export const setEpmConfig = (config: { get(key: string): string | undefined }): void => table.configure(config);

export function epmSetting(setting: EpmSetting, input?: EpmConnectionInput): ResolvedSetting {
    return table.get(setting, input as Partial<Record<EpmSetting, unknown>> | undefined);
}

/** The tenant origin of a `url` setting; a path other than the Management API's own is refused. */
export function parseEpmUrl(text: string): { origin: string } {
    const { origin, basePath } = parseApiUrl(text, EPM_API_PREFIX, "clientId/clientSecret");
    // The version is a setting of its own (apiVersion): a URL that names one is taken apart, not doubled.
    if (!new RegExp(`^${EPM_API_PREFIX}(/v[0-9]+)?$`, "i").test(basePath)) {
        throw new Error(`has the path ${JSON.stringify(basePath)}: give the tenant's services URL (https://<tenant>-services.pm.beyondtrustcloud.com)`);
    }
    return { origin };
}

/** Why the connection cannot be used, per setting (check's messages); empty when it can. */
export function epmConnectionProblems(input?: EpmConnectionInput): Array<{ setting: string; reason: string }> {
    const problems: Array<{ setting: string; reason: string }> = [];
    const from = (s: ResolvedSetting, setting: string) => (s.source === `connection.${setting}` ? "" : ` (from ${s.source})`);
    const url = epmSetting("url", input);
    if (url.value === undefined) {
        problems.push({ setting: "url", reason: `is not set: give connection.url, stack config beyondtrust:${EPM_CONFIG_KEYS.url} or ${EPM_ENV_NAMES.url}` });
    } else {
        try {
            parseEpmUrl(url.value);
        } catch (err) {
            problems.push({ setting: "url", reason: `${(err as Error).message}${from(url, "url")}` });
        }
    }
    for (const setting of ["clientId", "clientSecret"] as const) {
        if (epmSetting(setting, input).value === undefined) {
            problems.push({
                setting,
                reason: `is not set: the API account's OAuth ${setting === "clientId" ? "client id" : "client secret"} (connection.${setting}, stack config beyondtrust:${EPM_CONFIG_KEYS[setting]} or ${EPM_ENV_NAMES[setting]})`,
            });
        }
    }
    const version = epmSetting("apiVersion", input);
    if (version.value !== undefined && !(EPM_API_VERSIONS as readonly string[]).includes(version.value.toLowerCase())) {
        problems.push({
            setting: "apiVersion",
            reason: `must be one of ${EPM_API_VERSIONS.join(", ")}, not ${JSON.stringify(version.value)}${from(version, "apiVersion")}`,
        });
    }
    const caCert = epmSetting("caCert", input);
    const caFile = epmSetting("caFile", input);
    if (caCert.value === undefined && caFile.value !== undefined && !fs.existsSync(caFile.value)) {
        problems.push({ setting: "caFile", reason: `names a file that does not exist: ${JSON.stringify(caFile.value)}${from(caFile, "caFile")}` });
    }
    return problems;
}

export function resolveEpmConnection(input?: EpmConnectionInput): EpmConnection {
    const problems = epmConnectionProblems(input);
    if (problems.length > 0) throw new Error(`EPM connection: ${problems.map((p) => `${p.setting} ${p.reason}`).join("; ")}`);
    const { origin } = parseEpmUrl(epmSetting("url", input).value!);
    const apiVersion = (epmSetting("apiVersion", input).value ?? EPM_DEFAULT_API_VERSION).toLowerCase();
    const clientSecret = epmSetting("clientSecret", input).value!;
    registerSecret(clientSecret);
    const caFile = epmSetting("caFile", input).value;
    let caPem = epmSetting("caCert", input).value;
    if (!caPem && caFile) caPem = fs.readFileSync(caFile, "utf8");
    const insecure = epmSetting("insecure", input).value;
    return {
        origin,
        basePath: `${EPM_API_PREFIX}/${apiVersion}`,
        apiVersion,
        clientId: epmSetting("clientId", input).value!,
        clientSecret,
        caPem,
        insecure: insecure === "true" || insecure === "1",
    };
}
