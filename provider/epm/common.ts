// What EPM kinds share: the confirmed collection paths, the name and description fields, the id a
// mutation answers with, lookup by name (the API has no name filter, U14: lists are read whole and
// matched here) and the shape of a refusal shown with what to do about it.
import type { ApiClient } from "../core/api-client";
import { ApiError } from "../core/errors";
import type { FieldSpec } from "../engine/fields";
import type { EpmConnection } from "./connection";
import type { ApiObject } from "./kind";

export const GROUPS = "/Groups";
export const POLICIES = "/Policies";

/** The simulator trims names and caps them at 256; a padded name would drift forever, so it is refused here. */
export function nameField(what: string): FieldSpec {
    return {
        api: "name",
        type: { kind: "string", min: 1, max: 256, pattern: /^\S(.*\S)?$/s, patternHint: "a name without leading or trailing spaces" },
        required: true,
        description: `The ${what}'s name, 1 to 256 characters, unique on the tenant (case-insensitively).`,
    };
}

export function descriptionField(what: string): FieldSpec {
    // No public source gives a length limit; the tenant's own refusal is shown if it has one.
    return { api: "description", type: { kind: "string" }, default: "", description: `What the ${what} is for; default "".` };
}

/** A mutation's reply: the new id as a JSON string (quotes already parsed), bare text, or the object findCreated found. */
export function replyId(reply: unknown): string | undefined {
    if (typeof reply === "string") return reply.replace(/^"|"$/g, "").trim().toLowerCase() || undefined;
    if (reply && typeof reply === "object") {
        const id = (reply as ApiObject).id;
        return typeof id === "string" ? id.toLowerCase() : undefined;
    }
    return undefined;
}

/** The object of a collection with this name (case-insensitive, as the tenant's uniqueness rule). */
export async function findByName(client: ApiClient<EpmConnection>, path: string, name: unknown): Promise<ApiObject | undefined> {
    const wanted = String(name).toLowerCase();
    const all = await client.listAll<ApiObject>(path);
    return all.find((o) => String(o.name ?? "").toLowerCase() === wanted);
}

/** Whether the API refused a request for a rule of its own (not a missing object, not a transport failure). */
export function isRefusal(err: unknown): err is ApiError {
    return err instanceof ApiError && (err.status === 400 || err.status === 409 || err.status === 422);
}

/** The API's refusal with what to do appended; still an ApiError of the same status, so callers can tell. */
export function withAdvice(err: ApiError, advice: string | undefined): ApiError {
    if (!advice) return err;
    const reason = err.apiMessage ? `${err.apiMessage.replace(/\.$/, "")}. ${advice}` : advice;
    return new ApiError(err.product, err.method, err.path, err.status, reason, err.fieldErrors);
}
