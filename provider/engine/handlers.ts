// One generic implementation of Pulumi's dynamic-provider methods, driven by a ResourceSpec.
// Every kind gets the same guarantees: validation before any API call, explicit defaults, minimal
// PATCHes, complete outputs, drift-aware reads, adoption, and secrets kept out of errors.
import type { ConfigApiProduct } from "../core/product";
import * as fs from "fs";
import { ConnectionInput, ResolvedConnection, configuredProduct, effectiveOrigin, effectiveSetting, hostProblem } from "../core/connection";
import { detectProduct } from "../core/product-detection";
import { registerSecret } from "../core/redact";
import { Failure, FieldSpec, ID_MAX, checkField, defaultFor, isUnknown, preview, sameValue } from "./fields";
import { ApiObject, CallContext, ResourceSpec } from "./spec";
import { withResourceError } from "./errors";
import { IDENTITY, checkBeforeWrite, distrust, identityError, identityOf, judgeable, objectProblem, originProblem, recordedIdentity, vouch } from "./identity";

type Props = Record<string, unknown>;

/** Properties every kind accepts besides its fields. */
const CONNECTION = "connection";
const ADOPT = "adopt";
/**
 * With adopt: leave the adopted object's write-only secrets as the appliance holds them instead of
 * sending the declared ones (which it cannot show us). For programs whose secrets are the current
 * values, as an imported program's are; a later change of a secret is sent as usual.
 */
const KEEP_SECRETS = "keepSecretsOnAdopt";
const PROVIDER = "__provider";

export interface CheckResult {
    inputs?: Props;
    failures?: Failure[];
}
export interface DiffResult {
    changes: boolean;
    replaces: string[];
    stables: string[];
    deleteBeforeReplace: boolean;
}

export interface DynamicHandler {
    check(olds: Props, news: Props): Promise<CheckResult>;
    diff(id: string, olds: Props, news: Props): Promise<DiffResult>;
    create(inputs: Props): Promise<{ id: string; outs: Props }>;
    read(id: string, props: Props): Promise<{ id: string; props?: Props; inputs?: Props }>;
    update(id: string, olds: Props, news: Props): Promise<{ outs: Props }>;
    delete(id: string, props: Props): Promise<void>;
}

function appliesTo(field: Pick<FieldSpec, "products">, product: ConfigApiProduct): boolean {
    return !field.products || field.products.includes(product);
}

/** Why a kind cannot exist on this product, or undefined when it can. */
function kindMissing(spec: ResourceSpec, product: ConfigApiProduct): string | undefined {
    if (appliesTo(spec, product)) return undefined;
    const only = spec.products!.map((p) => p.toUpperCase()).join(", ");
    return `${spec.title} does not exist on ${product.toUpperCase()}; it is only available on ${only}`;
}

