// What a route handler sees and returns. Handlers are synchronous and never touch sockets, so
// faults, latency, counters and rate limits stay in one place (the server pipeline).
import { Params } from "./router";

export interface ApiRequest {
    method: string;
    /** Path below the API prefix, e.g. "/jumpoint/3". */
    path: string;
    params: Params;
    query: URLSearchParams;
    /** The JSON object body; throws the 422 error for malformed JSON. */
    body(): Record<string, unknown>;
    /** Absolute URL of the API prefix, for Location and Link headers. */
    baseUrl: string;
}

export interface ApiResponse {
    status: number;
    body?: unknown;
    headers?: Record<string, string>;
    /** True when the request changed state (counted as a write and persisted). */
    wrote?: boolean;
}

export type ApiHandler = (req: ApiRequest) => ApiResponse;
