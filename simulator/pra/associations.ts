// Jump Item associations of vault accounts and account groups (the spec's AccountJumpItemAssociation):
// which Jump Items an account may be injected into. Stored on the account or group as a hidden
// property (never in its view).
//  - An account starts with none of its own and inherits its group's: GET, PATCH, DELETE and the
//    single-item routes then refuse ("Account does not have an Asset association.", the message the
//    facts sheet records from live appliances: 404 for GET, which has nothing to show, 422 for the
//    writes); POST creates one (201), and refuses while one exists; DELETE (204) returns the account
//    to inheriting.
//  - A group always has one, GET and PATCH only; a new group's is any_jump_items with no Jump Items
//    (the vendor's acceptance test reads exactly that from a live group created without one).
// PATCH: each `criteria` property sent replaces the old one, omitted ones are kept; a filter_type
// other than "criteria" drops the criteria and the Jump Items (the spec). Patterns are stored in
// lower case (the spec: "All items in host, name, tag and comment will be converted to lowercase").
// Jump Groups and Jump Items named must exist (a deleted one drops out of the views); a
// protocol_tunnel item must be an SQL Server tunnel (the spec), and jump_client names nothing here
// (Jump Clients are not simulated).
import { ApiHandler, ApiRequest, ApiResponse } from "../core/api";
import { ApiError, notFound, unprocessable } from "../core/errors";
import { Router } from "../core/router";
import { parseId, rejectQuery } from "./crud";
import { Field, FieldTable, Obj, int, oneOf, str } from "./fields";
import { Model } from "./model";
import { validateWrite } from "./validator";

const STORED = "_jump_item_association";
const FILTER_TYPES = ["any_jump_items", "no_jump_items", "criteria"];
const PATTERN_LISTS = ["host", "name", "tag", "comment"] as const;
const CRITERIA = ["shared_jump_groups", ...PATTERN_LISTS] as const;

/** The collection of the Jump Items of each injectable type (jump_client: not simulated). */
const ITEM_KINDS: Record<string, { path?: string; accepts?: (o: Obj) => boolean }> = {
    jump_client: {},
    remote_rdp: { path: "jump-item/remote-rdp" },
    shell_jump: { path: "jump-item/shell-jump" },
    web_jump: { path: "jump-item/web-jump" },
    protocol_tunnel: { path: "jump-item/protocol-tunnel-jump", accepts: (o) => o.tunnel_type === "mssql" },
};
/** The RS spec's AccountInjectableJumpItem has no web_jump or protocol_tunnel. */
const RS_ITEM_TYPES = ["jump_client", "remote_rdp", "shell_jump"];

const id = (): Field => int(1, 2147483647, { required: true });
const patterns = (): Field => ({ type: "array", minItems: 0, maxItems: 32, items: str(1, 64) });
const jumpItem: Field = {
    type: "object",
    properties: { id: id(), type: oneOf(Object.keys(ITEM_KINDS), { required: true, enumByProduct: { rs: RS_ITEM_TYPES } }) },
};

const TABLE: FieldTable = {
    filter_type: oneOf(FILTER_TYPES, { required: true }),
    criteria: {
        type: "object",
        properties: {
            shared_jump_groups: { type: "array", items: int(1, 2147483647) },
            host: patterns(),
            name: patterns(),
            tag: patterns(),
            comment: patterns(),
        },
    },
    jump_items: { type: "array", items: jumpItem },
};

interface Association {
    filter_type: string;
    criteria: Record<(typeof CRITERIA)[number], unknown[]>;
    jump_items: Obj[];
}

const emptyCriteria = (): Association["criteria"] => ({ shared_jump_groups: [], host: [], name: [], tag: [], comment: [] });
const groupDefault = (): Association => ({ filter_type: "any_jump_items", criteria: emptyCriteria(), jump_items: [] });
const NO_OWN = "Account does not have an Asset association.";

interface Owner {
    kind: "vault/account" | "vault/account-group";
    title: string;
    /** Accounts may have none of their own (they inherit); groups always have one. */
    inherits: boolean;
}

const OWNERS: Owner[] = [
    { kind: "vault/account", title: "Vault Account", inherits: true },
    { kind: "vault/account-group", title: "Vault Account Group", inherits: false },
];

