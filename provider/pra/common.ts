import { resolveConnection } from "../core/connection";
import { FieldSpec, ID_MAX } from "../engine/fields";
import type { ResourceSpec } from "../engine/spec";
import { PRA_API_PREFIX, praClient } from "./profile";

export { PRA_API_PREFIX } from "./profile";

/** Everything PRA/RS kinds share: where the API lives and how to reach it. */
export function praSpec(spec: Omit<ResourceSpec, "product" | "apiPrefix" | "resolveConnection" | "client">): ResourceSpec {
    return {
        ...spec,
        product: "PRA",
        apiPrefix: PRA_API_PREFIX,
        resolveConnection,
        client: (conn) => praClient(conn),
    };
}

/** The spec's CodeName schema: letters, digits, "_" and "-", at most 64 characters, unique. */
export function codeName(description: string): FieldSpec {
    return {
        api: "code_name",
        type: { kind: "string", min: 1, max: 64, pattern: /^[a-zA-Z0-9_-]+$/, patternHint: "letters, digits, _ and - only" },
        description,
    };
}

export function ref(api: string, description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
    return { api, type: { kind: "ref" }, description, ...extra };
}

export function text(api: string, min: number, max: number, description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
    return { api, type: { kind: "string", min, max }, description, ...extra };
}

export function flag(api: string, defaultValue: boolean, description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
    return { api, type: { kind: "bool" }, default: defaultValue, description, ...extra };
}

export function int(api: string, min: number, max: number, description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
    return { api, type: { kind: "int", min, max }, description, ...extra };
}

/** A list of strings (e-mail addresses, ids), as the specs' `type: array, items: string` fields. */
export function stringList(api: string, maxItems: number, description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
    return {
        api,
        type: {
            kind: "custom",
            describe: `a list of at most ${maxItems} strings`,
            parse: (v) =>
                Array.isArray(v) && v.length <= maxItems && v.every((s) => typeof s === "string")
                    ? { value: [...v] }
                    : { error: `must be a list of at most ${maxItems} strings` },
        },
        default: () => [],
        description,
        ...extra,
    };
}

export const ANY_ID = { min: 1, max: ID_MAX };

/** Keys used to find an object by name when adopting it. */
export const byName = (body: Record<string, unknown>) => ({ name: String(body.name) });

/** Unique names on the appliance: a replacement that keeps the name must delete the old object first. */
export const sameUniqueKey =
    (...keys: string[]) =>
    (olds: Record<string, unknown>, news: Record<string, unknown>) =>
        keys.some((k) => news[k] !== undefined && news[k] !== null && String(olds[k]).toLowerCase() === String(news[k]).toLowerCase());
