// The vocabulary of the per-kind field tables. A table is plain data: a reader can check each row
// against the official spec's schema for that object, and the one generic validator (validator.ts)
// and the one generic CRUD (crud.ts) are the only code that interprets it.

export type Product = "pra" | "rs";
export type Obj = Record<string, unknown>;

export interface Reference {
    /** Collection the id points into. */
    kind: string;
    /** What happens to this object when the referenced one is deleted. */
    onDelete: "cascade" | "nullify" | "reassign";
    /** For "reassign": the id the field falls back to. */
    reassignTo?: number;
    /** 0 is a legal "none" value (grant roles and policies), not a dangling reference. */
    zeroMeansNone?: boolean;
    /** The reference only applies when this holds (e.g. personal jump items point at users). */
    when?: (obj: Obj) => boolean;
    /** Extra acceptance rule on the target (e.g. an RDP service account must be a generic account). */
    accepts?: (target: Obj) => boolean;
}

export interface Field {
    type: "string" | "integer" | "boolean" | "array" | "object";
    required?: boolean;
    nullable?: boolean;
    minLength?: number;
    maxLength?: number;
    pattern?: string;
    enum?: readonly string[];
    /** Where the products' specs list different enum values for the same field. */
    enumByProduct?: Partial<Record<Product, readonly string[]>>;
    minimum?: number;
    maximum?: number;
    minItems?: number;
    maxItems?: number;
    items?: Field;
    properties?: Record<string, Field>;
    /** Filled on create when the field is absent; a function sees the object being created. */
    default?: unknown | ((draft: Obj) => unknown);
    readOnly?: boolean;
    /** Stored, never returned by the public API. */
    writeOnly?: boolean;
    /** Accepted on create, refused with 422 on PATCH when it would change. */
    immutable?: boolean;
    /** "always": no two objects share the value; "nonEmpty": only non-empty values must be unique. */
    unique?: "always" | "nonEmpty";
    ref?: Reference;
    /** Only these products have the field (the RS spec drops several PRA fields). */
    products?: Product[];
    /** Required when this holds for the object being written (the spec's "required when tunnel_type is ..."). */
    requiredWhen?: (obj: Obj) => boolean;
    /** Rules the vocabulary above cannot say (a oneOf, a range's order): the messages for a bad value. */
    check?: (value: unknown) => string[];
}

export type FieldTable = Record<string, Field>;

/** Own-property lookup: client-chosen keys such as "constructor" must never hit Object.prototype. */
export function own<T>(rec: Record<string, T> | undefined, key: string): T | undefined {
    return rec && Object.prototype.hasOwnProperty.call(rec, key) ? rec[key] : undefined;
}

// Builders keep the tables one line per field.
export const INT32_MAX = 2147483647;
// Character for character the spec's pattern; its doubled backslash also admits a backslash.
export const CODE_NAME_PATTERN = "^[a-zA-Z0-9_\\\\-]+$";

export const id = (): Field => ({ type: "integer", minimum: 1, maximum: INT32_MAX, readOnly: true });
export const str = (minLength: number, maxLength: number, extra: Partial<Field> = {}): Field => ({
    type: "string",
    minLength,
    maxLength,
    ...extra,
});
export const int = (minimum: number, maximum: number, extra: Partial<Field> = {}): Field => ({
    type: "integer",
    minimum,
    maximum,
    ...extra,
});
export const bool = (dflt?: boolean, extra: Partial<Field> = {}): Field => ({
    type: "boolean",
    ...(dflt === undefined ? {} : { default: dflt }),
    ...extra,
});
export const oneOf = (values: readonly string[], extra: Partial<Field> = {}): Field => ({
    type: "string",
    enum: values,
    ...extra,
});
export const codeName = (extra: Partial<Field> = {}): Field => str(0, 64, { pattern: CODE_NAME_PATTERN, ...extra });
export const stringList = (maxItems?: number): Field => ({
    type: "array",
    items: { type: "string" },
    default: () => [],
    ...(maxItems === undefined ? {} : { minItems: 0, maxItems }),
});

/** Query filters of a list: which object field each matches, and how the raw value is typed. */
export interface Filter {
    field: Field;
    /** Object field compared against; defaults to the filter's name. */
    target?: string;
    /** Parameters the spec lists but the simulator's objects never match (e.g. jumpoint node IPs). */
    neverMatches?: boolean;
    /** Parameters that only change visibility (include_personal): accepted and validated, not compared. */
    ignore?: boolean;
}

export interface Kind {
    /** The public path below /api/config/v1 and the collection name in state dumps. */
    path: string;
    /** Human name used in messages. */
    title: string;
    /** Only these products serve the kind at all (Web Jump is absent from the RS spec). */
    products?: Product[];
    fields: FieldTable;
    /** Objects of this kind have a type-specific table chosen by this field (vault accounts). */
    variants?: { by: string; tables: Record<string, FieldTable> };
    operations: Array<"list" | "create" | "read" | "update" | "delete">;
    /** Whether the spec marks the list paginated. */
    paginated: boolean;
    filters: Record<string, Filter>;
    /** Read-only values computed from the stored object (never from secrets in a visible way). */
    derive?: (obj: Obj, product: Product) => void;
    /**
     * Read-only sub-resources, GET /{path}/{id}/{name} (a jump policy's schedule): each answers from
     * the stored object. What they hold is set through the control API, as the console would.
     */
    subresources?: Record<string, (obj: Obj, product: Product) => unknown>;
    /**
     * Parts of an object answered only by the POST that made it, never by a read or a list (an
     * installer's key): property → its sub-properties left out afterwards.
     */
    onlyInCreateAnswer?: Record<string, string[]>;
    /** Refuses deleting special objects; returns the 422 message. */
    protectDelete?: (obj: Obj) => string | undefined;
}
