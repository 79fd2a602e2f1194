// Connection settings resolved field by field, in the order every product uses (DESIGN.md,
// "Connections and secrets"): the resource's `connection` input, then stack config under
// `beyondtrust:` (delivered to the plugin's configure()), then the environment. A product names its
// settings, their config keys and environment names once (as data); the SDK's lookups read the same
// tables. Values are resolved inside the plugin only, never captured.
import { processState } from "./process-state";
import { registerSecret } from "./redact";

export interface SettingSources<S extends string> {
    /** Stack config key below `beyondtrust:`, per setting. */
    configKeys: Record<S, string>;
    /** Environment variable, per setting. */
    envNames: Record<S, string>;
    /** Settings whose values are credentials: registered for redaction wherever they come from. */
    secrets: readonly S[];
}

export interface ResolvedSetting {
    value?: string;
    /** "connection.url", "stack config beyondtrust:epmUrl", "BT_EPM_API_URL", or "" when unset. */
    source: string;
}

export interface SettingTable<S extends string> {
    readonly settings: readonly S[];
    readonly sources: SettingSources<S>;
    /** From the provider's configure(): remembers this product's stack config for the process. */
    configure(config: { get(key: string): string | undefined }): void;
    /** A setting and where it came from. */
    get(setting: S, input?: Partial<Record<S, unknown>>): ResolvedSetting;
    /** The first layer (input, stack config, environment) that sets any of `settings`, as a getter. */
    layers(input?: Partial<Record<S, unknown>>): Array<(s: S) => string | undefined>;
}

function given(v: unknown): string | undefined {
    return v === undefined || v === null || v === "" ? undefined : String(v);
}

export function settingTable<S extends string>(name: string, sources: SettingSources<S>): SettingTable<S> {
    const settings = Object.keys(sources.configKeys) as S[];
    const stack = processState(`settings:${name}`, () => ({ values: {} as Partial<Record<S, string>> }));
    const layers = (input?: Partial<Record<S, unknown>>): Array<(s: S) => string | undefined> => [
        (s) => given(input?.[s]),
        (s) => stack.values[s],
        (s) => given(process.env[sources.envNames[s]]),
    ];
    return {
        settings,
        sources,
        configure(config) {
            const values: Partial<Record<S, string>> = {};
            for (const s of settings) {
                const v = given(config.get(`beyondtrust:${sources.configKeys[s]}`));
                if (v !== undefined) values[s] = v;
            }
            for (const s of sources.secrets) registerSecret(values[s]);
            stack.values = values;
        },
        get(setting, input) {
            const names = [`connection.${setting}`, `stack config beyondtrust:${sources.configKeys[setting]}`, sources.envNames[setting]];
            const all = layers(input);
            for (let i = 0; i < all.length; i++) {
                const value = all[i](setting);
                if (value !== undefined) return { value, source: names[i] };
            }
            return { source: "" };
        },
        layers,
    };
}

/**
 * The API URL of a `url` setting: a bare host gets https:// and the product's base path; a given path
 * is kept. Throws with the reason (the caller names the setting and its source).
 */
export function parseApiUrl(text: string, defaultBasePath: string, credentialsHint: string): { origin: string; basePath: string } {
    const trimmed = text.trim();
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        throw new Error("is not a URL or host name");
    }
    if (url.username || url.password) {
        registerSecret(url.password);
        throw new Error(`carries credentials (user:password@): give them as ${credentialsHint}`);
    }
    if (!/^https?:$/.test(url.protocol)) throw new Error(`has the scheme ${JSON.stringify(url.protocol)}: use https:// (or http:// for a lab)`);
    if (url.hostname === "") throw new Error("has no host name");
    if (url.search || url.hash) throw new Error("has a query string or fragment: give the API URL only");
    const path = url.pathname.replace(/\/+$/, "");
    return { origin: `${url.protocol}//${url.host}`, basePath: path === "" ? defaultBasePath : path };
}
