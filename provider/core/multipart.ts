// multipart/form-data bodies (RFC 7578), for Password Safe's file secrets: a JSON metadata part and
// the file. Written here rather than taken from a dependency: two part shapes, a few lines.
import * as crypto from "crypto";

export interface Part {
    name: string;
    /** Present for a file part. */
    filename?: string;
    contentType?: string;
    data: string | Buffer;
}

export interface Multipart {
    contentType: string;
    body: Buffer;
}

/** Quotes a header parameter; CR, LF and `"` cannot appear in one and are percent-encoded (as browsers do). */
function param(value: string): string {
    return `"${value.replace(/[\r\n"]/g, (c) => encodeURIComponent(c))}"`;
}

export function encodeMultipart(parts: Part[]): Multipart {
    // A random boundary cannot occur in the parts by chance (a file's bytes are the caller's).
    const boundary = `----pulumi-beyondtrust-${crypto.randomBytes(16).toString("hex")}`;
    const chunks: Buffer[] = [];
    for (const part of parts) {
        let head = `--${boundary}\r\nContent-Disposition: form-data; name=${param(part.name)}`;
        if (part.filename !== undefined) head += `; filename=${param(part.filename)}`;
        head += "\r\n";
        if (part.contentType) head += `Content-Type: ${part.contentType}\r\n`;
        chunks.push(Buffer.from(`${head}\r\n`, "utf8"), Buffer.isBuffer(part.data) ? part.data : Buffer.from(part.data, "utf8"), Buffer.from("\r\n"));
    }
    chunks.push(Buffer.from(`--${boundary}--\r\n`));
    return { contentType: `multipart/form-data; boundary=${boundary}`, body: Buffer.concat(chunks) };
}