/** An own property only: inputs are plain data, and "constructor" or "__proto__" are not properties. */
function own(o: Props, key: string): unknown {
    return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

const CONNECTION_SETTINGS = ["host", "clientId", "clientSecret", "caCert", "caFile", "insecure", "product"];

function checkConnection(value: unknown, failures: Failure[]): ConnectionInput | undefined {
    if (isUnknown(value)) return value as ConnectionInput;
    let c: Record<string, unknown> | undefined;
    if (value !== undefined && value !== null) {
        if (typeof value !== "object" || Array.isArray(value)) {
            failures.push({ property: CONNECTION, reason: "must be an object {host, clientId, clientSecret, ...}" });
            return undefined;
        }
        c = value as Record<string, unknown>;
        for (const key of Object.keys(c)) {
            if (!CONNECTION_SETTINGS.includes(key)) {
                failures.push({
                    property: `${CONNECTION}.${key}`,
                    reason: `is not a connection setting (use ${CONNECTION_SETTINGS.join(", ")})${didYouMean(key, CONNECTION_SETTINGS)}`,
                });
            }
        }
        for (const key of ["host", "clientId", "clientSecret", "caCert", "caFile"]) {
            const v = own(c, key);
            if (v !== undefined && !isUnknown(v) && typeof v !== "string") failures.push({ property: `${CONNECTION}.${key}`, reason: "must be a string" });
        }
        const insecure = own(c, "insecure");
        if (insecure !== undefined && !isUnknown(insecure) && typeof insecure !== "boolean")
            failures.push({ property: `${CONNECTION}.insecure`, reason: "must be true or false" });
        const product = own(c, "product");
        if (product !== undefined && !isUnknown(product) && product !== "pra" && product !== "rs")
            failures.push({ property: `${CONNECTION}.product`, reason: 'must be "pra" or "rs"' });
        registerSecret(own(c, "clientSecret"));
    }
    const input = c as ConnectionInput | undefined;
    // The host and CA file calls would use, wherever they come from: a host that calls would refuse
    // or a CA file that cannot be read fails preview, not the first create.
    const host = effectiveSetting("host", input);
    if (typeof host.value === "string" && !isUnknown(host.value)) {
        const problem = hostProblem(host.value);
        const from = host.source === `${CONNECTION}.host` ? "" : ` (from ${host.source})`;
        if (problem) failures.push({ property: `${CONNECTION}.host`, reason: `is not a usable appliance host${from}: ${problem}` });
    }
    const caCert = effectiveSetting("caCert", input);
    const caFile = effectiveSetting("caFile", input);
    if (caCert.value === undefined && typeof caFile.value === "string" && !isUnknown(caFile.value)) {
        const from = caFile.source === `${CONNECTION}.caFile` ? "" : ` (from ${caFile.source})`;
        const problem = caFileProblem(caFile.value);
        if (problem) failures.push({ property: `${CONNECTION}.caFile`, reason: `${problem}${from}` });
    }
    return input;
}

/** Why a CA bundle path cannot be used: it must be a readable file holding a PEM certificate. */
function caFileProblem(path: string): string | undefined {
    let text: string;
    try {
        if (!fs.statSync(path).isFile()) return `is not a file: ${JSON.stringify(path)}`;
        text = fs.readFileSync(path, "utf8");
    } catch (err) {
        const code = (err as { code?: string }).code;
        return code === "ENOENT"
            ? `names a file that does not exist: ${JSON.stringify(path)}`
            : `names a file that cannot be read (${code ?? "error"}): ${JSON.stringify(path)}`;
    }
    return /-----BEGIN CERTIFICATE-----/.test(text) ? undefined : `names a file with no PEM certificate (-----BEGIN CERTIFICATE-----): ${JSON.stringify(path)}`;
}

/** Kinds whose ids are "<groupPolicyId>/<objectId>" (group-policy grants). */
function compositeIds(spec: ResourceSpec): boolean {
    const gp = Object.prototype.hasOwnProperty.call(spec.fields, "groupPolicyId") ? spec.fields.groupPolicyId : undefined;
    return gp?.type.kind === "ref";
}

function isId(text: string): boolean {
    return /^\d+$/.test(text) && Number(text) >= 1 && Number(text) <= ID_MAX;
}

function checkAdopt(spec: ResourceSpec, value: unknown, failures: Failure[]): true | string | undefined {
    if (value === undefined || value === null || value === false) return undefined;
    if (value === true || isUnknown(value)) return value as true;
    const composite = compositeIds(spec);
    if (typeof value === "number" && Number.isInteger(value) && value >= 1 && value <= ID_MAX && !composite) return String(value);
    if (typeof value === "string") {
        const text = value.trim();
        const parts = composite ? text.split("/") : [text];
        if (parts.length === (composite ? 2 : 1) && parts.every(isId)) return text;
    }
    const id = composite ? `"<groupPolicyId>/<objectId>" (e.g. "3/7")` : `a whole number from 1 to ${ID_MAX}`;
    failures.push({
        property: ADOPT,
        reason: `must be true (find the existing object by its natural key) or the id of the object to take over, ${id}; not ${preview(value)}`,
    });
    return undefined;
}

/** " (did you mean \"hostname\"?)" for a near miss among the candidates, or "". */
function didYouMean(key: string, candidates: readonly string[]): string {
    const lower = key.toLowerCase();
    let best: string | undefined;
    let bestDistance = Infinity;
    for (const c of candidates) {
        const d = c.toLowerCase() === lower ? 0 : editDistance(lower, c.toLowerCase());
        if (d < bestDistance) {
            best = c;
            bestDistance = d;
        }
    }
    const allowed = Math.max(1, Math.min(3, Math.floor(key.length / 3)));
    return best !== undefined && bestDistance <= allowed ? ` (did you mean ${JSON.stringify(best)}?)` : "";
}

function editDistance(a: string, b: string): number {
    const row = Array.from({ length: b.length + 1 }, (_, j) => j);
    for (let i = 1; i <= a.length; i++) {
        let diagonal = row[0];
        row[0] = i;
        for (let j = 1; j <= b.length; j++) {
            const above = row[j];
            row[j] = Math.min(row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] === b[j - 1] ? 0 : 1));
            diagonal = above;
        }
    }
    return row[b.length];
}

