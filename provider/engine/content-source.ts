// Content given one of two ways, for record kinds that upload a document (a Password Safe file
// secret, an EPM policy's XML): `content` (the text itself) or `contentFile` (a local path read at
// check). Exactly one; the bytes are capped and may be checked further by the kind; their SHA-256
// becomes the derived `contentSha256` that diff compares with state's, so the bytes of a file never
// reach state and a change on either side is seen. Names no product.
import * as crypto from "crypto";
import * as fs from "fs";
import { Failure } from "./fields";

export interface ContentRule {
    /** What the content is, for messages: "file", "policy". */
    noun: string;
    /** What `content` holds, for the message when neither is given: "the file's text". */
    contentIs: string;
    /** Who holds it, for the cap's message: "a file secret". */
    holder: string;
    maxBytes: number;
    /** A further reason the bytes are refused (not XML, say), or undefined; run after the cap. */
    problem?: (bytes: Buffer) => string | undefined;
}

export function sha256(bytes: Buffer | string): string {
    return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** The declared bytes, from `content` or `contentFile` (read again at each write: check already vouched for it). */
export function declaredContent(inputs: Record<string, unknown>): Buffer {
    if (typeof inputs.content === "string") return Buffer.from(inputs.content, "utf8");
    return fs.readFileSync(String(inputs.contentFile));
}

/** Check's rule for the pair: failures naming the property, or none and `inputs.contentSha256` set. */
export function checkContent(inputs: Record<string, unknown>, rule: ContentRule): Failure[] {
    const hasContent = inputs.content !== undefined;
    const hasFile = inputs.contentFile !== undefined;
    if (hasContent === hasFile) {
        return [
            hasContent
                ? { property: "contentFile", reason: `cannot be given with content: give the ${rule.noun} one way` }
                : { property: "content", reason: `is required: give content (${rule.contentIs}) or contentFile (a path)` },
        ];
    }
    const property = hasContent ? "content" : "contentFile";
    const tooBig = (size: number) => [{ property, reason: `is ${size} bytes: ${rule.holder} holds at most ${rule.maxBytes}` }];
    let bytes: Buffer;
    if (hasContent) {
        const size = Buffer.byteLength(String(inputs.content), "utf8");
        if (size > rule.maxBytes) return tooBig(size);
        bytes = Buffer.from(String(inputs.content), "utf8");
    } else {
        const path = String(inputs.contentFile);
        const unreadable = (err: unknown) => {
            const code = (err as { code?: string }).code;
            return [
                {
                    property,
                    reason:
                        code === "ENOENT" ? `names a file that does not exist: ${JSON.stringify(path)}` : `cannot be read (${code}): ${JSON.stringify(path)}`,
                },
            ];
        };
        let stat: fs.Stats;
        try {
            stat = fs.statSync(path);
        } catch (err) {
            return unreadable(err);
        }
        if (!stat.isFile()) return [{ property, reason: `is not a file: ${JSON.stringify(path)}` }];
        if (stat.size > rule.maxBytes) return tooBig(stat.size);
        try {
            bytes = fs.readFileSync(path);
        } catch (err) {
            return unreadable(err);
        }
    }
    const problem = rule.problem?.(bytes);
    if (problem !== undefined) return [{ property, reason: problem }];
    inputs.contentSha256 = sha256(bytes);
    return [];
}