export function registerAssociationRoutes(router: Router<ApiHandler>, model: Model): void {
    for (const owner of OWNERS) {
        const base = `/${owner.kind}/{id}/jump-item-association`;
        const find = (req: ApiRequest): Obj => {
            rejectQuery(req);
            const n = parseId(req.params.id);
            const obj = model.get(owner.kind, n);
            if (!obj) throw notFound(`${owner.title} ${n} was not found.`);
            return obj;
        };
        /** The owner's own association; for an account with none, the refusal (404 on reads, 422 on writes). */
        const own = (obj: Obj, reading = false): Association => {
            const a = obj[STORED] as Association | undefined;
            if (a) return a;
            if (owner.inherits) throw reading ? notFound(NO_OWN) : new ApiError(422, { message: NO_OWN, errors: { id: [NO_OWN] } });
            return groupDefault();
        };
        const store = (obj: Obj, a: Association) => {
            // A group back at a new group's association holds nothing of its own (the control API shows none).
            if (!owner.inherits && a.filter_type === "any_jump_items") {
                const { [STORED]: _default, ...rest } = obj;
                model.replace(owner.kind, rest);
            } else model.replace(owner.kind, { ...obj, [STORED]: a });
        };
        /** A write's answer. */
        const ok = (status: number, body?: unknown): ApiResponse => ({ status, ...(body === undefined ? {} : { body }), wrote: true });

        router.add("GET", base, (req) => ({ status: 200, body: view(model, own(find(req), true)) }));

        router.add("PATCH", base, (req) => {
            const obj = find(req);
            const next = merge(model, own(obj), req.body(), "update");
            store(obj, next);
            return ok(200, view(model, next));
        });

        if (owner.inherits) {
            router.add("POST", base, (req) => {
                const obj = find(req);
                if (obj[STORED]) {
                    const message = "The Account already has Jump Item association criteria; use PATCH to change them.";
                    throw unprocessable({ filter_type: [message] }, message);
                }
                const next = merge(model, { filter_type: "criteria", criteria: emptyCriteria(), jump_items: [] }, req.body(), "create");
                store(obj, next);
                return ok(201, view(model, next));
            });
            router.add("DELETE", base, (req) => {
                const obj = find(req);
                own(obj);
                const { [STORED]: _gone, ...rest } = obj;
                model.replace(owner.kind, rest);
                return ok(204);
            });
        }

        // One Jump Item or shared Jump Group at a time; the association must be "criteria".
        const single = (req: ApiRequest, change: (a: Association, body: Obj) => void): Association => {
            const obj = find(req);
            const a = own(obj);
            if (a.filter_type !== "criteria") {
                const message = 'The Jump Item association must have its filter_type set to "criteria".';
                throw unprocessable({ filter_type: [message] }, message);
            }
            const next: Association = { ...a, criteria: { ...a.criteria }, jump_items: [...a.jump_items] };
            change(next, req.body());
            store(obj, next);
            return next;
        };
        const itemBody = (body: Obj): Obj => {
            const checked = validateWrite({
                kind: "association",
                table: { item: jumpItem },
                product: model.product,
                body: { item: body },
                mode: "create",
                lookup: model,
            });
            const item = checked.item as Obj;
            checkItems(model, [item]);
            return { id: item.id, type: item.type };
        };
        const groupBody = (body: Obj): number => {
            const checked = validateWrite({
                kind: "association",
                table: { shared_jump_group_id: int(1, 2147483647, { required: true, ref: { kind: "jump-group", onDelete: "cascade" } }) },
                product: model.product,
                body,
                mode: "create",
                lookup: model,
            });
            return checked.shared_jump_group_id as number;
        };
        const sameItem = (a: Obj, b: Obj) => a.id === b.id && a.type === b.type;

        router.add("POST", `${base}/jump-item`, (req) => {
            let added: Obj = {};
            single(req, (a, body) => {
                added = itemBody(body);
                if (!a.jump_items.some((i) => sameItem(i, added))) a.jump_items.push(added);
            });
            // The spec documents the added item as the group route's answer, none for the account's.
            return owner.inherits ? ok(200) : ok(200, added);
        });
        router.add("DELETE", `${base}/jump-item`, (req) => {
            single(req, (a, body) => {
                const gone = itemBody(body);
                a.jump_items = a.jump_items.filter((i) => !sameItem(i, gone));
            });
            return ok(204);
        });
        router.add("POST", `${base}/shared-jump-group`, (req) => {
            let added = 0;
            const ownerId = parseId(req.params.id);
            single(req, (a, body) => {
                added = groupBody(body);
                if (!a.criteria.shared_jump_groups.includes(added)) a.criteria.shared_jump_groups = [...a.criteria.shared_jump_groups, added];
            });
            return owner.inherits ? ok(200) : ok(200, { shared_jump_group_id: added, account_group_id: ownerId });
        });
        router.add("DELETE", `${base}/shared-jump-group`, (req) => {
            single(req, (a, body) => {
                const gone = groupBody(body);
                a.criteria.shared_jump_groups = a.criteria.shared_jump_groups.filter((g) => g !== gone);
            });
            return ok(204);
        });
    }
}

