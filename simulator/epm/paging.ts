// EPM's list conventions: ASP.NET-style nested query names (`Pagination.PageNumber`,
// `Pagination.PageSize`, `Sorts[0].by`, `Sorts[0].order`, `Filter.Created.Dates`), bound
// case-insensitively as ASP.NET does, and the {pageNumber, pageSize, totalRecordCount,
// pageCount, data} envelope. Unknown query keys are ignored (assumption U14).
import { invalid } from "./errors";

export const MAX_PAGE_SIZE = 200;
/** Small on purpose, so a client that forgets Pagination.* sees it in its tests (assumption U15). */
export const DEFAULT_PAGE_SIZE = 10;

export interface Envelope<T> {
    pageNumber: number;
    pageSize: number;
    totalRecordCount: number;
    pageCount: number;
    data: T[];
}

/** Every value of a query key, matched without regard to case. */
export function queryAll(query: URLSearchParams, name: string): string[] {
    const want = name.toLowerCase();
    const out: string[] = [];
    for (const [k, v] of query) if (k.toLowerCase() === want) out.push(v);
    return out;
}

export function queryGet(query: URLSearchParams, name: string): string | undefined {
    return queryAll(query, name)[0];
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
    const text = queryGet(query, name);
    if (text === undefined || text === "") return fallback;
    const n = Number(text);
    if (!Number.isInteger(n)) throw invalid(`${name} must be an integer.`, { [name]: [`The value '${text}' is not valid.`] });
    if (n < min || n > max) {
        throw invalid(`${name} must be between ${min} and ${max}.`, { [name]: [`The field ${name.split(".").pop()} must be between ${min} and ${max}.`] });
    }
    return n;
}

interface Sort {
    by: string;
    desc: boolean;
}

/** Sorts[0..n].by/order; indices start at 0 and must be consecutive, so reading stops at the first gap. */
export function parseSorts(query: URLSearchParams): Sort[] {
    const sorts: Sort[] = [];
    for (let i = 0; ; i++) {
        const by = queryGet(query, `Sorts[${i}].by`);
        if (by === undefined) break;
        const order = (queryGet(query, `Sorts[${i}].order`) ?? "asc").toLowerCase();
        if (order !== "asc" && order !== "desc")
            throw invalid(`Sorts[${i}].order must be asc or desc.`, { [`Sorts[${i}].order`]: [`The value '${order}' is not valid.`] });
        sorts.push({ by, desc: order === "desc" });
    }
    return sorts;
}

/** A property of a response item, by a case-insensitive name. */
function prop(item: object, name: string): unknown {
    const want = name.toLowerCase();
    for (const [k, v] of Object.entries(item)) if (k.toLowerCase() === want) return v;
    return undefined;
}

function compare(a: unknown, b: unknown): number {
    if (a === b) return 0;
    if (a === undefined || a === null) return -1;
    if (b === undefined || b === null) return 1;
    if (typeof a === "number" && typeof b === "number") return a - b;
    if (typeof a === "boolean" && typeof b === "boolean") return Number(a) - Number(b);
    return String(a).localeCompare(String(b), "en", { sensitivity: "base" });
}

/** Filter.<Field>.Dates (repeatable) with Filter.<Field>.SelectionMode single|multiple|range. */
function dateFilter(query: URLSearchParams, field: string): ((value: string) => boolean) | undefined {
    const key = `Filter.${field}`;
    const dates = queryAll(query, `${key}.Dates`);
    if (dates.length === 0) return undefined;
    const parsed = dates.map((d) => {
        const t = Date.parse(/[zZ]|[+-]\d\d:?\d\d$/.test(d) ? d.replace(" ", "T") : d.replace(" ", "T") + "Z");
        if (Number.isNaN(t)) throw invalid(`${key}.Dates holds a date that cannot be read.`, { [`${key}.Dates`]: [`The value '${d}' is not valid.`] });
        return t;
    });
    const mode = (queryGet(query, `${key}.SelectionMode`) ?? (parsed.length > 1 ? "multiple" : "single")).toLowerCase();
    const day = (t: number) => Math.floor(t / 86_400_000);
    if (mode === "range") {
        const [from, to] = [Math.min(...parsed), Math.max(...parsed)];
        return (created) => Date.parse(created) >= from && Date.parse(created) <= to;
    }
    if (mode === "single" || mode === "multiple") {
        // A single or listed date selects whole days, as the console's date pickers do.
        return (created) => parsed.some((t) => day(t) === day(Date.parse(created)));
    }
    throw invalid(`${key}.SelectionMode must be Single, Multiple or Range.`, { [`${key}.SelectionMode`]: [`The value '${mode}' is not valid.`] });
}

/**
 * Filters by Filter.<Field>.* for each date field given (Created everywhere; LastConnected on
 * computers), sorts (stable), then cuts the requested page.
 */
export function page<T extends object>(items: T[], query: URLSearchParams, dateFields: string[] = ["Created"], defaultSort = "created"): Envelope<T> {
    const pageSize = intParam(query, "Pagination.PageSize", DEFAULT_PAGE_SIZE, 1, MAX_PAGE_SIZE);
    const pageNumber = intParam(query, "Pagination.PageNumber", 1, 1, 2 ** 31 - 1);
    const filters = dateFields.flatMap((field) => {
        const f = dateFilter(query, field);
        return f ? [(item: T) => typeof prop(item, field) === "string" && f(prop(item, field) as string)] : [];
    });
    const sorts = parseSorts(query);
    if (sorts.length === 0) sorts.push({ by: defaultSort, desc: false });
    // Array.prototype.sort is stable, and the id breaks ties, so paging never repeats or skips an item.
    const selected = items
        .filter((item) => filters.every((f) => f(item)))
        .sort((a, b) => {
            for (const s of sorts) {
                const c = compare(prop(a, s.by), prop(b, s.by));
                if (c !== 0) return s.desc ? -c : c;
            }
            return compare(prop(a, "id"), prop(b, "id"));
        });
    const start = (pageNumber - 1) * pageSize;
    return {
        pageNumber,
        pageSize,
        totalRecordCount: selected.length,
        pageCount: Math.ceil(selected.length / pageSize),
        data: selected.slice(start, start + pageSize),
    };
}
