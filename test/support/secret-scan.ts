// A root hook for the whole test run: everything written to stdout and stderr (test output, provider
// and plugin logs echoed by tests, error messages mocha prints) is kept, and after the last test it
// is searched for every secret the provider handled in this process (its redaction registry holds
// each password, key, token and client secret it was given). One hit fails the run.
// Each secret is searched in every form the provider's redaction covers (JSON-escaped, URL and form
// encoded, inside base64 such as a Basic header, and each line of a PEM key), not only as typed.
import { encodingsOf } from "../../provider/core/redact";
const captured: string[] = [];
let bytes = 0;
const LIMIT = 64 * 1024 * 1024;

for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream) as (...args: unknown[]) => boolean;
    (stream as unknown as { write: (...args: unknown[]) => boolean }).write = (chunk: unknown, ...rest: unknown[]) => {
        if (bytes < LIMIT) {
            const text = typeof chunk === "string" ? chunk : Buffer.isBuffer(chunk) ? chunk.toString("utf8") : String(chunk);
            captured.push(text);
            bytes += text.length;
        }
        return write(chunk, ...rest);
    };
}

/** Extra secrets a test used without handing them to the provider (e.g. simulator credentials). */
export function rememberSecret(value: string): void {
    const key = Symbol.for("pulumi-beyondtrust.secrets");
    const g = globalThis as unknown as Record<symbol, Set<string> | undefined>;
    (g[key] ??= new Set<string>()).add(value);
}

export const mochaHooks = {
    afterAll(): void {
        const secrets = (globalThis as unknown as Record<symbol, Set<string> | undefined>)[Symbol.for("pulumi-beyondtrust.secrets")];
        const all = captured.join("");
        const hits = [...(secrets ?? [])].filter((s) => {
            if (s.length < 6) return false;
            const forms = encodingsOf(s);
            return [s, ...forms.plain.filter((f) => f.length >= 6), ...forms.base64].some((f) => all.includes(f));
        });
        const count = secrets?.size ?? 0;
        process.stdout.write(`\n  secret scan: ${count} secret values searched in ${all.length} characters of test output: ${hits.length} found\n`);
        if (hits.length > 0) {
            throw new Error(`${hits.length} secret value(s) appeared in test output (first starts with ${JSON.stringify(hits[0].slice(0, 3))}...)`);
        }
    },
};
