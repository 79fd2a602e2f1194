import { redact } from "./redact";

import type { Product } from "./product";
export type { Product } from "./product";

/**
 * What an appliance's error body says, per product: PRA/RS answer `{message, errors: {field: [..]}}`,
 * Password Safe a bare JSON string ("Secret not found").
 */
export interface ErrorDetail {
    message?: string;
    fields: Record<string, string[]>;
}
export type ErrorParser = (status: number, body: unknown) => ErrorDetail;

/** An error answered by the appliance, carrying what a user needs to act on it. */
export class ApiError extends Error {
    constructor(
        readonly product: Product,
        readonly method: string,
        readonly path: string,
        readonly status: number,
        readonly apiMessage: string | undefined,
        readonly fieldErrors: Record<string, string[]> = {},
    ) {
        super(redact(formatApiError(product, method, path, status, apiMessage, fieldErrors)));
        this.name = "ApiError";
    }
}

/** A request whose outcome is unknown or that never got an answer (network, timeouts, retries exhausted). */
export class TransportError extends Error {
    constructor(
        readonly product: Product,
        readonly method: string,
        readonly path: string,
        readonly reason: string,
    ) {
        super(redact(`${product} ${method} ${path}: ${reason}`));
        this.name = "TransportError";
    }
}

/** Credentials refused or the appliance's certificate untrusted: retrying cannot help, only configuration. */
export class AuthError extends Error {
    constructor(
        readonly product: Product,
        message: string,
    ) {
        super(redact(`${product}: ${message}`));
        this.name = "AuthError";
    }
}

function formatApiError(
    product: Product,
    method: string,
    path: string,
    status: number,
    apiMessage: string | undefined,
    fieldErrors: Record<string, string[]>,
): string {
    let text = `${product} ${method} ${path} failed with HTTP ${status}`;
    if (apiMessage) {
        text += `: ${apiMessage}`;
    }
    const fields = Object.entries(fieldErrors);
    if (fields.length > 0) {
        text += ` (${fields.map(([f, msgs]) => `${f}: ${msgs.join("; ")}`).join(", ")})`;
    }
    return text;
}

export function isNotFound(err: unknown): boolean {
    return err instanceof ApiError && err.status === 404;
}