/** Properties the program gave that the kind does not have, each refused with a near miss if any. */
function checkUnknownProperties(spec: ResourceSpec, news: Props, failures: Failure[]): void {
    const proto = Object.getPrototypeOf(news);
    if (proto !== Object.prototype && proto !== null) {
        failures.push({ property: "__proto__", reason: `is not a property of ${spec.title}: inputs must be plain data` });
    }
    const candidates = [...Object.keys(spec.fields), CONNECTION, ADOPT, KEEP_SECRETS];
    for (const key of Object.keys(news)) {
        if (key === PROVIDER || key === CONNECTION || key === ADOPT || key === KEEP_SECRETS || Object.prototype.hasOwnProperty.call(spec.fields, key)) continue;
        if (Object.prototype.hasOwnProperty.call(spec.outputs, key)) {
            failures.push({ property: key, reason: `is an output of ${spec.title}, computed by the appliance; it cannot be set` });
            continue;
        }
        failures.push({ property: key, reason: `is not a property of ${spec.title}${didYouMean(key, candidates)}` });
    }
}

/**
 * The engine prints a failure as "property <p> value {<the input's value>} has a problem: <reason>"
 * whenever <p> is a top-level input, secret or not. So a failure on a property whose value may be a
 * secret (a secret field, the connection, a property the kind does not have, which may be a
 * misspelled password) is reported without a property, its name leading the reason instead. Dotted
 * paths (connection.host) are not looked up by the engine and keep their property.
 */
function forEngine(spec: ResourceSpec, f: Failure): Failure {
    if (f.property.includes(".") || f.property === ADOPT) return f;
    const field = Object.prototype.hasOwnProperty.call(spec.fields, f.property) ? spec.fields[f.property] : undefined;
    if (field && !field.secret) return f;
    return { property: "", reason: `${f.property}: ${f.reason}` };
}

/** Whether a check failure is about `property`, however it is reported (see forEngine). */
export function failureNames(f: Failure, property: string): boolean {
    return f.property === property || (f.property === "" && f.reason.startsWith(`${property}: `));
}

/** The API body for the checked inputs: only fields this product has, undefined left out. */
function toApi(spec: ResourceSpec, inputs: Props, product: ConfigApiProduct, includeNull: boolean): ApiObject {
    const body: ApiObject = {};
    for (const [name, field] of Object.entries(spec.fields)) {
        if (!appliesTo(field, product)) continue;
        const v = inputs[name];
        if (v === undefined || (v === null && !includeNull)) continue;
        body[field.api] = field.codec && v !== null ? field.codec.toApi(v) : v;
        if (field.secret) registerSecret(v);
    }
    return { ...body, ...(spec.fixedBody?.(inputs) ?? {}) };
}

