// The official specs' paths that the simulator does not model yet, as one table (written from
// the PRA and RS specs; the simulator never reads them at run time). Each answers as an appliance
// with none of those objects would, instead of "Unknown path": a list is empty (with the page
// headers where the spec paginates it), and anything naming an object is 404 in the spec's error
// shape. The parent objects in a path are checked first, so /jumpoint/7/user is a 404 only when
// Jumpoint 7 is missing and an empty list otherwise. Filters and bodies are not looked at: with
// no objects there is nothing to filter, create or change. The PRA parity work fills these in,
// turning rows into kinds; the contract test (test/contract/every-path) checks that every spec
// path answers something.
import { ApiHandler, ApiRequest, ApiResponse } from "../core/api";
import { notFound } from "../core/errors";
import { paginate, parsePageParams } from "../core/pagination";
import { Router } from "../core/router";
import { parseId } from "./crud";
import { Product } from "./fields";
import { KIND_BY_PATH } from "./kinds";
import { Model } from "./model";

export interface UnsimulatedPath {
    /** Template below /api/config/v1, as the spec writes it. */
    path: string;
    methods: Array<"GET" | "POST" | "PATCH" | "DELETE">;
    /** GET answers a list (the spec's 200 is an array or takes per_page): empty. */
    list?: "paginated" | "plain";
    /** Only these products' specs have the row (default: both). */
    products?: Product[];
}

export const UNSIMULATED: UnsimulatedPath[] = [
    { path: "/jump-client", methods: ["GET"], list: "paginated" },
    { path: "/jump-client/{id}", methods: ["GET", "PATCH", "DELETE"] },
    { path: "/jump-client/{id}/copy", methods: ["POST"] },
    { path: "/jump-item/remote-rdp/{id}/copy", methods: ["POST"] },
    { path: "/jump-item/shell-jump/{id}/copy", methods: ["POST"] },
    { path: "/jump-item/remote-vnc/{id}/copy", methods: ["POST"] },
    { path: "/jump-item/psql-tunnel-jump/{id}/copy", methods: ["POST"], products: ["pra"] },
    { path: "/jump-item/mysql-tunnel-jump/{id}/copy", methods: ["POST"], products: ["pra"] },
    { path: "/jump-item/web-jump/{id}/copy", methods: ["POST"], products: ["pra"] },
    { path: "/jump-item/protocol-tunnel-jump/{id}/copy", methods: ["POST"], products: ["pra"] },
    { path: "/jump-item/network-tunnel-jump/{id}/copy", methods: ["POST"], products: ["pra"] },
    { path: "/jump-group/{id}/user", methods: ["GET", "POST"], list: "paginated" },
    { path: "/jump-group/{id}/user/{user_id}", methods: ["GET", "PATCH", "DELETE"] },
    { path: "/jumpoint/{id}/installer", methods: ["GET"] },
    { path: "/jumpoint/{id}/node", methods: ["GET"] },
    { path: "/jumpoint/{id}/user", methods: ["GET", "POST"], list: "paginated" },
    { path: "/jumpoint/{id}/user/{user_id}", methods: ["GET", "DELETE"] },
    { path: "/jump-approval/{user_id}", methods: ["GET"], list: "plain", products: ["pra"] },
    { path: "/jump-approval/{user_id}/view/{id}", methods: ["GET"], products: ["pra"] },
    { path: "/jump-approval/approve", methods: ["POST"], products: ["pra"] },
    { path: "/jump-approval/request", methods: ["POST"], products: ["pra"] },
    { path: "/team", methods: ["GET", "POST"], list: "paginated" },
    { path: "/team/{id}", methods: ["GET", "PATCH", "DELETE"] },
    { path: "/team/{id}/user", methods: ["GET", "POST"], list: "paginated" },
    { path: "/team/{id}/user/{user_id}", methods: ["GET", "PATCH", "DELETE"] },
    { path: "/user", methods: ["GET"], list: "paginated" },
    { path: "/user", methods: ["POST"], products: ["pra"] },
    { path: "/user/{id}", methods: ["GET", "PATCH", "DELETE"] },
    { path: "/user/{id}/group-policy-changes", methods: ["PATCH"], products: ["pra"] },
    { path: "/user/{id}/group-policies", methods: ["GET"], list: "plain" },
    { path: "/user/provision", methods: ["POST"] },
    { path: "/group-policy/{id}/copy", methods: ["POST"] },
    { path: "/group-policy/{id}/team", methods: ["GET", "POST"], list: "paginated" },
    { path: "/group-policy/{id}/team/{team_id}", methods: ["GET", "DELETE"] },
    { path: "/security-provider", methods: ["GET"], list: "paginated" },
    { path: "/security-provider/{id}", methods: ["GET"] },
    { path: "/security-provider/{id}", methods: ["PATCH"], products: ["pra"] },
    { path: "/vault/account/{id}/force-check-in", methods: ["POST"] },
    { path: "/vault/account/{id}/rotate", methods: ["POST"] },
    { path: "/vault/account/{id}/user", methods: ["GET", "POST"], list: "paginated" },
    { path: "/vault/account/{id}/user/{user_id}", methods: ["GET", "PATCH", "DELETE"] },
    { path: "/vault/endpoint", methods: ["GET"], list: "paginated" },
    { path: "/vault/endpoint/{id}/remote-rdp-jump-item-candidates", methods: ["GET"], list: "plain" },
    { path: "/vault/endpoint/{id}/remote-rdp-jump-item-association", methods: ["POST"] },
    { path: "/vault/account-group/{id}/user", methods: ["GET", "POST"], list: "paginated" },
    { path: "/vault/account-group/{id}/user/{user_id}", methods: ["GET", "PATCH", "DELETE"] },
    { path: "/vault/account-group/{id}/account", methods: ["GET", "POST"], list: "paginated" },
    { path: "/vault/account-group/{id}/account/{account_id}", methods: ["GET", "DELETE"] },
    { path: "/vendor", methods: ["GET", "POST"], list: "paginated", products: ["pra"] },
    { path: "/vendor/{id}", methods: ["GET", "PATCH", "DELETE"], products: ["pra"] },
    { path: "/vendor/{id}/reactivate", methods: ["POST"], products: ["pra"] },
    { path: "/vendor/{id}/user", methods: ["GET", "POST"], list: "paginated", products: ["pra"] },
    { path: "/vendor/{id}/user/{user_id}", methods: ["GET", "PATCH", "DELETE"], products: ["pra"] },
    { path: "/vendor/{id}/user/{user_id}/reactivate", methods: ["POST"], products: ["pra"] },
    { path: "/endpoint-automation/job", methods: ["GET", "POST"], list: "paginated" },
    { path: "/endpoint-automation/job/{id}", methods: ["GET"] },
    { path: "/endpoint-automation/job/{id}/execution", methods: ["GET"] },
    { path: "/endpoint-automation/resource", methods: ["GET"], list: "paginated" },
    { path: "/endpoint-automation/resource/{id}", methods: ["GET"] },
    { path: "/endpoint-automation/script", methods: ["GET", "POST"], list: "paginated" },
    { path: "/endpoint-automation/script/{id}", methods: ["GET"] },
    { path: "/endpoint-automation/script/{id}/resource", methods: ["GET"] },
    { path: "/endpoint-automation/endpoint", methods: ["GET"], list: "paginated" },
    { path: "/endpoint-automation/endpoint/{id}", methods: ["GET"] },
    { path: "/openapi.yaml", methods: ["GET"] },
    { path: "/cli/{platform}", methods: ["GET"] },
    { path: "/public-portal", methods: ["GET"], list: "paginated", products: ["rs"] },
    { path: "/rep-status", methods: ["GET", "POST"], list: "paginated", products: ["rs"] },
    { path: "/rep-status/{id}", methods: ["GET", "PATCH", "DELETE"], products: ["rs"] },
];

