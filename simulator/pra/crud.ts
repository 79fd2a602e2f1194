// The one generic CRUD: list/create/read/update/delete for any kind, driven by its table.
import { ApiHandler, ApiRequest, ApiResponse } from "../core/api";
import { ApiError, notFound, unprocessable, unrecognized } from "../core/errors";
import { paginate, parsePageParams } from "../core/pagination";
import { Router } from "../core/router";
import { FieldTable, Filter, Kind, Obj, Product, own } from "./fields";
import { Model } from "./model";
import { checkValue, tableFor, validateWrite } from "./validator";

export function registerCrudRoutes(router: Router<ApiHandler>, model: Model, kind: Kind): void {
    const base = `/${kind.path}`;
    const one = `${base}/{id}`;
    const ops = new Set(kind.operations);
    if (ops.has("list")) router.add("GET", base, (req) => list(model, kind, req));
    if (ops.has("create")) router.add("POST", base, (req) => create(model, kind, req));
    if (ops.has("read")) router.add("GET", one, (req) => read(model, kind, req));
    if (ops.has("update")) router.add("PATCH", one, (req) => update(model, kind, req));
    if (ops.has("delete")) router.add("DELETE", one, (req) => remove(model, kind, req));
    for (const [name, answer] of Object.entries(kind.subresources ?? {})) {
        router.add("GET", `${one}/${name}`, (req) => {
            rejectQuery(req);
            return { status: 200, body: answer(find(model, kind, req), model.product) };
        });
    }
}

/** The table that applies to one object (vault accounts have one per type). */
export function tableOf(kind: Kind, obj: Obj | undefined, product: Product): FieldTable {
    const variant = kind.variants && obj ? own(kind.variants.tables, String(obj[kind.variants.by])) : undefined;
    return tableFor(variant ?? kind.fields, product);
}

/**
 * The public representation: the product's fields in table order, write-only secrets removed, and
 * what only the create answer carries left out of every other answer.
 */
export function view(kind: Kind, obj: Obj, product: Product, answering: "create" | "read" = "read"): Obj {
    const derived = { ...obj };
    kind.derive?.(derived, product);
    const out: Obj = {};
    for (const [name, f] of Object.entries(tableOf(kind, obj, product))) {
        if (f.writeOnly || derived[name] === undefined) continue;
        const hidden = answering === "read" ? own(kind.onlyInCreateAnswer, name) : undefined;
        const value = derived[name];
        out[name] = hidden && value && typeof value === "object" ? Object.fromEntries(Object.entries(value).filter(([k]) => !hidden.includes(k))) : value;
    }
    return out;
}

/** Parses an {id} path segment as the spec's ObjectId (int32, minimum 1). */
export function parseId(raw: string, name = "id"): number {
    const n = /^\d{1,10}$/.test(raw) ? Number(raw) : NaN;
    if (!Number.isInteger(n) || n < 1 || n > 2147483647) {
        throw unprocessable({ [name]: [`The ${name} must be an integer between 1 and 2147483647.`] });
    }
    return n;
}

/** Single-object and write routes accept no query parameters at all (401, as the spec says). */
export function rejectQuery(req: ApiRequest, allowed: string[] = []): void {
    const unknown = [...new Set(req.query.keys())].filter((k) => !allowed.includes(k));
    if (unknown.length > 0) throw unrecognized("query parameter", unknown);
}

function list(model: Model, kind: Kind, req: ApiRequest): ApiResponse {
    const allowed = [...Object.keys(kind.filters), ...(kind.paginated ? ["per_page", "current_page"] : [])];
    rejectQuery(req, allowed);
    const page = kind.paginated ? parsePageParams(req.query) : undefined;
    const matchers = parseFilters(kind.filters, req.query, model.product);
    const items = model.all(kind.path).filter((o) => matchers.every((m) => m(o)));
    const views = items.map((o) => view(kind, o, model.product));
    if (!page) return { status: 200, body: views };
    const p = paginate(views, page, `${req.baseUrl}/${kind.path}`, req.query);
    return { status: 200, body: p.items, headers: p.headers };
}