/** Complete outputs: live values for what the API returns, the inputs' values for write-only secrets. */
function toOutputs(spec: ResourceSpec, inputs: Props, live: ApiObject, product: ConfigApiProduct): Props {
    const outs: Props = {};
    for (const [name, field] of Object.entries(spec.fields)) {
        // Unmanaged properties stay out of state, so a refresh cannot turn them into inputs that
        // the next preview would show as removed.
        if (!appliesTo(field, product) || !managed(field, inputs[name])) continue;
        if (field.secret || !(field.api in live)) outs[name] = inputs[name] ?? null;
        else outs[name] = field.codec && live[field.api] !== null ? field.codec.fromApi(live[field.api]) : live[field.api];
    }
    for (const [name, apiName] of Object.entries(spec.outputs)) {
        outs[name] = live[apiName] ?? null;
        if (spec.secretOutputs?.includes(name)) registerSecret(outs[name]);
    }
    if (inputs[CONNECTION] !== undefined) outs[CONNECTION] = inputs[CONNECTION];
    if (inputs[ADOPT] !== undefined) outs[ADOPT] = inputs[ADOPT];
    if (inputs[KEEP_SECRETS] !== undefined) outs[KEEP_SECRETS] = inputs[KEEP_SECRETS];
    return outs;
}

/** The inputs a refreshed resource would have had to produce what is live now. */
function toInputs(spec: ResourceSpec, outs: Props): Props {
    const inputs: Props = {};
    for (const name of Object.keys(spec.fields)) {
        if (outs[name] !== undefined) inputs[name] = outs[name];
    }
    if (outs[CONNECTION] !== undefined) inputs[CONNECTION] = outs[CONNECTION];
    if (outs[ADOPT] !== undefined) inputs[ADOPT] = outs[ADOPT];
    if (outs[KEEP_SECRETS] !== undefined) inputs[KEEP_SECRETS] = outs[KEEP_SECRETS];
    return inputs;
}

/**
 * An optional property the program leaves out, with no default, is not managed: whatever the
 * appliance holds is kept and never reported as drift (Terraform's optional+computed).
 */
function managed(field: FieldSpec, value: unknown): boolean {
    return value !== undefined || field.required === true;
}

/** The resolved connection, its product asked of the appliance (once per process) when nothing configures it. */
async function connect(spec: ResourceSpec, input: unknown): Promise<ResolvedConnection> {
    const conn = spec.resolveConnection(input as ConnectionInput | undefined);
    if (conn.productSource !== undefined) return conn;
    const { product, source } = await detectProduct(conn, spec.client(conn));
    return { ...conn, product, productSource: source };
}

/**
 * With no product configured, check accepted every product's fields and applied every product's
 * defaults; now that the product is known, a field it lacks is refused before any write unless it
 * only holds its default (which is then left out, as check would have done).
 */
function unavailableFields(spec: ResourceSpec, inputs: Props, product: ConfigApiProduct): string[] {
    const refused: string[] = [];
    for (const [name, field] of Object.entries(spec.fields)) {
        const v = inputs[name];
        if (appliesTo(field, product) || v === undefined || v === null) continue;
        if (field.default !== undefined && sameValue(v, defaultFor(field, inputs))) continue;
        refused.push(`${name} is not available on ${product.toUpperCase()} (only on ${field.products!.join(", ").toUpperCase()})`);
    }
    return refused;
}

