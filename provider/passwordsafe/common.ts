// What every Password Safe kind shares: the Secrets Safe paths, field shorthands, and the
// owner and URL shapes (API 3.1: Owners [{UserId, GroupId, Name, Email}], Urls [{Id, CredentialId, Url}]).
import type { FieldSpec } from "../engine/fields";

export const SAFES = "/secrets-safe/safes";
export const FOLDERS = "/secrets-safe/folders";
export const SECRETS = "/secrets-safe/secrets";

export function text(api: string, min: number, max: number, description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
    return { api, type: { kind: "string", min, max }, description, ...extra };
}

export function guid(api: string, description: string, extra: Partial<FieldSpec> = {}): FieldSpec {
    return { api, type: { kind: "guid" }, description, ...extra };
}

export interface Owner {
    userId?: number;
    groupId?: number;
    name?: string;
    email?: string;
}

const OWNER_KEYS = ["userId", "groupId", "name", "email"];

/** Owners as a program writes them; each names a user or a group (ids 1 to 2147483647). */
export const owners: FieldSpec = {
    api: "Owners",
    type: {
        kind: "custom",
        describe: "a list of owners [{userId} or {groupId}, with optional name and email]",
        parse(value) {
            if (!Array.isArray(value)) return { error: "must be a list of owners [{userId} or {groupId}, ...]" };
            const out: Owner[] = [];
            for (const [i, o] of value.entries()) {
                if (typeof o !== "object" || o === null || Array.isArray(o)) return { error: `[${i}] must be an object {userId} or {groupId}` };
                const r = o as Record<string, unknown>;
                const extra = Object.keys(r).filter((k) => !OWNER_KEYS.includes(k));
                if (extra.length)
                    return { error: `[${i}] has ${extra.map((k) => JSON.stringify(k)).join(", ")}: an owner has only userId, groupId, name and email` };
                const id = (k: string) =>
                    r[k] === undefined || r[k] === null || (Number.isInteger(r[k]) && (r[k] as number) >= 1 && (r[k] as number) <= 2147483647);
                if (!id("userId") || !id("groupId")) return { error: `[${i}] userId and groupId must be whole numbers from 1 to 2147483647` };
                if ((r.userId ?? undefined) === undefined && (r.groupId ?? undefined) === undefined) return { error: `[${i}] must name a userId or a groupId` };
                for (const k of ["name", "email"])
                    if (r[k] !== undefined && r[k] !== null && typeof r[k] !== "string") return { error: `[${i}].${k} must be a string` };
                const owner: Owner = {};
                for (const k of OWNER_KEYS) if (r[k] !== undefined && r[k] !== null) (owner as Record<string, unknown>)[k] = r[k];
                out.push(owner);
            }
            return { value: out };
        },
    },
    description: "Who owns the secret (API 3.1 owners); by default the signed-in user.",
};

/** URLs attached to a secret. */
export const urls: FieldSpec = {
    api: "Urls",
    type: {
        kind: "custom",
        describe: "a list of URLs (strings of at most 2048 characters)",
        parse(value) {
            if (!Array.isArray(value)) return { error: "must be a list of URL strings" };
            for (const [i, u] of value.entries()) {
                if (typeof u !== "string" || u.length > 2048) return { error: `[${i}] must be a URL of at most 2048 characters` };
                try {
                    new URL(u);
                } catch {
                    return { error: `[${i}] is not a URL: ${JSON.stringify(u.slice(0, 60))}` };
                }
            }
            return { value: [...value] };
        },
    },
    description: "URLs where the secret is used.",
};

export function ownersToApi(list: Owner[] | undefined): unknown[] | undefined {
    // Only the keys given (as the vendor's Python library sends them): a null id may be refused.
    return list?.map((o) => {
        const row: Record<string, unknown> = {};
        if (o.userId !== undefined) row.UserId = o.userId;
        if (o.groupId !== undefined) row.GroupId = o.groupId;
        if (o.name !== undefined) row.Name = o.name;
        if (o.email !== undefined) row.Email = o.email;
        return row;
    });
}

/** Live owners in the program's shape, only the keys the program gave (so a declared list compares equal). */
export function ownersFromApi(live: unknown, declared: Owner[] | undefined): Owner[] {
    const rows = Array.isArray(live) ? (live as Array<Record<string, unknown>>) : [];
    return rows.map((r, i) => {
        const keys = declared?.[i] ? Object.keys(declared[i]) : ["userId", "groupId"];
        const all: Owner = { userId: num(r.UserId), groupId: num(r.GroupId), name: str(r.Name), email: str(r.Email) };
        const o: Owner = {};
        for (const k of keys) {
            const v = (all as Record<string, unknown>)[k];
            if (v !== undefined) (o as Record<string, unknown>)[k] = v;
        }
        return o;
    });
}

export function urlsToApi(list: string[] | undefined): unknown[] {
    return (list ?? []).map((Url) => ({ Url }));
}

export function urlsFromApi(live: unknown): string[] {
    return Array.isArray(live) ? (live as Array<{ Url?: unknown }>).map((u) => String(u.Url ?? "")) : [];
}

function num(v: unknown): number | undefined {
    return typeof v === "number" && v > 0 ? v : undefined;
}

function str(v: unknown): string | undefined {
    return typeof v === "string" && v !== "" ? v : undefined;
}
