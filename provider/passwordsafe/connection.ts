// Where Password Safe calls go and as whom, resolved field by field as PRA's connection is: the
// resource's `connection` input, then stack config `beyondtrust:passwordSafe*` (and the CA settings
// shared with PRA), then the environment (`BT_PS_*`, `BT_CA_*`). Resolved inside the plugin only.
import * as fs from "fs";
import { registerSecret } from "../core/redact";
import { parseApiUrl as parseUrl, settingTable } from "../core/settings";

export const PS_BASE_PATH = "/BeyondTrust/api/public/v3";

export interface PasswordSafeConnectionInput {
    /** The API URL (https://host/BeyondTrust/api/public/v3) or a bare host name. */
    url?: string;
    apiKey?: string;
    runAs?: string;
    password?: string;
    clientId?: string;
    clientSecret?: string;
    caCert?: string;
    caFile?: string;
    insecure?: boolean;
}

export const PS_CONNECTION_SETTINGS = ["url", "apiKey", "runAs", "password", "clientId", "clientSecret", "caCert", "caFile", "insecure"] as const;
type Setting = (typeof PS_CONNECTION_SETTINGS)[number];

/** Settings whose values are credentials: registered for redaction wherever they come from. */
export const PS_SECRET_SETTINGS: readonly Setting[] = ["apiKey", "password", "clientSecret"];

/** Stack config keys (below `beyondtrust:`), one per setting; the SDK's lookups read the same ones. */
export const PS_CONFIG_KEYS: Record<Setting, string> = {
    url: "passwordSafeUrl",
    apiKey: "passwordSafeApiKey",
    runAs: "passwordSafeRunAs",
    password: "passwordSafePassword",
    clientId: "passwordSafeClientId",
    clientSecret: "passwordSafeClientSecret",
    caCert: "caCert",
    caFile: "caFile",
    insecure: "insecure",
};

export const PS_ENV_NAMES: Record<Setting, string> = {
    url: "BT_PS_API_URL",
    apiKey: "BT_PS_API_KEY",
    runAs: "BT_PS_RUNAS",
    password: "BT_PS_PASSWORD",
    clientId: "BT_PS_CLIENT_ID",
    clientSecret: "BT_PS_CLIENT_SECRET",
    caCert: "BT_CA_CERT",
    caFile: "BT_CA_FILE",
    insecure: "BT_INSECURE",
};

export interface PasswordSafeConnection {
    /** scheme://host[:port]. */
    origin: string;
    /** The API's path below the origin, e.g. /BeyondTrust/api/public/v3. */
    basePath: string;
    auth: { kind: "api-key"; apiKey: string; runAs: string; password?: string } | { kind: "oauth"; clientId: string; clientSecret: string };
    caPem?: string;
    insecure: boolean;
}

const table = settingTable<Setting>("passwordSafe", { configKeys: PS_CONFIG_KEYS, envNames: PS_ENV_NAMES, secrets: PS_SECRET_SETTINGS });

/** From the provider's configure(): remembers this product's stack config for the process. */
export const setPasswordSafeConfig = (config: { get(key: string): string | undefined }): void => table.configure(config);

/** A setting and where it came from: the resource's input, stack config, or the environment. */
export function psSetting(setting: Setting, input?: PasswordSafeConnectionInput): { value?: string; source: string } {
    return table.get(setting, input as Partial<Record<Setting, unknown>> | undefined);
}

/**
 * Which sign-in a connection uses: the first source (the resource's input, stack config, the
 * environment) that names an API key or an OAuth client decides, so a resource that gives its own
 * client id is not signed in with a key from the environment. Its other fields then resolve field
 * by field as usual.
 */
export function psAuthMethod(input?: PasswordSafeConnectionInput): "api-key" | "oauth" | undefined {
    const layers = table.layers(input as Partial<Record<Setting, unknown>> | undefined);
    for (const layer of layers) {
        if (layer("apiKey") !== undefined) return "api-key";
        if (layer("clientId") !== undefined || layer("clientSecret") !== undefined) return "oauth";
    }
    return undefined;
}

