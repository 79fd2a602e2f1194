// EPM's Management API routes as data (moto's urls.py + responses.py): method, path pattern and a
// handler that turns HTTP into store calls and store results into responses. Every route is
// served under /v1, /v2 and /v3 alike (assumption V-ALL) and matched case-insensitively.
import { randomUUID } from "node:crypto";
import type { IncomingHttpHeaders } from "node:http";
import { ApiResponse } from "../core/api";
import { Params, Router } from "../core/router";
import { invalid, problem } from "./errors";
import { formParts, partNamed } from "./multipart";
import { page } from "./paging";
import { ComputerSelection, EpmStore } from "./store";

export const API_PREFIX = "/management-api";
export const VERSIONS = ["v1", "v2", "v3"] as const;

export interface EpmRequest {
    params: Params;
    query: URLSearchParams;
    headers: IncomingHttpHeaders;
    raw: Buffer;
}

type Handler = (store: EpmStore, req: EpmRequest) => ApiResponse;

const json = (body: unknown, status = 200): ApiResponse => ({ status, body });
const noContent = (): ApiResponse => ({ status: 204, wrote: true });
/** Mutations answer with a bare GUID as a JSON string (the vendor declares `string`, format uuid). */
const guid = (id: string, status = 200): ApiResponse => ({ status, body: id, wrote: true });

/** One row per operation; `{id}` and `{revisionId}` are GUIDs. */
const ROUTES: [method: string, pattern: string, handler: Handler][] = [
    ["GET", "/About", () => json({ version: "sim", product: "EPM Management API (bt-simulator)" })],

    // ---- groups ----
    ["GET", "/Groups", (s, r) => json(page(s.listGroups(), r.query))],
    ["GET", "/Groups/{id}", (s, r) => json(s.groupView(s.group(guidParam(r.params.id))))],
    ["POST", "/Groups", (s, r) => guid(s.createGroup(fields(jsonBody(r), ["name", "description", "isDefault"])).id, 201)],
    ["PUT", "/Groups", (s, r) => (s.modifyGroup(fields(jsonBody(r), ["id", "name", "description"])), noContent())],
    ["DELETE", "/Groups/{id}", (s, r) => (s.deleteGroup(guidParam(r.params.id)), noContent())],
    [
        "POST",
        "/Groups/{id}/AssignComputers",
        (s, r) => {
            s.assignComputers(guidParam(r.params.id), selection(jsonBody(r), "computerIds"));
            return guid(randomUUID());
        },
    ],
    [
        "POST",
        "/Groups/UnassignComputers",
        (s, r) => {
            const body = jsonBody(r);
            const sel = selection(body, fields(body, ["selectionComputerIds"]).selectionComputerIds !== undefined ? "selectionComputerIds" : "computerIds");
            const { groupId } = fields(body, ["groupId"]);
            // A client may name the group it empties (the SailPoint connector does); then it must exist.
            if (groupId !== undefined && groupId !== null) s.group(guidParam(groupId));
            s.unassignComputers(sel);
            return noContent();
        },
    ],
    [
        "POST",
        "/Groups/{id}/AssignPolicyRevision",
        (s, r) => (s.assignPolicyRevision(guidParam(r.params.id), fields(jsonBody(r), ["policyRevisionId"]).policyRevisionId), noContent()),
    ],
    ["POST", "/Groups/AutoAssignPolicyRevision", (s, r) => guid(s.autoAssign(fields(jsonBody(r), ["policyRevisionId", "policyId"])).latest.id)],
    ["POST", "/Groups/{id}/ClearPolicy", (s, r) => (s.clearPolicy(guidParam(r.params.id)), noContent())],
    ["POST", "/Groups/{id}/MarkAsDefault", (s, r) => (s.markAsDefault(guidParam(r.params.id)), noContent())],

    // ---- policies ----
    ["GET", "/Policies", (s, r) => json(page(s.listPolicies(), r.query))],
    ["GET", "/Policies/{id}", (s, r) => json(s.policyView(s.policy(guidParam(r.params.id))))],
    [
        "POST",
        "/Policies",
        (s, r) => {
            const form = multipart(r);
            return guid(s.createPolicy({ name: form.text("Name"), description: form.text("Description"), content: form.file("PolicyFile") }).id, 201);
        },
    ],
    ["PUT", "/Policies/{id}", (s, r) => (s.updatePolicy(guidParam(r.params.id), fields(jsonBody(r), ["name", "description"])), noContent())],
    [
        "PUT",
        "/Policies",
        (s, r) => {
            const b = fields(jsonBody(r), ["id", "name", "description"]);
            s.updatePolicy(guidParam(b.id), b);
            return noContent();
        },
    ],
    // Discards an open draft; the simulator has no drafts, so it only checks the policy exists.
    ["PATCH", "/Policies/{id}", (s, r) => (s.policy(guidParam(r.params.id)), noContent())],
    ["DELETE", "/Policies/{id}", (s, r) => (s.deletePolicy(guidParam(r.params.id)), noContent())],
    [
        "POST",
        "/Policies/{id}/Upload",
        (s, r) => {
            const form = multipart(r);
            const auto = form.text("AutoAssignToGroups");
            if (auto !== undefined && !/^(true|false)$/i.test(auto))
                throw invalid("AutoAssignToGroups must be true or false.", { AutoAssignToGroups: [`The value '${auto}' is not valid.`] });
            const rev = s.uploadRevision(guidParam(r.params.id), form.file("PolicyFile"), /^true$/i.test(auto ?? ""), form.text("Comment") ?? null);
            return guid(rev.id);
        },
    ],
    ["GET", "/Policies/{id}/Revisions", (s, r) => json(s.revisionsOf(s.policy(guidParam(r.params.id)).id).map((rev) => s.revisionView(rev)))],
    [
        "GET",
        "/Policies/{id}/Revisions/{revisionId}",
        (s, r) => {
            const rev = s.revision(guidParam(r.params.revisionId));
            if (rev.policyId !== s.policy(guidParam(r.params.id)).id)
                throw problem(404, `Policy revision ${r.params.revisionId} does not belong to policy ${r.params.id}.`);
            return json(s.revisionView(rev));
        },
    ],
    ["GET", "/Policies/{id}/Content", (s, r) => xml(s.content(guidParam(r.params.id)))],
    ["GET", "/Policies/{id}/Revisions/{revisionId}/Content", (s, r) => xml(s.content(guidParam(r.params.id), guidParam(r.params.revisionId)))],

    // ---- computers ----
    ["GET", "/Computers", (s, r) => json(page(s.listComputers(), r.query, ["Created", "LastConnected"]))],
    ["GET", "/Computers/{id}", (s, r) => json(s.computerDetail(s.computer(guidParam(r.params.id))))],
    ["DELETE", "/Computers", (s, r) => (s.removeComputers(selection(jsonBody(r), "computerIds")), { status: 200, wrote: true })],
    ["POST", "/Computers/Archive", (s, r) => (s.setArchived(selection(jsonBody(r), "computerIds"), true), { status: 200, wrote: true })],
    ["POST", "/Computers/Unarchive", (s, r) => (s.setArchived(selection(jsonBody(r), "computerIds"), false), { status: 200, wrote: true })],
    ["POST", "/Computers/{id}/Archive", (s, r) => (s.setArchived({ computerIds: [guidParam(r.params.id)] }, true), { status: 200, wrote: true })],
    ["POST", "/Computers/{id}/Unarchive", (s, r) => (s.setArchived({ computerIds: [guidParam(r.params.id)] }, false), { status: 200, wrote: true })],
];