function parseFilters(filters: Record<string, Filter>, query: URLSearchParams, product: Product): Array<(o: Obj) => boolean> {
    const errors: Record<string, string[]> = Object.create(null);
    const matchers: Array<(o: Obj) => boolean> = [];
    for (const [name, filter] of Object.entries(filters)) {
        const raw = query.get(name);
        if (raw === null) continue;
        const value = typedQueryValue(filter, raw);
        const msgs = checkValue(name, filter.field, value, product);
        if (msgs.length > 0) {
            errors[name] = msgs;
            continue;
        }
        if (filter.ignore) continue;
        if (filter.neverMatches) {
            matchers.push(() => false);
            continue;
        }
        const target = filter.target ?? name;
        // The spec: string filters are exact and case-insensitive.
        matchers.push((o) =>
            typeof value === "string" && typeof o[target] === "string" ? (o[target] as string).toLowerCase() === value.toLowerCase() : o[target] === value,
        );
    }
    if (Object.keys(errors).length > 0) throw unprocessable(errors);
    return matchers;
}

function typedQueryValue(filter: Filter, raw: string): unknown {
    if (filter.field.type === "integer") return /^-?\d+$/.test(raw) ? Number(raw) : raw;
    if (filter.field.type === "boolean") return raw === "true" || raw === "1" ? true : raw === "false" || raw === "0" ? false : raw;
    return raw;
}

function create(model: Model, kind: Kind, req: ApiRequest): ApiResponse {
    rejectQuery(req);
    const body = req.body();
    let table = kind.fields;
    if (kind.variants) {
        const by = kind.variants.by;
        const chosen = own(kind.variants.tables, String(body[by]));
        if (!chosen) {
            throw unprocessable({
                [by]: [body[by] === undefined ? `The ${by} field is required.` : `The selected ${by} is invalid.`],
            });
        }
        table = chosen;
    }
    const obj = validateWrite({ kind: kind.path, table, product: model.product, body, mode: "create", lookup: model });
    const stored = model.insert(kind.path, obj);
    return {
        status: 201,
        body: view(kind, stored, model.product, "create"),
        headers: { Location: `${req.baseUrl}/${kind.path}/${stored.id}` },
        wrote: true,
    };
}

function read(model: Model, kind: Kind, req: ApiRequest): ApiResponse {
    rejectQuery(req);
    const obj = find(model, kind, req);
    return { status: 200, body: view(kind, obj, model.product) };
}

function update(model: Model, kind: Kind, req: ApiRequest): ApiResponse {
    rejectQuery(req);
    const existing = find(model, kind, req);
    const body = req.body();
    const table = (kind.variants && own(kind.variants.tables, String(existing[kind.variants.by]))) || kind.fields;
    const obj = validateWrite({ kind: kind.path, table, product: model.product, body, mode: "update", existing, lookup: model });
    model.replace(kind.path, obj);
    return { status: 200, body: view(kind, obj, model.product), wrote: true };
}

function remove(model: Model, kind: Kind, req: ApiRequest): ApiResponse {
    rejectQuery(req);
    const obj = find(model, kind, req);
    if (obj.personal === true) throw new ApiError(403, { message: "Personal accounts cannot be deleted through this API." });
    const refusal = kind.protectDelete?.(obj);
    if (refusal) throw unprocessable({ id: [refusal] }, refusal);
    model.remove(kind.path, obj.id as number);
    return { status: 204, wrote: true };
}

function find(model: Model, kind: Kind, req: ApiRequest): Obj {
    const id = parseId(req.params.id);
    const obj = model.get(kind.path, id);
    if (!obj) throw notFound(`${kind.title} ${id} was not found.`);
    return obj;
}
