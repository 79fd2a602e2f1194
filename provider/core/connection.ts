import type { ConfigApiProduct } from "./product";
import * as fs from "fs";
import { processState } from "./process-state";
import { registerSecret } from "./redact";

/**
 * Where a resource's API calls go and as whom. Resolved inside the plugin only, never captured by
 * the serialized provider, so no credential is baked into state.
 */
export interface ConnectionInput {
    host?: string;
    clientId?: string;
    clientSecret?: string;
    /** PEM text of a CA bundle to trust, for appliances with a private CA. */
    caCert?: string;
    /** Path of a PEM CA bundle. */
    caFile?: string;
    /** Skip TLS verification (tests and labs only). */
    insecure?: boolean;
    /**
     * "pra" (Privileged Remote Access) or "rs" (Remote Support). Unset everywhere: the appliance is
     * asked once per process (GET /get_mech_list, see product-detection.ts).
     */
    product?: ConfigApiProduct;
}

export interface ResolvedConnection {
    product: ConfigApiProduct;
    /**
     * Where `product` came from ("connection.product", "stack config beyondtrust:product",
     * "BT_PRODUCT", or what detection found); undefined when nothing configures it, and then
     * `product` is only a placeholder until detectProduct() has asked the appliance.
     */
    productSource?: string;
    /** scheme://host[:port], no trailing slash. */
    origin: string;
    clientId: string;
    clientSecret: string;
    caPem?: string;
    insecure: boolean;
    ratePerSecond: number;
    ratePerHour: number;
}

/**
 * Stack config key (below the `beyondtrust:` namespace, as delivered to configure()) per setting,
 * listed like the other products' tables; the SDK's lookups read the same table (generated into
 * sdk/kinds.generated.ts, so the SDK loads no provider code).
 */
export const PRA_CONFIG_KEYS = {
    host: "host",
    clientId: "clientId",
    clientSecret: "clientSecret",
    caCert: "caCert",
    caFile: "caFile",
    insecure: "insecure",
    product: "product",
} as const;

const CONFIG_KEYS = Object.keys(PRA_CONFIG_KEYS) as Array<keyof typeof PRA_CONFIG_KEYS>;

const ENV_NAMES: Record<keyof typeof PRA_CONFIG_KEYS, string> = {
    host: "BT_API_HOST",
    clientId: "BT_CLIENT_ID",
    clientSecret: "BT_CLIENT_SECRET",
    caCert: "BT_CA_CERT",
    caFile: "BT_CA_FILE",
    insecure: "BT_INSECURE",
    product: "BT_PRODUCT",
};

interface ConfigSource {
    get(key: string): string | undefined;
}

const stackConfig = processState("stackConfig", () => ({ values: {} as Record<string, string> }));

/** Called from the provider's configure(): remembers the `beyondtrust:*` stack config for this process. */
export function setStackConfig(config: ConfigSource): void {
    const values: Record<string, string> = {};
    for (const key of CONFIG_KEYS) {
        const v = config.get(`beyondtrust:${PRA_CONFIG_KEYS[key]}`);
        if (v !== undefined && v !== "") {
            values[key] = v;
        }
    }
    registerSecret(values.clientSecret);
    stackConfig.values = values;
}

function fromEnv(key: keyof typeof PRA_CONFIG_KEYS): string | undefined {
    const v = process.env[ENV_NAMES[key]];
    return v === undefined || v === "" ? undefined : v;
}

function pick<K extends keyof typeof PRA_CONFIG_KEYS>(key: K, input: ConnectionInput | undefined): string | undefined {
    const explicit = input?.[key];
    if (explicit !== undefined && explicit !== null && explicit !== "") {
        return String(explicit);
    }
    return stackConfig.values[key] ?? fromEnv(key);
}

/**
 * The origin (scheme://host[:port]) of a host setting. Anything else a URL can carry is refused
 * rather than dropped: credentials (`user:password@`: they belong in clientId and clientSecret, and
 * would be echoed wherever the host is), a path, a query or a fragment. Messages never quote the
 * credentials, query or fragment; a password found in the host is registered for redaction.
 */
export function normalizeOrigin(host: string): string {
    const r = parseHost(host);
    if ("problem" in r) throw new Error(`not an appliance host: ${r.problem}`);
    return r.origin;
}

/** Why a host setting cannot be used, or undefined when it can. */
export function hostProblem(host: string): string | undefined {
    const r = parseHost(host);
    return "problem" in r ? r.problem : undefined;
}