async function context(spec: ResourceSpec, inputs: Props): Promise<CallContext> {
    const conn = await connect(spec, inputs[CONNECTION]);
    const configured = configuredProduct(inputs[CONNECTION] as ConnectionInput | undefined) !== undefined;
    const why = configured ? `beyondtrust:product or BT_PRODUCT says ${JSON.stringify(conn.product)}` : `${conn.productSource}`;
    const missing = kindMissing(spec, conn.product);
    if (missing) throw new Error(`${missing} (${why})`);
    const unavailable = unavailableFields(spec, inputs, conn.product);
    if (unavailable.length > 0) throw new Error(`${spec.title}: ${unavailable.join("; ")} (${why}); nothing was written`);
    const body = toApi(spec, inputs, conn.product, false);
    return { conn, client: spec.client(conn), body, inputs };
}

/** Where a resource's connection points, falling back to stack config and environment as calls do. */
function originOf(connection: unknown): string | undefined {
    if (isUnknown(connection)) return undefined;
    const input = connection as ConnectionInput | undefined;
    if (input?.host !== undefined && isUnknown(input.host)) return undefined;
    return effectiveOrigin(input);
}

export function handlerFor(spec: ResourceSpec): DynamicHandler {
    /** Outputs with the record of which appliance and object the id belongs to (see identity.ts). */
    const recorded = (outs: Props, conn: ReturnType<ResourceSpec["resolveConnection"]>, live: ApiObject, inputs: Props): Props => ({
        ...outs,
        [IDENTITY]: identityOf(spec, conn, live, inputs),
    });
    /** An id recorded on one appliance is never used on another. */
    const refuseOtherOrigin = (id: string, action: string, identity: ReturnType<typeof recordedIdentity>, conn: { origin: string }) => {
        const problem = originProblem(identity, conn);
        if (problem) throw new Error(`${spec.title} ${id}: refusing to ${action} it: ${problem}`);
    };
    return {
        async check(_olds, news) {
            const failures: Failure[] = [];
            const connection = checkConnection(own(news, CONNECTION), failures);
            const adopt = checkAdopt(spec, own(news, ADOPT), failures);
            // No product configured: check makes no API call, so it accepts every product's fields and
            // defaults; create and update refuse what the detected product lacks before any write.
            const configured = configuredProduct(isUnknown(connection) ? undefined : connection);
            const product = configured?.product;
            const missing = product && kindMissing(spec, product);
            if (missing) {
                failures.push({ property: `${CONNECTION}.product`, reason: `is ${JSON.stringify(product)} (from ${configured!.source}): ${missing}` });
            }
            const inputs: Props = {};
            checkUnknownProperties(spec, news, failures);
            for (const [name, field] of Object.entries(spec.fields)) {
                const value = own(news, name);
                if (product && !appliesTo(field, product)) {
                    if (value !== undefined && value !== null) {
                        failures.push({
                            property: name,
                            reason: `is not available on ${product.toUpperCase()} (only on ${field.products!.join(", ").toUpperCase()})`,
                        });
                    }
                    continue;
                }
                if (value === undefined && field.default !== undefined) continue; // defaulted below
                const r = checkField(name, field, value);
                if (r.failure) failures.push(r.failure);
                else if (r.value !== undefined) inputs[name] = r.value;
            }
            // Defaults second: some depend on other checked values (a shell jump's port on its protocol).
            for (const [name, field] of Object.entries(spec.fields)) {
                if ((product && !appliesTo(field, product)) || own(news, name) !== undefined || field.default === undefined) continue;
                const value = defaultFor(field, inputs);
                if (value !== undefined) inputs[name] = value;
            }
            const anyUnknown = Object.values(inputs).some(isUnknown);
            // Before refine: a kind may check adopt against its own keys (a grant's id).
            if (adopt !== undefined) inputs[ADOPT] = adopt;
            if (failures.length === 0 && !anyUnknown && spec.refine) failures.push(...spec.refine(inputs));
            if (connection !== undefined) inputs[CONNECTION] = connection;
            const keep = own(news, KEEP_SECRETS);
            if (keep !== undefined && keep !== null && !isUnknown(keep)) {
                if (typeof keep !== "boolean") failures.push({ property: KEEP_SECRETS, reason: "must be true or false" });
                else if (keep) inputs[KEEP_SECRETS] = true;
            }
            return failures.length > 0 ? { inputs: news, failures: failures.map((f) => forEngine(spec, f)) } : { inputs };
        },

        async diff(_id, olds, news) {
            const changed: string[] = [];
            const replaces: string[] = [];
            for (const [name, field] of Object.entries(spec.fields)) {
                if (!managed(field, news[name])) continue;
                // A field only some products have, at its default and never reported by the object:
                // its appliance lacks it (with no product configured, check applies every product's defaults).
                if (field.products && !(name in olds) && sameValue(news[name], defaultFor(field, news))) continue;
                const unknown = isUnknown(news[name]);
                if (unknown || !sameValue(olds[name], news[name])) {
                    changed.push(name);
                    if (field.replaceOnChange || (unknown && field.diesWithReference)) replaces.push(name);
                }
            }
            const oldConn = olds[CONNECTION];
            const newConn = news[CONNECTION];
            if (!sameValue(oldConn, newConn)) {
                changed.push(CONNECTION);
                // Another appliance is another object: it has to be created there.
                const newOrigin = originOf(newConn);
                if (newOrigin === undefined || originOf(oldConn) !== newOrigin) replaces.push(CONNECTION);
            } else {
                // The same connection input now reaching another appliance (stack config or the
                // environment changed): fail the plan, before `up` applies any of it.
                const now = originOf(newConn);
                if (now !== undefined) refuseOtherOrigin(_id, "plan a change to", recordedIdentity(olds), { origin: now });
            }
            // A changed provider shim must reach state, or refresh and delete keep running the old one.
            if (olds[PROVIDER] !== undefined && news[PROVIDER] !== undefined && olds[PROVIDER] !== news[PROVIDER]) {
                changed.push(PROVIDER);
            }
            const stables = Object.keys(spec.outputs);
            return {
                changes: changed.length > 0,
                replaces,
                stables: replaces.length === 0 ? stables : [],
                // A unique name only collides on the same appliance; a move creates first, then deletes.
                deleteBeforeReplace: replaces.length > 0 && !replaces.includes(CONNECTION) && (spec.deleteBeforeReplace?.(olds, news) ?? false),
            };
        },

        async create(inputs) {
            const ctx = await context(spec, inputs);
            const adopt = inputs[ADOPT] as true | string | undefined;
            if (adopt !== undefined) {
                const found = await withResourceError(spec, "find the object to adopt", () => spec.api.find(ctx, adopt));
                if (found) {
                    const changed = changedApiFields(spec, found.live, ctx.body, ctx.conn.product, inputs[KEEP_SECRETS] === true);
                    const live =
                        Object.keys(changed).length > 0
                            ? await withResourceError(
                                  spec,
                                  "converge the adopted object",
                                  () => spec.api.update({ ...ctx, previous: found.live }, found.id, changed),
                                  found.id,
                              )
                            : found.live;
                    return { id: found.id, outs: recorded(toOutputs(spec, inputs, live, ctx.conn.product), ctx.conn, live, inputs) };
                }
                if (adopt !== true) {
                    throw new Error(`${spec.title}: adopt names id ${adopt}, but no such object exists`);
                }
            }
            const { id, live } = await withResourceError(
                spec,
                "create",
                () => spec.api.create(ctx),
                undefined,
                (partial) => recorded(toOutputs(spec, inputs, partial, ctx.conn.product), ctx.conn, partial, inputs),
            );
            return { id, outs: recorded(toOutputs(spec, inputs, live, ctx.conn.product), ctx.conn, live, inputs) };
        },

        async read(id, props) {
            // The origin is checked before any call, product detection included.
            const identity = recordedIdentity(props);
            refuseOtherOrigin(id, "read", identity, spec.resolveConnection(props[CONNECTION] as ConnectionInput | undefined));
            const conn = await connect(spec, props[CONNECTION]);
            const client = spec.client(conn);
            const live = await withResourceError(spec, "read", () => spec.api.read({ conn, client, inputs: props }, id), id);
            if (!live) return { id: "" };
            if (identity) {
                const problem = objectProblem(identity, live);
                if (problem) {
                    distrust(client, spec.kind);
                    throw identityError(spec, id, "read", conn.origin, problem);
                }
                if (judgeable(identity)) vouch(client, spec.kind);
            }
            // An old state without the record gets it here; a current one follows the live object (drift included).
            const outs = recorded(toOutputs(spec, props, live, conn.product), conn, live, props);
            return { id, props: outs, inputs: toInputs(spec, outs) };
        },

        async update(id, olds, news) {
            const identity = recordedIdentity(olds);
            refuseOtherOrigin(id, "update", identity, spec.resolveConnection(news[CONNECTION] as ConnectionInput | undefined));
            const ctx = await context(spec, news);
            const full = toApi(spec, news, ctx.conn.product, true);
            const changed: ApiObject = {};
            for (const [name, field] of Object.entries(spec.fields)) {
                if (!appliesTo(field, ctx.conn.product) || field.createOnly || !managed(field, news[name])) continue;
                if (!sameValue(olds[name], news[name])) changed[field.api] = full[field.api];
            }
            if (Object.keys(changed).length === 0) {
                // Only the connection, the provider shim or unmanaged properties changed: nothing to
                // send to the appliance, and properties the program no longer manages leave state.
                const outs: Props = { ...olds };
                delete outs[PROVIDER];
                for (const [name, field] of Object.entries(spec.fields)) {
                    if (!managed(field, news[name])) delete outs[name];
                }
                for (const key of [CONNECTION, ADOPT, KEEP_SECRETS]) {
                    if (news[key] === undefined) delete outs[key];
                    else outs[key] = news[key];
                }
                return { outs };
            }
            await checkBeforeWrite(spec, ctx.client, id, identity, "update", () =>
                withResourceError(spec, "read before updating", () => spec.api.read(ctx, id), id),
            );
            const previous = toApi(spec, olds, ctx.conn.product, false);
            // A partial failure (a grant removed and not added back) records what is live now.
            const live = await withResourceError(
                spec,
                "update",
                () => spec.api.update({ ...ctx, previous }, id, changed),
                id,
                (partial) => toOutputs(spec, news, partial, ctx.conn.product),
            );
            return { outs: recorded(toOutputs(spec, news, live, ctx.conn.product), ctx.conn, live, news) };
        },

        async delete(id, props) {
            const identity = recordedIdentity(props);
            refuseOtherOrigin(id, "delete", identity, spec.resolveConnection(props[CONNECTION] as ConnectionInput | undefined));
            const conn = await connect(spec, props[CONNECTION]);
            const ctx = { conn, client: spec.client(conn), inputs: props };
            const verdict = await checkBeforeWrite(spec, ctx.client, id, identity, "delete", () =>
                withResourceError(spec, "read before deleting", () => spec.api.read(ctx, id), id),
            );
            if (verdict === "gone") return; // already deleted: nothing to do
            await withResourceError(spec, "delete", () => spec.api.delete(ctx, id), id);
        },
    };
}

/** API fields whose live values differ from the desired body. Secrets are sent (they cannot be read) unless kept. */
function changedApiFields(spec: ResourceSpec, live: ApiObject, body: ApiObject, product: ConfigApiProduct, keepSecrets: boolean): ApiObject {
    const changed: ApiObject = {};
    for (const field of Object.values(spec.fields)) {
        if (!appliesTo(field, product) || field.createOnly || !(field.api in body)) continue;
        if (field.secret && keepSecrets) continue;
        if (field.secret || !sameValue(live[field.api], body[field.api])) changed[field.api] = body[field.api];
    }
    return changed;
}
