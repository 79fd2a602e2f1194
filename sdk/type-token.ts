// A kind's Pulumi type token, on its own so that scripts/gen-policy-kinds.ts can name tokens without
// loading sdk/kinds.generated.ts, the file it writes (a stale or conflicted one must not stop it).

/** Pulumi type token of a kind: "pra:ShellJump" → "pulumi-nodejs:dynamic/beyondtrust/pra:ShellJump". */
export function typeToken(kind: string): string {
    const [product, type] = kind.split(":");
    return `pulumi-nodejs:dynamic/beyondtrust/${product}:${type}`;
}