/** The API URL of a `url` setting: a bare host gets https:// and the base path. Throws with the reason. */
export function parseApiUrl(text: string): { origin: string; basePath: string } {
    return parseUrl(text, PS_BASE_PATH, "apiKey/runAs or clientId/clientSecret");
}

/** Why the connection cannot be used, per setting (check's messages); empty when it can. */
export function psConnectionProblems(input?: PasswordSafeConnectionInput): Array<{ setting: string; reason: string }> {
    const problems: Array<{ setting: string; reason: string }> = [];
    const from = (s: { source: string }, setting: string) => (s.source === `connection.${setting}` ? "" : ` (from ${s.source})`);
    const url = psSetting("url", input);
    if (url.value === undefined) {
        problems.push({ setting: "url", reason: `is not set: give connection.url, stack config beyondtrust:passwordSafeUrl or ${PS_ENV_NAMES.url}` });
    } else {
        try {
            parseApiUrl(url.value);
        } catch (err) {
            problems.push({ setting: "url", reason: `${(err as Error).message}${from(url, "url")}` });
        }
    }
    const method = psAuthMethod(input);
    const runAs = psSetting("runAs", input).value;
    const clientId = psSetting("clientId", input).value;
    const clientSecret = psSetting("clientSecret", input).value;
    if (method === "api-key" && runAs === undefined) {
        problems.push({
            setting: "runAs",
            reason: `is required with an API key: the user the key acts as (beyondtrust:passwordSafeRunAs or ${PS_ENV_NAMES.runAs})`,
        });
    } else if (method === "oauth" && (clientId === undefined || clientSecret === undefined)) {
        const missing = clientId === undefined ? "clientId" : "clientSecret";
        problems.push({ setting: missing, reason: `is required with ${missing === "clientId" ? "clientSecret" : "clientId"} (OAuth client credentials)` });
    } else if (method === undefined) {
        problems.push({
            setting: "apiKey",
            reason: `no credentials: give apiKey and runAs (${PS_ENV_NAMES.apiKey}, ${PS_ENV_NAMES.runAs}) or clientId and clientSecret (${PS_ENV_NAMES.clientId}, ${PS_ENV_NAMES.clientSecret})`,
        });
    }
    const caCert = psSetting("caCert", input);
    const caFile = psSetting("caFile", input);
    if (caCert.value === undefined && caFile.value !== undefined && !fs.existsSync(caFile.value)) {
        problems.push({ setting: "caFile", reason: `names a file that does not exist: ${JSON.stringify(caFile.value)}${from(caFile, "caFile")}` });
    }
    return problems;
}

export function resolvePasswordSafeConnection(input?: PasswordSafeConnectionInput): PasswordSafeConnection {
    const problems = psConnectionProblems(input);
    if (problems.length > 0) {
        throw new Error(`Password Safe connection: ${problems.map((p) => `${p.setting} ${p.reason}`).join("; ")}`);
    }
    const { origin, basePath } = parseApiUrl(psSetting("url", input).value!);
    const password = psSetting("password", input).value;
    for (const s of PS_SECRET_SETTINGS) registerSecret(psSetting(s, input).value);
    const auth: PasswordSafeConnection["auth"] =
        psAuthMethod(input) === "api-key"
            ? {
                  kind: "api-key",
                  apiKey: psSetting("apiKey", input).value!,
                  runAs: psSetting("runAs", input).value!,
                  ...(password !== undefined ? { password } : {}),
              }
            : { kind: "oauth", clientId: psSetting("clientId", input).value!, clientSecret: psSetting("clientSecret", input).value! };
    const caFile = psSetting("caFile", input).value;
    let caPem = psSetting("caCert", input).value;
    if (!caPem && caFile) caPem = fs.readFileSync(caFile, "utf8");
    const insecure = psSetting("insecure", input).value;
    return { origin, basePath, auth, caPem, insecure: insecure === "true" || insecure === "1" };
}
