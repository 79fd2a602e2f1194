// The one validator behind every write: it reads a kind's field table and enforces, in this
// order, unknown fields (401, as the spec says), then per-field type/length/enum/pattern/range,
// immutable fields, required fields, uniqueness and references (all 422). Read-only fields in a
// body are dropped unread, as live appliances do (the vendor's Terraform provider sends
// `connected` and `last_checkout_timestamp: null` on every write; clients PATCH back what they read).
import { ErrorBag, unprocessable, unrecognized } from "../core/errors";
import { Field, FieldTable, Obj, Product, own } from "./fields";

export interface Lookup {
    get(kind: string, id: number): Obj | undefined;
    all(kind: string): Obj[];
}

export type Mode = "create" | "update";

export function tableFor(table: FieldTable, product: Product): FieldTable {
    const out: FieldTable = {};
    for (const [name, f] of Object.entries(table)) if (!f.products || f.products.includes(product)) out[name] = f;
    return out;
}

/**
 * Validates a request body against a table and returns the object to store: on create the body
 * plus defaults, on update the existing object with the body merged in.
 */
export function validateWrite(opts: {
    kind: string;
    table: FieldTable;
    product: Product;
    body: Obj;
    mode: Mode;
    existing?: Obj;
    lookup: Lookup;
    /** Fields the caller fills itself (path parameters of grants). */
    preset?: Obj;
}): Obj {
    const { kind, mode, existing, lookup, product } = opts;
    const table = tableFor(opts.table, product);

    const unknown = Object.keys(opts.body).filter((k) => !own(table, k));
    if (unknown.length > 0) throw unrecognized("field", unknown);
    const body = writableFields(table, opts.body);

    const errors: ErrorBag = Object.create(null);
    const add = (field: string, msg: string) => (errors[field] ??= []).push(msg);

    for (const [name, value] of Object.entries(body)) {
        const f = own(table, name)!;
        for (const msg of checkValue(name, f, value, product)) add(name, msg);
        if (mode === "update" && f.immutable && existing && !sameValue(existing[name], value)) {
            add(name, `The ${name} cannot be changed after creation.`);
        }
    }

    if (mode === "create") {
        for (const [name, f] of Object.entries(table)) {
            if (f.required && body[name] === undefined && opts.preset?.[name] === undefined) add(name, `The ${name} field is required.`);
        }
    }
    if (Object.keys(errors).length > 0) throw unprocessable(errors);

    const result: Obj = mode === "update" && existing ? { ...existing, ...body } : { ...opts.preset, ...body };
    if (mode === "create") applyDefaults(table, result);

    for (const [name, f] of Object.entries(table)) {
        const v = result[name];
        if (f.requiredWhen?.(result) && (v === undefined || v === null || v === "")) add(name, `The ${name} field is required.`);
    }
    for (const [name, f] of Object.entries(table)) {
        const touched = mode === "create" || Object.prototype.hasOwnProperty.call(body, name);
        if (!touched) continue;
        const value = result[name];
        if (f.unique && value !== undefined && value !== null && !(f.unique === "nonEmpty" && value === "")) {
            const clash = lookup.all(kind).some((o) => o.id !== result.id && typeof o[name] === typeof value && fold(o[name]) === fold(value));
            if (clash) add(name, `The ${name} has already been taken.`);
        }
        if (f.ref && value !== undefined && value !== null && !(f.ref.zeroMeansNone && value === 0)) {
            if (f.ref.when && !f.ref.when(result)) continue;
            const target = typeof value === "number" ? lookup.get(f.ref.kind, value) : undefined;
            if (!target) add(name, `The ${name} does not refer to an existing ${f.ref.kind} object.`);
            else if (f.ref.accepts && !f.ref.accepts(target)) add(name, `The ${name} refers to an object of the wrong type.`);
        }
    }
    if (Object.keys(errors).length > 0) throw unprocessable(errors);
    return result;
}

/** The body without its read-only fields: they are ignored whatever their value (null included). */
export function writableFields(table: FieldTable, body: Obj): Obj {
    const out: Obj = {};
    for (const [name, value] of Object.entries(body)) if (!own(table, name)?.readOnly) out[name] = value;
    return out;
}

export function applyDefaults(table: FieldTable, obj: Obj): void {
    for (const [name, f] of Object.entries(table)) {
        if (obj[name] !== undefined || f.default === undefined) continue;
        obj[name] = typeof f.default === "function" ? (f.default as (o: Obj) => unknown)(obj) : f.default;
    }
}

/** Type and constraint messages for one value; also used for query filters. */
export function checkValue(name: string, f: Field, value: unknown, product: Product): string[] {
    const out = checkType(name, f, value, product);
    if (out.length === 0 && f.check && value !== null) out.push(...f.check(value).map((m) => `The ${name} ${m}`));
    return out;
}

function checkType(name: string, f: Field, value: unknown, product: Product): string[] {
    if (value === null) return f.nullable ? [] : [`The ${name} field must not be null.`];
    switch (f.type) {
        case "string": {
            if (typeof value !== "string") return [`The ${name} must be a string.`];
            const out: string[] = [];
            const len = [...value].length;
            if (f.minLength !== undefined && len < f.minLength) out.push(`The ${name} must be at least ${f.minLength} characters.`);
            if (f.maxLength !== undefined && len > f.maxLength) out.push(`The ${name} must not be greater than ${f.maxLength} characters.`);
            const allowed = f.enumByProduct?.[product] ?? f.enum;
            if (allowed && !allowed.includes(value)) out.push(`The selected ${name} is invalid.`);
            if (f.pattern && !new RegExp(f.pattern).test(value)) out.push(`The ${name} format is invalid.`);
            return out;
        }
        case "integer": {
            // The spec: integers must be JSON numbers, never strings holding a number.
            if (typeof value !== "number" || !Number.isInteger(value)) return [`The ${name} must be an integer.`];
            if ((f.minimum !== undefined && value < f.minimum) || (f.maximum !== undefined && value > f.maximum)) {
                return [`The ${name} must be between ${f.minimum ?? "-inf"} and ${f.maximum ?? "inf"}.`];
            }
            return [];
        }
        case "boolean":
            return typeof value === "boolean" ? [] : [`The ${name} field must be true or false.`];
        case "array": {
            if (!Array.isArray(value)) return [`The ${name} must be an array.`];
            const out: string[] = [];
            if (f.minItems !== undefined && value.length < f.minItems) out.push(`The ${name} must have at least ${f.minItems} items.`);
            if (f.maxItems !== undefined && value.length > f.maxItems) out.push(`The ${name} must not have more than ${f.maxItems} items.`);
            if (f.items) value.forEach((item, i) => out.push(...checkValue(`${name}.${i}`, f.items!, item, product)));
            return out;
        }
        case "object": {
            if (typeof value !== "object" || Array.isArray(value)) return [`The ${name} must be an object.`];
            const out: string[] = [];
            const props = f.properties ?? {};
            for (const [k, v] of Object.entries(value as Obj)) {
                const prop = own(props, k);
                if (!prop) out.push(`The ${name}.${k} field is not recognized.`);
                else out.push(...checkValue(`${name}.${k}`, prop, v, product));
            }
            for (const [k, prop] of Object.entries(props)) {
                if (prop.required && (value as Obj)[k] === undefined) out.push(`The ${name}.${k} field is required.`);
            }
            return out;
        }
    }
}

function fold(v: unknown): unknown {
    return typeof v === "string" ? v.toLowerCase() : v;
}

function sameValue(a: unknown, b: unknown): boolean {
    return JSON.stringify(a) === JSON.stringify(b);
}