/** The host setting as it may be shown: without credentials, query or fragment. */
export function showHost(host: string): string {
    return JSON.stringify(
        host
            .trim()
            .replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/?#]*@/i, (_m, scheme: string | undefined) => `${scheme ?? ""}…@`)
            .replace(/[?#].*$/s, (m) => `${m[0]}…`),
    );
}

function parseHost(host: string): { origin: string } | { problem: string } {
    const trimmed = host.trim();
    const shown = showHost(host);
    if (trimmed === "" || /^[a-z][a-z0-9+.-]*:\/*$/i.test(trimmed)) return { problem: `${shown} has no host name` };
    // btapi's BT_API_HOST is a bare host name; https is what appliances serve.
    const withScheme = /^[a-z][a-z0-9+.-]*:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    let url: URL;
    try {
        url = new URL(withScheme);
    } catch {
        // Still register what looks like a password, in case the text reaches a message elsewhere.
        const userinfo = /^(?:[a-z][a-z0-9+.-]*:\/\/)?([^/?#]*)@/i.exec(trimmed)?.[1];
        if (userinfo?.includes(":")) registerSecret(userinfo.slice(userinfo.indexOf(":") + 1));
        return { problem: `${shown} is not a host name or URL` };
    }
    if (url.username || url.password) {
        registerSecret(url.password);
        try {
            registerSecret(decodeURIComponent(url.password));
        } catch {
            // not percent-encoded: registered as is above
        }
        return { problem: `${shown} carries credentials (user:password@): give them as clientId and clientSecret, never in the host` };
    }
    if (!/^https?:$/.test(url.protocol)) return { problem: `${shown} has the scheme ${JSON.stringify(url.protocol)}: use https:// (or http:// for a lab)` };
    if (!/^[a-z0-9.\-\[\]:]+$/i.test(url.hostname) || url.hostname.endsWith(":")) return { problem: `${shown} is not a host name or URL` };
    const origin = `${url.protocol}//${url.host}`;
    if (!/^\/*$/.test(url.pathname)) {
        return {
            problem: `${shown} has a path (${JSON.stringify(url.pathname)}): give only the appliance's host name and port, e.g. ${JSON.stringify(origin)}`,
        };
    }
    if (url.search || /\?/.test(trimmed))
        return { problem: `${shown} has a query string: give only the appliance's host name and port, e.g. ${JSON.stringify(origin)}` };
    if (url.hash || /#/.test(trimmed))
        return { problem: `${shown} has a fragment: give only the appliance's host name and port, e.g. ${JSON.stringify(origin)}` };
    return { origin };
}

function numberFromEnv(name: string, fallback: number): number {
    const raw = process.env[name];
    if (raw === undefined || raw === "") {
        return fallback;
    }
    const n = Number(raw);
    return Number.isFinite(n) && n >= 0 ? n : fallback;
}

/**
 * Which product a resource talks to, from the same sources as every other setting, or undefined
 * when none of them sets it (then the appliance is asked, at the first API call; see
 * product-detection.ts).
 */
export function configuredProduct(input?: ConnectionInput): { product: ConfigApiProduct; source: string } | undefined {
    const explicit = input?.product;
    if (explicit !== undefined && explicit !== null && String(explicit) !== "") {
        return { product: String(explicit).toLowerCase() === "rs" ? "rs" : "pra", source: "connection.product" };
    }
    if (stackConfig.values.product) {
        return { product: stackConfig.values.product.toLowerCase() === "rs" ? "rs" : "pra", source: "stack config beyondtrust:product" };
    }
    const env = fromEnv("product");
    if (env) return { product: env.toLowerCase() === "rs" ? "rs" : "pra", source: `${ENV_NAMES.product}` };
    return undefined;
}

/** The appliance a resource with this connection input talks to, or undefined when none is configured. */
export function effectiveOrigin(input?: ConnectionInput): string | undefined {
    const host = pick("host", input);
    if (!host) return undefined;
    try {
        return normalizeOrigin(host);
    } catch {
        // Compared, never used: and without any credentials the text carried.
        return showHost(host);
    }
}

/**
 * A connection setting as resolveConnection picks it (the resource's input, then stack config, then
 * the environment), and where it came from, for check's messages.
 */
export function effectiveSetting(key: "host" | "caFile" | "caCert", input?: ConnectionInput): { value?: string; source: string } {
    const explicit = input?.[key];
    if (explicit !== undefined && explicit !== null && explicit !== "") return { value: String(explicit), source: `connection.${key}` };
    if (stackConfig.values[key] !== undefined) return { value: stackConfig.values[key], source: `stack config beyondtrust:${key}` };
    const env = fromEnv(key);
    return env !== undefined ? { value: env, source: ENV_NAMES[key] } : { source: "" };
}

/** Field by field: the resource's `connection` input, then stack config, then environment variables. */
export function resolveConnection(input?: ConnectionInput): ResolvedConnection {
    const host = pick("host", input);
    const clientId = pick("clientId", input);
    const clientSecret = pick("clientSecret", input);
    const missing: string[] = [];
    if (!host) missing.push(`host (beyondtrust:host or ${ENV_NAMES.host})`);
    if (!clientId) missing.push(`clientId (beyondtrust:clientId or ${ENV_NAMES.clientId})`);
    if (!clientSecret) missing.push(`clientSecret (beyondtrust:clientSecret or ${ENV_NAMES.clientSecret})`);
    if (missing.length > 0) {
        throw new Error(
            `BeyondTrust connection is not configured: missing ${missing.join(", ")}. ` +
                `Set them on the resource's connection input, in stack config, or in the environment.`,
        );
    }
    registerSecret(clientSecret);
    const caFile = pick("caFile", input);
    let caPem = pick("caCert", input);
    if (!caPem && caFile) {
        caPem = fs.readFileSync(caFile, "utf8");
    }
    const insecureRaw = pick("insecure", input);
    const productRaw = (pick("product", input) ?? "pra").toLowerCase();
    if (productRaw !== "pra" && productRaw !== "rs") {
        throw new Error(`BeyondTrust product must be "pra" or "rs", not "${productRaw}"`);
    }
    return {
        product: productRaw,
        productSource: configuredProduct(input)?.source,
        origin: normalizeOrigin(host!),
        clientId: clientId!,
        clientSecret: clientSecret!,
        caPem,
        insecure: insecureRaw === "true" || insecureRaw === "1",
        // The appliance's documented limits; 0 turns a window off (benchmarks compare both ways).
        ratePerSecond: numberFromEnv("BT_RATE_LIMIT_PER_SECOND", 20),
        ratePerHour: numberFromEnv("BT_RATE_LIMIT_PER_HOUR", 15000),
    };
}