/** The association a write leaves: the body checked, its criteria merged property by property. */
function merge(model: Model, current: Association, body: Obj, mode: "create" | "update"): Association {
    // filter_type is required in every body (the schema's `required`), on PATCH too.
    const checked = validateWrite({ kind: "association", table: TABLE, product: model.product, body, mode: "create", lookup: model });
    const filterType = checked.filter_type as string;
    if (filterType !== "criteria") return { filter_type: filterType, criteria: emptyCriteria(), jump_items: [] };
    const sent = (checked.criteria ?? {}) as Obj;
    const base = mode === "create" || current.filter_type !== "criteria" ? { filter_type: "criteria", criteria: emptyCriteria(), jump_items: [] } : current;
    const criteria = { ...base.criteria };
    for (const k of CRITERIA) {
        if (sent[k] === undefined) continue;
        const values = sent[k] as unknown[];
        criteria[k] = [...new Set(k === "shared_jump_groups" ? values : values.map((v) => String(v).toLowerCase()))];
    }
    const missing = (criteria.shared_jump_groups as number[]).filter((g) => !model.get("jump-group", g));
    if (missing.length > 0) throw unprocessable({ "criteria.shared_jump_groups": missing.map((g) => `Jump Group ${g} does not exist.`) });
    const items = checked.jump_items === undefined ? base.jump_items : (checked.jump_items as Obj[]).map((i) => ({ id: i.id, type: i.type }));
    checkItems(model, items);
    return { filter_type: "criteria", criteria, jump_items: items.filter((i, n) => items.findIndex((j) => j.id === i.id && j.type === i.type) === n) };
}

function checkItems(model: Model, items: Obj[]): void {
    const errors: string[] = [];
    for (const item of items) {
        const k = ITEM_KINDS[String(item.type)];
        const target = k?.path && model.has(k.path) ? model.get(k.path, item.id as number) : undefined;
        if (!target) errors.push(`The ${item.type} Jump Item ${item.id} does not exist.`);
        else if (k.accepts && !k.accepts(target)) errors.push(`The ${item.type} Jump Item ${item.id} is not an SQL Server tunnel.`);
    }
    if (errors.length > 0) throw unprocessable({ jump_items: errors });
}

/** As GET shows it: criteria only for "criteria", and nothing that was deleted since. */
function view(model: Model, a: Association): Obj {
    const jumpItems = a.jump_items.filter((i) => {
        const path = ITEM_KINDS[String(i.type)]?.path;
        return path !== undefined && model.has(path) && model.get(path, i.id as number) !== undefined;
    });
    if (a.filter_type !== "criteria") return { filter_type: a.filter_type, jump_items: [] };
    const criteria = { ...a.criteria, shared_jump_groups: (a.criteria.shared_jump_groups as number[]).filter((g) => model.get("jump-group", g)) };
    return { filter_type: a.filter_type, criteria, jump_items: jumpItems };
}

/** The paths below an account or group where the control API reads and edits its association. */
export const ASSOCIATION_OWNERS = OWNERS.map((o) => o.kind);

/** For the control API: the owner's association as stored (secrets are not involved), or undefined. */
export function storedAssociation(obj: Obj): Obj | undefined {
    return obj[STORED] as Obj | undefined;
}

/** For the control API: a raw edit (no validation), or undefined to remove the owner's own association. */
export function withAssociation(obj: Obj, edit: Obj | undefined): Obj {
    const { [STORED]: current, ...rest } = obj;
    return edit === undefined ? rest : { ...rest, [STORED]: { ...((current as Obj) ?? groupDefault()), ...edit } };
}
