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
    product?: "pra" | "rs";
}

export interface ResolvedConnection {
    product: "pra" | "rs";
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

/** Stack config keys under the `beyondtrust:` namespace, as delivered to configure(). */
const CONFIG_KEYS = ["host", "clientId", "clientSecret", "caCert", "caFile", "insecure", "product"] as const;

const ENV_NAMES: Record<(typeof CONFIG_KEYS)[number], string> = {
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
        const v = config.get(`beyondtrust:${key}`);
        if (v !== undefined && v !== "") {
            values[key] = v;
        }
    }
    registerSecret(values.clientSecret);
    stackConfig.values = values;
}

function fromEnv(key: (typeof CONFIG_KEYS)[number]): string | undefined {
    const v = process.env[ENV_NAMES[key]];
    return v === undefined || v === "" ? undefined : v;
}

function pick<K extends (typeof CONFIG_KEYS)[number]>(key: K, input: ConnectionInput | undefined): string | undefined {
    const explicit = input?.[key];
    if (explicit !== undefined && explicit !== null && explicit !== "") {
        return String(explicit);
    }
    return stackConfig.values[key] ?? fromEnv(key);
}

export function normalizeOrigin(host: string): string {
    if (/^[a-z]+:\/*$/i.test(host.trim())) {
        throw new Error(`not an appliance host: ${JSON.stringify(host)}`);
    }
    const trimmed = host.trim().replace(/\/+$/, "");
    // btapi's BT_API_HOST is a bare host name; https is what appliances serve.
    const withScheme = /^[a-z]+:\/\//i.test(trimmed) ? trimmed : `https://${trimmed}`;
    const url = new URL(withScheme);
    if (!/^https?:$/.test(url.protocol) || !/^[a-z0-9.\-\[\]:]+$/i.test(url.hostname) || url.hostname.endsWith(":")) {
        throw new Error(`not an appliance host: ${JSON.stringify(host)}`);
    }
    return `${url.protocol}//${url.host}`;
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
export function configuredProduct(input?: ConnectionInput): { product: "pra" | "rs"; source: string } | undefined {
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
        return host;
    }
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
