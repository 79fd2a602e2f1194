// Group-policy grant routes: add/list/read/remove for the four grant kinds and members, plus provision.
import { ApiHandler, ApiResponse } from "../core/api";
import { notFound, unprocessable } from "../core/errors";
import { paginate, parsePageParams } from "../core/pagination";
import { Router } from "../core/router";
import { parseId, rejectQuery } from "./crud";
import { Obj, own } from "./fields";
import { GRANT_KINDS, GrantKind } from "./grant-kinds";
import { Model } from "./model";
import { tableFor, validateWrite } from "./validator";

export function registerGrantRoutes(router: Router<ApiHandler>, model: Model, onProvision: (gp: number) => void): void {
    for (const g of GRANT_KINDS) {
        const base = `/group-policy/{id}/${g.path}`;
        const one = `${base}/{child}`;

        router.add("GET", base, (req) => {
            rejectQuery(req, g.paginated ? ["per_page", "current_page"] : []);
            const page = g.paginated ? parsePageParams(req.query) : undefined;
            const gp = groupPolicy(model, req.params.id);
            const rows = model.grantRows(g.path, gp).map((r) => grantView(g, r, model));
            if (!page) return { status: 200, body: rows };
            const p = paginate(rows, page, `${req.baseUrl}/group-policy/${gp}/${g.path}`, req.query);
            return { status: 200, body: p.items, headers: p.headers };
        });

        router.add("POST", base, (req) => {
            rejectQuery(req);
            const gp = groupPolicy(model, req.params.id);
            const body = req.body();
            if (own(g.fields, "group_policy_id") && body.group_policy_id !== undefined && body.group_policy_id !== gp) {
                throw unprocessable({ group_policy_id: ["The group_policy_id must match the group policy in the path."] });
            }
            const row = validateWrite({
                kind: `grant:${g.path}`,
                table: g.fields,
                product: model.product,
                body,
                mode: "create",
                lookup: model,
                preset: { group_policy_id: gp },
            });
            row.group_policy_id = gp;
            const refused = g.refine?.(row) ?? {};
            if (Object.keys(refused).length > 0) throw unprocessable(refused);
            const same = g.allocatesId?.sameAs ?? [g.key];
            if (model.grantRows(g.path, gp).some((r) => same.every((k) => fold(r[k]) === fold(row[k])))) {
                throw unprocessable({
                    [same.find((k) => row[k] !== undefined && k !== g.key) ?? g.key]: [`This object is already added to group policy ${gp}.`],
                });
            }
            if (g.allocatesId) row.id = model.nextGrantId(g.path);
            model.addGrant(g.path, row);
            if (g.postAnswer === "empty") return { status: 201, wrote: true };
            // Every grant POST answers 201 with the grant, as GET shows it. The spec documents a body only
            // for the two vault grants, but the vendor's Terraform provider decodes a JSON body after the
            // jumpoint and jump-group POSTs too (an empty one fails it), and its acceptance tests create
            // exactly these grants on live appliances.
            const res: ApiResponse = { status: 201, body: grantView(g, row, model), wrote: true };
            return res;
        });

        router.add("GET", one, (req) => {
            rejectQuery(req);
            const row = findGrant(model, g, req.params.id, req.params.child);
            return { status: 200, body: grantView(g, row, model) };
        });

        router.add("DELETE", one, (req) => {
            rejectQuery(req);
            const row = findGrant(model, g, req.params.id, req.params.child);
            model.removeGrant(g.path, row.group_policy_id as number, g.key, row[g.key] as number);
            return { status: g.deleteStatus, wrote: true };
        });
    }

    router.add("POST", "/group-policy/{id}/provision", (req) => {
        rejectQuery(req);
        const gp = groupPolicy(model, req.params.id);
        onProvision(gp);
        return { status: 204, wrote: true };
    });
}

function groupPolicy(model: Model, raw: string): number {
    const gp = parseId(raw);
    if (!model.get("group-policy", gp)) throw notFound(`Group Policy ${gp} was not found.`);
    return gp;
}

function findGrant(model: Model, g: GrantKind, rawGp: string, rawChild: string): Obj {
    const gp = groupPolicy(model, rawGp);
    const child = parseId(rawChild, g.allocatesId ? `${g.path}_id` : g.key);
    const row = model.findGrant(g.path, gp, g.key, child);
    if (!row) throw notFound(`${g.key} ${child} is not added to group policy ${gp}.`);
    return row;
}

/** Names compare case-insensitively on the appliance (a distinguished name in another case is the same member). */
function fold(v: unknown): unknown {
    return typeof v === "string" ? v.toLowerCase() : v;
}

function grantView(g: GrantKind, row: Obj, model: Model): Obj {
    const fields = tableFor(g.fields, model.product);
    const out: Obj = {};
    for (const name of g.view(model.product)) if (own(fields, name) || name === "group_policy_id") out[name] = row[name];
    return out;
}