/** Every route under every version, lower-cased: the mount lower-cases paths before matching. */
export function buildEpmRouter(): Router<Handler> {
    const router = new Router<Handler>();
    // Only literal segments are lower-cased: parameter names keep their case ({revisionId}).
    const lower = (p: string) => p.replace(/[^{}]+(?=\{|$)/g, (lit) => lit.toLowerCase());
    for (const v of VERSIONS) for (const [method, pattern, handler] of ROUTES) router.add(method, lower(`/${v}${pattern}`), handler);
    return router;
}

// ---- request reading ---------------------------------------------------------------------------

function guidParam(v: unknown): string {
    const s = String(v ?? "");
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s)) {
        throw invalid(`'${s.slice(0, 64)}' is not a valid GUID.`, { id: [`The value '${s.slice(0, 64)}' is not valid.`] });
    }
    return s.toLowerCase();
}

const JSON_TYPES = /^(application\/json|text\/json|application\/[\w.+-]*\+json)\b/i;

/** The JSON object body. ASP.NET answers an unreadable one with a 400 and a 415 for another media type. */
function jsonBody(r: EpmRequest): Record<string, unknown> {
    const text = r.raw.toString("utf8").trim();
    if (text === "") throw invalid("A non-empty request body is required.", { "": ["A non-empty request body is required."] });
    if (!JSON_TYPES.test(r.headers["content-type"] ?? "")) throw problem(415, "Send the body as application/json.");
    let value: unknown;
    try {
        value = JSON.parse(text, (key, v) => (key === "__proto__" ? undefined : v));
    } catch (err) {
        throw invalid("The request body is not valid JSON.", { $: [(err as Error).message] });
    }
    if (value === null || typeof value !== "object" || Array.isArray(value))
        throw invalid("The request body must be a JSON object.", { $: ["The JSON value could not be converted to an object."] });
    return value as Record<string, unknown>;
}

/** The named properties of a JSON object, found without regard to case (System.Text.Json's web default). */
export function fields<K extends string>(body: Record<string, unknown>, names: K[]): Partial<Record<K, unknown>> {
    const out: Partial<Record<K, unknown>> = {};
    for (const name of names) {
        const key = Object.keys(body).find((k) => k.toLowerCase() === name.toLowerCase());
        if (key !== undefined) out[name] = body[key];
    }
    return out;
}

function guidList(v: unknown, field: string): string[] | undefined {
    if (v === undefined || v === null) return undefined;
    if (!Array.isArray(v) || !v.every((x) => typeof x === "string" && /^[0-9a-f-]{36}$/i.test(x))) {
        throw invalid(`${field} must be a list of GUIDs.`, { [field]: ["The value is not a list of GUIDs."] });
    }
    return v.map((x) => (x as string).toLowerCase());
}

function selection(body: Record<string, unknown>, idsField: "computerIds" | "selectionComputerIds"): ComputerSelection {
    const b = fields(body, [idsField, "excludedComputerIds", "allComputers"] as const);
    if (b.allComputers !== undefined && b.allComputers !== null && typeof b.allComputers !== "boolean") {
        throw invalid("allComputers must be true or false.", { allComputers: ["The value is not a boolean."] });
    }
    return {
        computerIds: guidList(b[idsField], idsField),
        excludedComputerIds: guidList(b.excludedComputerIds, "excludedComputerIds"),
        allComputers: b.allComputers === true,
    };
}

function multipart(r: EpmRequest): { text(name: string): string | undefined; file(name: string): Buffer | undefined } {
    const parts = formParts(r.raw, r.headers["content-type"]);
    return {
        text: (name) => partNamed(parts, name)?.data.toString("utf8"),
        file: (name) => partNamed(parts, name)?.data,
    };
}

function xml(content: string): ApiResponse {
    return { status: 200, body: Buffer.from(content, "utf8"), headers: { "Content-Type": "application/xml; charset=utf-8" } };
}
