// multipart/form-data bodies (RFC 7578), parsed from the whole buffered body: parts keep their
// bytes untouched (file content is binary), and names and filenames come from each part's
// Content-Disposition. Any product app that takes uploads uses it.

export interface Part {
    name: string;
    filename?: string;
    contentType?: string;
    data: Buffer;
}

/** undefined when the Content-Type is not multipart/form-data with a boundary. */
export function multipartBoundary(contentType: string | undefined): string | undefined {
    if (!contentType || !/^multipart\/form-data/i.test(contentType.trim())) return undefined;
    const m = /boundary=(?:"([^"]+)"|([^;\s]+))/i.exec(contentType);
    return m ? (m[1] ?? m[2]) : undefined;
}

/** Throws Error("...") with a plain reason for a body that does not follow the boundary. */
export function parseMultipart(body: Buffer, boundary: string): Part[] {
    const delimiter = Buffer.from(`--${boundary}`);
    const parts: Part[] = [];
    let pos = body.indexOf(delimiter);
    if (pos < 0) throw new Error("the body has no multipart boundary");
    for (;;) {
        pos += delimiter.length;
        // "--" after a delimiter closes the body.
        if (body.subarray(pos, pos + 2).toString() === "--") break;
        if (body.subarray(pos, pos + 2).toString() === "\r\n") pos += 2;
        const headerEnd = body.indexOf("\r\n\r\n", pos);
        if (headerEnd < 0) throw new Error("a multipart part has no header end");
        const headers = parseHeaders(body.subarray(pos, headerEnd).toString("utf8"));
        const next = body.indexOf(Buffer.concat([Buffer.from("\r\n"), delimiter]), headerEnd + 4);
        if (next < 0) throw new Error("the multipart body is not closed");
        const disposition = headers["content-disposition"] ?? "";
        const name = param(disposition, "name");
        if (name === undefined) throw new Error("a multipart part has no name");
        parts.push({
            name,
            filename: param(disposition, "filename"),
            contentType: headers["content-type"],
            data: Buffer.from(body.subarray(headerEnd + 4, next)),
        });
        pos = next + 2;
    }
    return parts;
}

function parseHeaders(text: string): Record<string, string> {
    const out: Record<string, string> = {};
    for (const line of text.split("\r\n")) {
        const colon = line.indexOf(":");
        if (colon > 0) out[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
    }
    return out;
}

function param(header: string, key: string): string | undefined {
    const m = new RegExp(`(?:^|;)\\s*${key}=(?:"((?:[^"\\\\]|\\\\.)*)"|([^;]*))`, "i").exec(header);
    if (!m) return undefined;
    return m[1] !== undefined ? m[1].replace(/\\(.)/g, "$1") : m[2].trim();
}