export function registerUnsimulatedRoutes(router: Router<ApiHandler>, model: Model): void {
    for (const row of UNSIMULATED) {
        if (row.products && !row.products.includes(model.product)) continue;
        for (const method of row.methods) {
            if (router.has(method, row.path)) continue;
            router.add(method, row.path, (req) => answer(model, row, method, req));
        }
    }
}

function answer(model: Model, row: UnsimulatedPath, method: string, req: ApiRequest): ApiResponse {
    checkParents(model, row.path, req);
    if (method === "GET" && row.list) {
        if (row.list === "plain") return { status: 200, body: [] };
        const page = parsePageParams(req.query);
        const p = paginate([], page, `${req.baseUrl}${req.path}`, req.query);
        return { status: 200, body: p.items, headers: p.headers };
    }
    throw notFound(`${method} ${row.path} is not simulated: no such object exists here.`);
}

/**
 * Walks the path's parameters left to right: one that names an object of a simulated kind must
 * exist (404, or 422 for an id that is not one, as everywhere else); one under a kind that is not
 * simulated names nothing, since no such object exists.
 */
function checkParents(model: Model, template: string, req: ApiRequest): void {
    const segments = template.split("/").filter(Boolean);
    const actual = req.path.split("/").filter(Boolean);
    for (let i = 0; i < segments.length; i++) {
        const m = /^\{(.+)\}$/.exec(segments[i]);
        if (!m) continue;
        const kindPath = segments.slice(0, i).join("/");
        const kind = KIND_BY_PATH.get(kindPath);
        const raw = safeDecode(actual[i] ?? "");
        if (!kind || !model.has(kindPath)) throw notFound(`No ${segments.slice(0, i).join(" ")} ${raw} exists (not simulated).`);
        const id = parseId(raw, m[1]);
        if (!model.get(kindPath, id)) throw notFound(`${kind.title} ${id} was not found.`);
    }
}

function safeDecode(segment: string): string {
    try {
        return decodeURIComponent(segment);
    } catch {
        return segment;
    }
}
