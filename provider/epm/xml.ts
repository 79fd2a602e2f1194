// What check knows of a policy's XML before any call: that it fits, is UTF-8, is well formed by a
// real XML 1.0 parser (saxes; the message carries its line:column), and has the root element an EPM
// policy file has (<Configuration>). The schema of a policy is not public, so nothing deeper is
// checked. The cap is the provider's: the simulator enforces none of its own on the policy file
// beyond the EPM mount's 16 MiB request body (simulator/epm/app.ts), and no public source gives
// the tenant's; 5,000,000 bytes is far above real policies (a few hundred KB).
import { SaxesParser } from "saxes";

export const MAX_POLICY_BYTES = 5_000_000;
export const POLICY_ROOT = "Configuration";

/** Why these bytes cannot be a policy file, or undefined when they can. */
export function policyBytesProblem(bytes: Buffer): string | undefined {
    if (bytes.length > MAX_POLICY_BYTES) return `is ${bytes.length} bytes: a policy holds at most ${MAX_POLICY_BYTES}`;
    const text = bytes.toString("utf8");
    // A byte sequence that is not UTF-8 decodes to U+FFFD and does not encode back to itself.
    if (!Buffer.from(text, "utf8").equals(bytes)) return "is not UTF-8 text: save the policy as UTF-8";
    return policyXmlProblem(text);
}

/** Why this text cannot be a policy file (not well formed, or not rooted at <Configuration>), or undefined. */
export function policyXmlProblem(text: string): string | undefined {
    const parser = new SaxesParser();
    let problem: string | undefined;
    let root: string | undefined;
    parser.on("error", (err) => {
        // saxes words it "line:column: what."; the first error is the one to fix.
        problem ??= err.message.replace(/\.$/, "");
    });
    parser.on("opentag", (tag) => {
        root ??= tag.name;
    });
    try {
        parser.write(text.replace(/^\uFEFF/, "")).close();
    } catch (err) {
        problem ??= (err as Error).message.replace(/\.$/, "");
    }
    if (problem !== undefined) return `is not well-formed XML: ${problem}`;
    if (root !== POLICY_ROOT) return `is not an EPM policy: its root element is <${root}>, not <${POLICY_ROOT}>`;
    return undefined;
}
