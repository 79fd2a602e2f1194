// The vocabulary a resource spec is written in: plain data describing each property (its API name,
// type and limits, default, and how changes apply). Validation (zod) and API mapping are derived from
// it here, once, for every kind.
import type { ConfigApiProduct } from "../core/product";
import type { ZodType } from "zod";

export type FieldType =
    | { kind: "string"; min?: number; max?: number; pattern?: RegExp; patternHint?: string }
    | { kind: "int"; min?: number; max?: number }
    /** An id of another object. Pulumi ids are strings, so "12" and 12 both mean object 12. */
    | { kind: "ref"; min?: number }
    /** An id of another object on APIs whose ids are GUIDs (Password Safe); the zero GUID means unset and is refused. */
    | { kind: "guid" }
    | { kind: "bool" }
    | { kind: "enum"; values: readonly string[] }
    /**
     * A structured value (a list of port pairs, filter rules, ...): `describe` says what it must be,
     * `parse` returns the normalized value or the reason it is refused. Plain functions, no schema
     * objects, so a spec stays serializable data.
     */
    | { kind: "custom"; describe: string; parse: (value: unknown) => { value: unknown } | { error: string } };

/**
 * How a property's value and the API's differ in shape (e.g. `[{localPort, remotePort}]` and
 * "22;24"): toApi for request bodies, fromApi for what the API returns. Both must be pure.
 */
export interface FieldCodec {
    toApi(value: unknown): unknown;
    fromApi(value: unknown): unknown;
}

export interface FieldSpec {
    /** The API's snake_case name. */
    api: string;
    type: FieldType;
    required?: boolean;
    /** The API accepts null to clear the value. */
    nullable?: boolean;
    /** Applied by check when the program leaves the property out, so state and diffs are explicit. */
    default?: unknown | ((inputs: Record<string, unknown>) => unknown);
    /** The API cannot change it after create: a change replaces the object. */
    replaceOnChange?: boolean;
    /**
     * A reference whose object, when deleted, takes this one with it (the appliance cascades). When
     * the referenced object is being replaced, its new id is unknown to the plan, and this object is
     * replaced too: otherwise it would be updated after the cascade had already deleted it. A move to
     * another existing object (a known id) is still an in-place update.
     */
    diesWithReference?: boolean;
    /**
     * For a ref: the kinds whose objects the id names (several when they share a collection, as
     * vault accounts do). The importer writes such a value as a reference to that resource.
     */
    refTo?: readonly string[] | ((live: Record<string, unknown>) => readonly string[]);
    /** Write-only on the API and secret in state; never read back, so drift is not detectable. */
    secret?: boolean;
    /** Only some products have it (e.g. PRA-only fields absent from Remote Support). */
    products?: ReadonlyArray<ConfigApiProduct>;
    /** Sent on create only; PATCH leaves it alone (the value keeps what create set). */
    createOnly?: boolean;
    /** Property and API value differ in shape (see FieldCodec); absent: the same value. */
    codec?: FieldCodec;
    description: string;
}

export type FieldTable = Record<string, FieldSpec>;

/** Pulumi's marker for a value not known until apply; appears in check and diff during preview. */
export const UNKNOWN = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";

export function isUnknown(v: unknown): boolean {
    return v === UNKNOWN;
}

/** Whether an unknown value hides anywhere inside a list or object (Pulumi resolves them at apply). */
export function containsUnknown(v: unknown): boolean {
    if (isUnknown(v)) return true;
    if (Array.isArray(v)) return v.some(containsUnknown);
    if (v !== null && typeof v === "object") return Object.values(v).some(containsUnknown);
    return false;
}

export const ID_MAX = 2147483647;

export const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
export const ZERO_GUID = "00000000-0000-0000-0000-000000000000";

function zod(): typeof import("zod") {
    // Required lazily: zod schema objects cannot be captured by Pulumi's closure serializer.
    return require("zod");
}

export function describeType(t: FieldType): string {
    switch (t.kind) {
        case "string": {
            const parts = [];
            if (t.min !== undefined && t.max !== undefined) parts.push(`${t.min} to ${t.max} characters`);
            else if (t.max !== undefined) parts.push(`at most ${t.max} characters`);
            if (t.patternHint) parts.push(t.patternHint);
            return `a string${parts.length ? ` of ${parts.join(", ")}` : ""}`;
        }
        case "int":
            return `a whole number from ${t.min ?? "-∞"} to ${t.max ?? "∞"}`;
        case "ref":
            return "an object id (a positive whole number, or the id output of another resource)";
        case "guid":
            return 'an object id, a GUID such as "5f2c...-..." (or the id output of another resource)';
        case "bool":
            return "true or false";
        case "enum":
            return `one of ${t.values.map((v) => JSON.stringify(v)).join(", ")}`;
        case "custom":
            return t.describe;
    }
}

/** Built once per field type, on first use (never at module load: see zod() above). */
const schemas = new WeakMap<FieldType, ZodType>();

