// How each product splits a list into pages. PRA/RS number pages (`per_page`, `current_page`) and
// report the last one in `X-BT-Pagination-Last-Page` or a `Link: rel="next"` header; Password Safe
// takes `limit`/`offset` and (from API 3.2, on secret lists only) wraps a page as `{TotalCount, Data}`;
// EPM takes `Pagination.PageNumber`/`PageSize` and answers `{pageNumber, pageCount, data, ...}`.
// The API client fetches; a Pager says which query asks for page n and what the answer means.
import { RawResponse, header } from "./http";

export type Query = Record<string, string | number | boolean | undefined>;

export interface PageResult {
    items: unknown[];
    /** Whether another page may follow. */
    more: boolean;
    /** The last page's number when the appliance says it (numbered pages), else 0. */
    lastPage: number;
}

export interface Pager {
    /** The query for page `page` (1-based). */
    query(page: number): Query;
    /** What one page's answer holds. */
    parse(body: unknown, res: RawResponse, page: number): PageResult;
}

/** Lists that answer a bare object instead of an array (some grant lists) count as one item. */
function itemsOf(body: unknown): unknown[] {
    if (Array.isArray(body)) return body;
    return body !== undefined && body !== null ? [body] : [];
}

/** PRA/RS: numbered pages of `perPage`, the last one named by headers. */
export function numberedPages(perPage = 100): Pager {
    return {
        query: (page) => ({ per_page: perPage, current_page: page }),
        parse(body, res, page) {
            const lastPage = Number(header(res, "x-bt-pagination-last-page") ?? "0") || 0;
            const nextLinked = /rel="?next"?/.test(header(res, "link") ?? "");
            const more = Array.isArray(body) && body.length > 0 && (nextLinked || (lastPage > 0 && page < lastPage));
            return { items: itemsOf(body), more, lastPage };
        },
    };
}

/** Password Safe: `limit`/`offset`; a short page (or the envelope's TotalCount reached) is the last. */
export function limitOffset(limit = 1000): Pager {
    return {
        query: (page) => ({ limit, offset: (page - 1) * limit }),
        parse(body, _res, page) {
            const envelope = body as { TotalCount?: number; Data?: unknown[] } | null;
            if (envelope && !Array.isArray(envelope) && typeof envelope === "object" && Array.isArray(envelope.Data)) {
                const total = Number(envelope.TotalCount ?? 0);
                return { items: envelope.Data, more: envelope.Data.length === limit && page * limit < total, lastPage: 0 };
            }
            const items = itemsOf(body);
            return { items, more: Array.isArray(body) && body.length === limit, lastPage: 0 };
        },
    };
}

/** EPM: `Pagination.PageNumber`/`Pagination.PageSize` (at most 200), the `{pageNumber, pageCount, data}` envelope. */
export function pageEnvelope(pageSize = 200): Pager {
    return {
        query: (page) => ({ "Pagination.PageNumber": page, "Pagination.PageSize": pageSize }),
        parse(body, _res, page) {
            const envelope = (typeof body === "object" && body !== null && !Array.isArray(body) ? body : {}) as {
                data?: unknown[];
                pageCount?: number;
            };
            const items = Array.isArray(envelope.data) ? envelope.data : itemsOf(body);
            const pageCount = Number(envelope.pageCount ?? 0) || 0;
            return { items, more: items.length > 0 && page < pageCount, lastPage: pageCount };
        },
    };
}
