// The program's `beyondtrust:*` stack config for one product's lookups, which run in the program's
// process (resources resolve theirs in the plugin). The keys are the product's table as the plugin
// reads it (provider/*/connection.ts), carried as data in sdk/kinds.generated.ts so that the SDK loads
// no provider code. Values are read raw: a secret is used by the lookup, never output.
import * as pulumi from "@pulumi/pulumi";
import { CONFIG_KEYS } from "./kinds.generated";

/** The settings the program's stack config gives, by setting name (e.g. `{ url, apiKey }` for Password Safe). */
export function stackConfigOf<P extends keyof typeof CONFIG_KEYS>(product: P): Partial<Record<keyof (typeof CONFIG_KEYS)[P], string>> {
    const out: Record<string, string> = {};
    for (const [setting, key] of Object.entries(CONFIG_KEYS[product])) {
        const v = pulumi.runtime.getConfig(`beyondtrust:${key}`);
        if (v !== undefined && v !== "") out[setting] = v;
    }
    return out as Partial<Record<keyof (typeof CONFIG_KEYS)[P], string>>;
}

/**
 * A Password Safe or EPM lookup's connection: the product's stack config under the lookup's own
 * `connection` (a given field wins; unset, null or "" ones fall through), `insecure` as a boolean.
 * The provider's lookup then falls back to the environment for what is still unset.
 */
export function lookupConnection(product: keyof typeof CONFIG_KEYS, explicit: Record<string, unknown> | undefined): Record<string, unknown> {
    const merged: Record<string, unknown> = {};
    for (const [setting, v] of Object.entries(stackConfigOf(product))) merged[setting] = setting === "insecure" ? v === "true" : v;
    for (const [k, v] of Object.entries(explicit ?? {})) if (v !== undefined && v !== null && v !== "") merged[k] = v;
    return merged;
}
