// got is ESM-only; Node >= 20.19 loads it with require(). It is loaded lazily, on the first call,
// so nothing holds a got instance at module level (one could not be serialized, and most processes
// that import the SDK never make a call). Only the few options used here are typed.
import * as http from "http";
import * as https from "https";

interface GotResponse {
    statusCode: number;
    headers: Record<string, string | string[] | undefined>;
    body: string | Buffer;
}
type Got = (url: string, options: Record<string, unknown>) => Promise<GotResponse>;

let got: Got | undefined;

function loadGot(): Got {
    if (!got) {
        got = (require("got") as { default: Got }).default;
    }
    return got;
}

export interface RawResponse {
    status: number;
    headers: Record<string, string | string[] | undefined>;
    /** The body as text (UTF-8); for a binary request, the same bytes decoded (use `bytes`). */
    body: string;
    /** The body's bytes, on requests sent with `binary` (file downloads). */
    bytes?: Buffer;
}

export interface RawRequest {
    method: string;
    url: string;
    headers: Record<string, string>;
    /** JSON or form text, or the bytes of a multipart body (see multipart.ts). */
    body?: string | Buffer;
    /** Keep the response's bytes (a file download) instead of only its text. */
    binary?: boolean;
    timeoutMs: number;
    caPem?: string;
    insecure: boolean;
    agents: { http: http.Agent; https: https.Agent };
}

/** One HTTP exchange, no retries and no status interpretation: policy lives in the API client. */
export async function send(req: RawRequest): Promise<RawResponse> {
    const res = await loadGot()(req.url, {
        method: req.method,
        headers: req.headers,
        body: req.body,
        throwHttpErrors: false,
        retry: { limit: 0 },
        followRedirect: false,
        responseType: req.binary ? "buffer" : "text",
        timeout: { request: req.timeoutMs },
        agent: { http: req.agents.http, https: req.agents.https },
        https: {
            certificateAuthority: req.caPem,
            rejectUnauthorized: !req.insecure,
        },
    });
    if (Buffer.isBuffer(res.body)) return { status: res.statusCode, headers: res.headers, body: res.body.toString("utf8"), bytes: res.body };
    return { status: res.statusCode, headers: res.headers, body: res.body };
}

export function keepAliveAgents(): { http: http.Agent; https: https.Agent } {
    // Keep-alive saves a TCP (and TLS) handshake per call, which at 20 req/s is most of the latency.
    return {
        http: new http.Agent({ keepAlive: true, maxSockets: 16 }),
        https: new https.Agent({ keepAlive: true, maxSockets: 16 }),
    };
}

/** Network failures where the request certainly never reached the server, so any method may be resent. */
export function neverSent(err: unknown): boolean {
    const code = (err as { code?: string })?.code;
    return code === "ECONNREFUSED" || code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "ERR_INVALID_URL";
}

const TLS_TRUST_CODES = new Set([
    "DEPTH_ZERO_SELF_SIGNED_CERT",
    "SELF_SIGNED_CERT_IN_CHAIN",
    "UNABLE_TO_VERIFY_LEAF_SIGNATURE",
    "UNABLE_TO_GET_ISSUER_CERT_LOCALLY",
    "CERT_HAS_EXPIRED",
    "ERR_TLS_CERT_ALTNAME_INVALID",
]);

/** The appliance's certificate is not trusted: no retry can fix that, only configuration. */
export function untrustedCertificate(err: unknown): boolean {
    return TLS_TRUST_CODES.has((err as { code?: string })?.code ?? "");
}

export function certificateAdvice(err: unknown): string {
    return (
        `the appliance's TLS certificate is not trusted (${describeNetworkError(err)}). ` +
        "Give its CA with caFile / caCert (config beyondtrust:caFile, env BT_CA_FILE), or set insecure for a lab appliance."
    );
}

export function describeNetworkError(err: unknown): string {
    const e = err as { code?: string; message?: string };
    return e.code ? `${e.code}: ${e.message ?? ""}`.trim() : String(e?.message ?? err);
}

export function header(res: RawResponse, name: string): string | undefined {
    const v = res.headers[name.toLowerCase()];
    return Array.isArray(v) ? v[0] : v;
}
