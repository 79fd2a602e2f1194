// Low-level request/response helpers shared by the API, the token endpoint and the control API.
import type { IncomingMessage, ServerResponse } from "node:http";
import { ApiError } from "./errors";

export const MAX_BODY_BYTES = 1024 * 1024;

export function readBody(req: IncomingMessage, limit = MAX_BODY_BYTES): Promise<Buffer> {
    return new Promise((resolve, reject) => {
        const declared = Number(req.headers["content-length"]);
        if (Number.isFinite(declared) && declared > limit) {
            reject(tooLarge(limit));
            return;
        }
        const chunks: Buffer[] = [];
        let size = 0;
        let failed = false;
        req.on("data", (chunk: Buffer) => {
            if (failed) return;
            size += chunk.length;
            if (size > limit) {
                failed = true;
                reject(tooLarge(limit));
                return;
            }
            chunks.push(chunk);
        });
        req.on("end", () => {
            if (!failed) resolve(Buffer.concat(chunks));
        });
        req.on("error", (err) => {
            if (!failed) {
                failed = true;
                reject(err);
            }
        });
    });
}

function tooLarge(limit: number): ApiError {
    // Connection: close because the rest of the oversized body is never read.
    return new ApiError(413, { message: `Request body exceeds ${limit} bytes.` }, { Connection: "close" });
}

/** Parses a request body that must be a JSON object; an empty body counts as `{}`. */
export function parseJsonObject(raw: Buffer): Record<string, unknown> {
    const text = raw.toString("utf8").trim();
    if (text === "") return {};
    let value: unknown;
    try {
        // "__proto__" keys would turn into prototype changes when merged with Object.assign.
        value = JSON.parse(text, (key, v) => (key === "__proto__" ? undefined : v));
    } catch {
        throw new ApiError(422, {
            message: "The request body is not valid JSON.",
            errors: { body: ["The request body must be a JSON object."] },
        });
    }
    if (value === null || typeof value !== "object" || Array.isArray(value)) {
        throw new ApiError(422, {
            message: "The request body must be a JSON object.",
            errors: { body: ["The request body must be a JSON object."] },
        });
    }
    return value as Record<string, unknown>;
}

/** Sends a JSON body; a Buffer body goes out as is (file downloads), as application/octet-stream unless headers say otherwise. */
export function sendJson(res: ServerResponse, status: number, body: unknown, headers: Record<string, string | number | string[]> = {}): void {
    if (res.headersSent || res.destroyed) return;
    const bytes = Buffer.isBuffer(body);
    const text: string | Buffer = bytes ? body : body === undefined ? "" : JSON.stringify(body);
    for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
    if (text.length > 0 && !res.hasHeader("Content-Type")) res.setHeader("Content-Type", bytes ? "application/octet-stream" : "application/json");
    if (status !== 204) res.setHeader("Content-Length", Buffer.byteLength(text));
    res.statusCode = status;
    // Node drops the body itself for HEAD requests while keeping Content-Length.
    res.end(status === 204 ? undefined : text);
}

/** Route key for counters: numeric path segments become {id}. */
export function routeKey(method: string, path: string): string {
    const normalized = path
        .split("/")
        .map((seg) => (/^\d+$/.test(seg) ? "{id}" : seg))
        .join("/");
    return `${method} ${normalized || "/"}`;
}
