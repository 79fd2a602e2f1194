// Every secret the provider handles is registered here so that any text leaving the process
// (error messages, log lines) can be scrubbed. The API may echo a submitted value back in a
// validation message, and got errors can carry request options: scrubbing at the boundary is the
// one place that catches all of them.

const REGISTRY_KEY = Symbol.for("pulumi-beyondtrust.secrets");
type Registry = Set<string>;

function registry(): Registry {
    const g = globalThis as unknown as Record<symbol, Registry | undefined>;
    let reg = g[REGISTRY_KEY];
    if (!reg) {
        reg = new Set<string>();
        g[REGISTRY_KEY] = reg;
    }
    return reg;
}

/** Remember a secret value; very short values are ignored because scrubbing them would mangle text. */
export function registerSecret(value: unknown): void {
    if (typeof value === "string" && value.length >= 4) {
        registry().add(value);
    }
}

export function redact(text: string): string {
    let out = text;
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...registry()].sort((a, b) => b.length - a.length);
    for (const s of secrets) {
        if (out.includes(s)) {
            out = out.split(s).join("[secret]");
        }
    }
    return out;
}