function schemaFor(t: FieldType): ZodType {
    let schema = schemas.get(t);
    if (!schema) {
        schema = buildSchema(t);
        schemas.set(t, schema);
    }
    return schema;
}

function buildSchema(t: FieldType): ZodType {
    const { z } = zod();
    switch (t.kind) {
        case "string": {
            let s = z.string({ error: "must be a string" });
            if (t.min !== undefined) s = s.min(t.min, { error: t.min === 1 ? "must not be empty" : `must be at least ${t.min} characters` });
            if (t.max !== undefined) s = s.max(t.max, { error: `must be at most ${t.max} characters` });
            if (t.pattern) s = s.regex(t.pattern, { error: `must match ${t.patternHint ?? t.pattern.source}` });
            return s;
        }
        case "int": {
            const expected = `must be ${describeType(t)}`;
            return z
                .number({ error: expected })
                .int({ error: expected })
                .min(t.min ?? -ID_MAX - 1, { error: expected })
                .max(t.max ?? ID_MAX, { error: expected });
        }
        case "ref":
            return z.union([z.number(), z.string()], { error: "must be an object id" }).transform((v, ctx) => {
                const n = typeof v === "number" ? v : /^\d+$/.test(v.trim()) ? Number(v.trim()) : NaN;
                const min = t.min ?? 1;
                if (!Number.isInteger(n) || n < min || n > ID_MAX) {
                    ctx.addIssue({ code: "custom", message: `must be an object id from ${min} to ${ID_MAX}` });
                    return z.NEVER;
                }
                return n;
            });
        case "guid":
            return z.string({ error: "must be an object id (a GUID string)" }).transform((v, ctx) => {
                const text = v.trim().toLowerCase();
                if (!GUID.test(text) || text === ZERO_GUID) {
                    ctx.addIssue({ code: "custom", message: 'must be a GUID such as "0f8fad5b-d9cb-469f-a165-70867728950e" (not the zero GUID)' });
                    return z.NEVER;
                }
                return text;
            });
        case "bool":
            return z.boolean({ error: "must be true or false" });
        case "enum":
            return z.enum(t.values as [string, ...string[]], { error: `must be ${describeType(t)}` });
        case "custom":
            return z.unknown().transform((v, ctx) => {
                // A list built from other resources' outputs can hold unknowns during preview.
                if (containsUnknown(v)) return v;
                const r = t.parse(v);
                if ("error" in r) {
                    ctx.addIssue({ code: "custom", message: r.error });
                    return z.NEVER;
                }
                return r.value;
            });
    }
}

export interface Failure {
    property: string;
    reason: string;
}

/**
 * Validate and normalize one property. Returns the normalized value (refs become numbers) or a
 * failure. Unknown values pass through untouched: they are checked again when known, at apply time.
 */
export function checkField(name: string, spec: FieldSpec, value: unknown): { value?: unknown; failure?: Failure } {
    if (isUnknown(value)) return { value };
    if (value === undefined) {
        return spec.required ? { failure: { property: name, reason: `is required: ${spec.description}` } } : { value };
    }
    if (value === null) {
        return spec.nullable || !spec.required
            ? { value: spec.nullable ? null : undefined }
            : { failure: { property: name, reason: "is required and cannot be null" } };
    }
    const result = schemaFor(spec.type).safeParse(value);
    if (!result.success) {
        const reason = [...new Set(result.error.issues.map((i) => i.message))].join("; ");
        // A secret's value must not reach a failure message (the CLI prints and logs them).
        const shown = spec.secret ? "" : `, not ${preview(value)}`;
        return { failure: { property: name, reason: `${reason}${shown}` } };
    }
    return { value: result.data };
}

/** A value as a failure message shows it. NaN and the infinities are named: JSON would say "null". */
export function preview(value: unknown): string {
    if (typeof value === "number" && !Number.isFinite(value)) return String(value);
    let text: string;
    try {
        text = JSON.stringify(value) ?? String(value);
    } catch {
        text = Object.prototype.toString.call(value);
    }
    return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

export function defaultFor(spec: FieldSpec, inputs: Record<string, unknown>): unknown {
    return typeof spec.default === "function" ? (spec.default as (i: Record<string, unknown>) => unknown)(inputs) : spec.default;
}

/** Deep equality for JSON-like values, treating undefined and absent alike. */
export function sameValue(a: unknown, b: unknown): boolean {
    if (a === b) return true;
    if (a === undefined || b === undefined || a === null || b === null) return (a ?? null) === (b ?? null);
    if (typeof a !== typeof b) return false;
    if (Array.isArray(a) && Array.isArray(b)) {
        return a.length === b.length && a.every((v, i) => sameValue(v, b[i]));
    }
    if (typeof a === "object") {
        const ao = a as Record<string, unknown>;
        const bo = b as Record<string, unknown>;
        const keys = new Set([...Object.keys(ao), ...Object.keys(bo)]);
        return [...keys].every((k) => sameValue(ao[k], bo[k]));
    }
    return false;
}
