import { redact } from "../core/redact";
import type { ApiObject, ResourceSpec } from "./spec";

/**
 * Thrown by an ObjectApi when a multi-step create failed after the object came to exist (a grant
 * added but not provisioned). The engine turns it into Pulumi's "created but failed to initialize"
 * error, which keeps the id in state: nothing is orphaned, and the next `up` finishes the job.
 */
export class PartialCreateError extends Error {
    constructor(
        readonly id: string,
        readonly live: ApiObject,
        readonly cause: unknown,
    ) {
        super(cause instanceof Error ? cause.message : String(cause));
        this.name = "PartialCreateError";
    }
}

/** The shape the dynamic-provider plugin recognizes (id, properties, reasons) for ErrorResourceInitFailed. */
export class ResourceInitError extends Error {
    constructor(
        message: string,
        readonly id: string,
        readonly properties: Record<string, unknown>,
        readonly reasons: string[],
    ) {
        super(message);
        this.name = "ResourceInitError";
    }
}

export async function withResourceError<T>(
    spec: ResourceSpec,
    action: string,
    fn: () => Promise<T>,
    id?: string,
    outputsForPartial?: (live: ApiObject) => Record<string, unknown>,
): Promise<T> {
    try {
        return await fn();
    } catch (err) {
        const detail = redact(err instanceof Error ? err.message : String(err));
        const message = `${spec.title}${id ? ` ${id}` : ""}: could not ${action}: ${detail}`;
        if (err instanceof PartialCreateError && outputsForPartial) {
            throw new ResourceInitError(message, err.id, outputsForPartial(err.live), [detail]);
        }
        const wrapped = new Error(message);
        wrapped.name = err instanceof Error ? err.name : "Error";
        throw wrapped;
    }
}
