// How Password Safe reads what clients send: property and query names case-insensitively (PY's
// move_secrets sends lowercase keys, password-safe-clients.md §0 #16), booleans as .NET parses
// them (PY sends Python's True/False), and a zero GUID as "not given" (GO never omits a
// uuid.UUID, §0 #10). Everything here returns plain values or throws a 400.
import { badRequest } from "./errors";

export const ZERO_GUID = "00000000-0000-0000-0000-000000000000";
const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A JSON object whose keys can be read in any casing. */
export class Fields {
    private readonly byLower = new Map<string, unknown>();

    constructor(obj: Record<string, unknown>) {
        for (const [k, v] of Object.entries(obj)) this.byLower.set(k.toLowerCase(), v);
    }

    static parse(raw: Buffer | string): Fields {
        const text = raw.toString().trim();
        if (text === "") return new Fields({});
        let value: unknown;
        try {
            value = JSON.parse(text, (key, v) => (key === "__proto__" ? undefined : v));
        } catch {
            throw badRequest("The request body is not valid JSON");
        }
        if (value === null || typeof value !== "object" || Array.isArray(value)) throw badRequest("The request body must be a JSON object");
        return new Fields(value as Record<string, unknown>);
    }

    has(name: string): boolean {
        const v = this.byLower.get(name.toLowerCase());
        return v !== undefined && v !== null;
    }

    raw(name: string): unknown {
        return this.byLower.get(name.toLowerCase());
    }

    /** A string of at most `max` characters; `required` also refuses "". */
    string(name: string, opts: { required?: boolean; max: number; min?: number }): string | undefined {
        const v = this.raw(name);
        if (v === undefined || v === null) {
            if (opts.required) throw badRequest(`${name} is required`);
            return undefined;
        }
        if (typeof v !== "string") throw badRequest(`${name} must be a string`);
        if (opts.required && v === "") throw badRequest(`${name} is required`);
        if (v.length > opts.max) throw badRequest(`${name} must be at most ${opts.max} characters`);
        if (opts.min !== undefined && v.length < opts.min) throw badRequest(`${name} must be at least ${opts.min} characters`);
        return v;
    }

    integer(name: string, min: number, max: number): number | undefined {
        const v = this.raw(name);
        if (v === undefined || v === null) return undefined;
        const n = typeof v === "string" && /^-?\d+$/.test(v) ? Number(v) : v;
        if (typeof n !== "number" || !Number.isInteger(n) || n < min || n > max) throw badRequest(`${name} must be an integer from ${min} to ${max}`);
        return n;
    }

    /** A GUID, lowercased; a zero GUID, null or absence is undefined. */
    guid(name: string): string | undefined {
        const v = this.raw(name);
        if (v === undefined || v === null || v === "") return undefined;
        if (typeof v !== "string" || !GUID.test(v)) throw badRequest(`${name} must be a GUID`);
        const id = v.toLowerCase();
        return id === ZERO_GUID ? undefined : id;
    }

    /** An array of objects, each readable case-insensitively. */
    objects(name: string): Fields[] | undefined {
        const v = this.raw(name);
        if (v === undefined || v === null) return undefined;
        if (!Array.isArray(v)) throw badRequest(`${name} must be an array`);
        return v.map((item, i) => {
            if (item === null || typeof item !== "object" || Array.isArray(item)) throw badRequest(`${name}[${i}] must be an object`);
            return new Fields(item as Record<string, unknown>);
        });
    }
}

/** Query parameters by name in any casing (the first value wins). */
export class Query {
    private readonly byLower = new Map<string, string>();

    constructor(q: URLSearchParams) {
        for (const [k, v] of q) if (!this.byLower.has(k.toLowerCase())) this.byLower.set(k.toLowerCase(), v);
    }

    get(name: string): string | undefined {
        return this.byLower.get(name.toLowerCase());
    }

    /** true/false in any casing (PY sends True/False), 1/0; absent or "" is the default. */
    bool(name: string, fallback: boolean): boolean {
        const v = this.get(name);
        if (v === undefined || v === "") return fallback;
        const l = v.toLowerCase();
        if (l === "true" || l === "1") return true;
        if (l === "false" || l === "0") return false;
        throw badRequest(`${name} must be true or false`);
    }

    integer(name: string, fallback: number, min: number): number {
        const v = this.get(name);
        if (v === undefined || v === "") return fallback;
        if (!/^\d+$/.test(v) || Number(v) < min || Number(v) > 2147483647) throw badRequest(`${name} must be an integer from ${min} to 2147483647`);
        return Number(v);
    }
}

export function isGuid(s: string): boolean {
    return GUID.test(s);
}

/** limit (default 1000, at least 1) and offset (at least 0), as every Password Safe list takes them. */
export function page<T>(items: T[], q: Query): T[] {
    const limit = q.integer("limit", 1000, 1);
    const offset = q.integer("offset", 0, 0);
    return items.slice(offset, offset + limit);
}
