// The appliance's page model: per_page 5..100 (default 100), 1-based current_page, a Link header
// that always names "first" and "last" and names "previous"/"next" only when those pages exist
// (the spec's rel values), plus the X-BT-Pagination-* headers.
import { unprocessable } from "./errors";

export const DEFAULT_PER_PAGE = 100;
export const MIN_PER_PAGE = 5;
export const MAX_PER_PAGE = 100;

export interface PageRequest {
    perPage: number;
    currentPage: number;
}

export function parsePageParams(query: URLSearchParams): PageRequest {
    const errors: Record<string, string[]> = {};
    const perPage = intParam(query, "per_page", DEFAULT_PER_PAGE, MIN_PER_PAGE, MAX_PER_PAGE, errors);
    const currentPage = intParam(query, "current_page", 1, 1, 2147483647, errors);
    if (Object.keys(errors).length > 0) throw unprocessable(errors);
    return { perPage, currentPage };
}

function intParam(query: URLSearchParams, name: string, fallback: number, min: number, max: number, errors: Record<string, string[]>): number {
    const raw = query.get(name);
    if (raw === null) return fallback;
    if (!/^-?\d+$/.test(raw)) {
        errors[name] = [`The ${name} must be an integer.`];
        return fallback;
    }
    const n = Number(raw);
    if (n < min || n > max) {
        errors[name] = [`The ${name} must be between ${min} and ${max}.`];
        return fallback;
    }
    return n;
}

export interface Page<T> {
    items: T[];
    headers: Record<string, string>;
}

/** baseUrl is the absolute URL of the list without a query; other query parameters are kept. */
export function paginate<T>(all: T[], page: PageRequest, baseUrl: string, query: URLSearchParams): Page<T> {
    const total = all.length;
    // The spec's Last-Page header has minimum 1, so an empty list still has one (empty) page.
    const lastPage = Math.max(1, Math.ceil(total / page.perPage));
    const start = (page.currentPage - 1) * page.perPage;
    const items = all.slice(start, start + page.perPage);

    const link = (n: number) => {
        const q = new URLSearchParams(query);
        q.set("per_page", String(page.perPage));
        q.set("current_page", String(n));
        return `<${baseUrl}?${q.toString()}>`;
    };
    const parts = [`${link(1)}; rel="first"`];
    if (page.currentPage > 1 && page.currentPage <= lastPage + 1) {
        parts.push(`${link(Math.min(page.currentPage - 1, lastPage))}; rel="previous"`);
    }
    if (page.currentPage < lastPage) parts.push(`${link(page.currentPage + 1)}; rel="next"`);
    parts.push(`${link(lastPage)}; rel="last"`);

    return {
        items,
        headers: {
            Link: parts.join(", "),
            "X-BT-Pagination-Current-Page": String(page.currentPage),
            "X-BT-Pagination-Per-Page": String(page.perPage),
            "X-BT-Pagination-Last-Page": String(lastPage),
            "X-BT-Pagination-Total": String(total),
        },
    };
}
