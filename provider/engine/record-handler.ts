// The dynamic-provider methods for record kinds, from plain data (RecordSpec): the products whose
// API replaces a whole record on update (Password Safe, EPM), beside provider/engine/handlers.ts for
// PRA/RS's PATCH-by-field API. What differs from PRA is the API's shape, not the guarantees: GUID
// ids, a PUT of the whole record on update (a field left out is cleared), values that can often be
// read back (a password, a text, a file's hash, a policy's XML), so drift of a secret is seen without
// showing it. A product plugs in through its ProductBinding (connection settings, their checks, its
// client); this file names no product. Checks make no API call.
import { ApiClient, Endpoint } from "../core/api-client";
import { isNotFound } from "../core/errors";
import { registerSecret } from "../core/redact";
import { Failure, FieldTable, GUID, ZERO_GUID, checkField, isUnknown, preview, sameValue } from "./fields";
import type { DynamicHandler } from "./handlers";

type Props = Record<string, unknown>;
export type ApiObject = Record<string, unknown>;

/** A product as the record handler needs it: how its `connection` input is checked and turned into a client. */
export interface ProductBinding<C extends Endpoint> {
    /** For messages: "Password Safe connection setting". */
    title: string;
    /** The settings a `connection` input may hold; `insecure` is a boolean, every other a string. */
    settings: readonly string[];
    /** Settings whose values are credentials: registered for redaction. */
    secretSettings: readonly string[];
    /** How a connection is written, for the message when it is not an object. */
    shape: string;
    /** Why a connection (input, then stack config, then environment) cannot be used; empty when it can. */
    problems(input: Props | undefined): Array<{ setting: string; reason: string }>;
    /** The `url` setting as resolved (input, stack config, environment), and where it came from. */
    url(input: Props | undefined): { value?: string; source: string };
    /** Throws with the reason when a url cannot be used. */
    parseUrl(text: string): unknown;
    /** The shared client of the account the connection names. */
    client(input: Props | undefined): ApiClient<C>;
}

export interface RecordContext<C extends Endpoint> {
    client: ApiClient<C>;
    /** The checked inputs (camelCase), derived values included (a file's contentSha256). */
    inputs: Props;
    /** On update: state's outputs (what the object looked like after the last operation). */
    olds?: Props;
}

export interface RecordApi<C extends Endpoint> {
    /** Creates the object; returns it as the API reports it. */
    create(ctx: RecordContext<C>): Promise<ApiObject>;
    /** undefined when it no longer exists. */
    read(ctx: RecordContext<C>, id: string): Promise<ApiObject | undefined>;
    /** Puts every declared field (and moves it when its parent changed); returns the object after. */
    update(ctx: RecordContext<C>, id: string, live: ApiObject | undefined): Promise<ApiObject>;
    /** 404 counts as done. */
    delete(ctx: RecordContext<C>, id: string): Promise<void>;
    /** The existing object `adopt: true` takes over, by its natural key. */
    find(ctx: RecordContext<C>): Promise<ApiObject | undefined>;
}

export interface RecordSpec<C extends Endpoint> {
    /** e.g. "passwordsafe:Safe". */
    kind: string;
    title: string;
    /** The product: its connection and client. */
    product: ProductBinding<C>;
    /** Properties (FieldSpec.api is the API's PascalCase name). */
    fields: FieldTable;
    /** Values the appliance computes: property → how to read it from the live object. */
    outputs: Record<string, string>;
    /** Cross-field rules and derived inputs (read a file, hash it); run after every field passed. */
    refine?: (inputs: Props) => Failure[];
    /** Properties diff ignores (their effect is judged through another, e.g. content by its hash). */
    diffIgnores?: readonly string[];
    /**
     * Outputs that refine derives from the inputs at check (a file's contentSha256) and that diff
     * compares with state's (read from the appliance), so a value changed on either side is seen.
     */
    derived?: readonly string[];
    /** The natural key adopt:true finds the object by, for messages. */
    naturalKey: string;
    /** The declared properties as the live object holds them (drift), given the inputs. */
    fromApi(live: ApiObject, inputs: Props): Props;
    api: RecordApi<C>;
}

const CONNECTION = "connection";
const ADOPT = "adopt";
const PROVIDER = "__provider";

function own(o: Props, key: string): unknown {
    return Object.prototype.hasOwnProperty.call(o, key) ? o[key] : undefined;
}

/** Failures on secret properties (or any the kind lacks) carry no property: the engine would print the value. */
function forEngine(spec: RecordSpec<Endpoint>, f: Failure): Failure {
    if (f.property.includes(".") || f.property === ADOPT) return f;
    const field = Object.prototype.hasOwnProperty.call(spec.fields, f.property) ? spec.fields[f.property] : undefined;
    if (field && !field.secret) return f;
    return { property: "", reason: `${f.property}: ${f.reason}` };
}

function checkConnection(product: ProductBinding<Endpoint>, value: unknown, failures: Failure[]): Props | undefined {
    if (value === undefined || value === null) return undefined;
    if (isUnknown(value)) return value as Props;
    if (typeof value !== "object" || Array.isArray(value)) {
        failures.push({ property: CONNECTION, reason: `must be an object ${product.shape}` });
        return undefined;
    }
    const c = value as Props;
    for (const s of product.secretSettings) registerSecret(own(c, s));
    for (const key of Object.keys(c)) {
        if (!product.settings.includes(key)) {
            failures.push({
                property: `${CONNECTION}.${key}`,
                reason: `is not ${/^[aeiou]/i.test(product.title) ? "an" : "a"} ${product.title} (use ${product.settings.join(", ")})`,
            });
        } else if (key === "insecure") {
            if (!isUnknown(c[key]) && typeof c[key] !== "boolean") failures.push({ property: `${CONNECTION}.insecure`, reason: "must be true or false" });
        } else if (c[key] !== undefined && !isUnknown(c[key]) && typeof c[key] !== "string") {
            failures.push({ property: `${CONNECTION}.${key}`, reason: "must be a string" });
        }
    }
    if (failures.some((f) => f.property.startsWith(`${CONNECTION}.`)) || Object.values(c).some(isUnknown)) return c;
    // The resource names its own connection: what it names must be usable, before any call.
    for (const p of product.problems(c)) failures.push({ property: `${CONNECTION}.${p.setting}`, reason: p.reason });
    return c;
}

/** A url set in stack config or the environment must be usable too (the connection input's is checked above). */
function checkAmbientUrl(product: ProductBinding<Endpoint>, input: Props | undefined, failures: Failure[]): void {
    if (isUnknown(input) || input?.url !== undefined) return;
    const url = product.url(input);
    if (url.value === undefined) return;
    try {
        product.parseUrl(url.value);
    } catch (err) {
        failures.push({ property: `${CONNECTION}.url`, reason: `${(err as Error).message} (from ${url.source})` });
    }
}

function checkAdopt(value: unknown, failures: Failure[]): true | string | undefined {
    if (value === undefined || value === null || value === false) return undefined;
    if (value === true || isUnknown(value)) return value as true;
    const text = typeof value === "string" ? value.trim().toLowerCase() : "";
    if (GUID.test(text) && text !== ZERO_GUID) return text;
    failures.push({
        property: ADOPT,
        reason: `must be true (find the existing object by its natural key) or the GUID of the object to take over; not ${preview(value)}`,
    });
    return undefined;
}

/** Whether a property is managed: a declared value (undefined means the program leaves it to the appliance). */
function managed(value: unknown): boolean {
    return value !== undefined;
}

/** The API's own error with the resource named; messages are redacted by ApiError already. */
async function step<T>(spec: RecordSpec<Endpoint>, what: string, run: () => Promise<T>, id?: string): Promise<T> {
    try {
        return await run();
    } catch (err) {
        // A copy: one sign-in error is shared by every caller that awaited the same sign-in.
        const e = err as Error;
        const named = Object.assign(Object.create(Object.getPrototypeOf(e)) as Error, e);
        named.message = `${spec.title}${id ? ` ${id}` : ""}: could not ${what}: ${e.message}`;
        named.stack = `${e.name}: ${named.message}`;
        throw named;
    }
}

export function recordHandlerFor<C extends Endpoint>(spec: RecordSpec<C>): DynamicHandler {
    const connect = (inputs: Props): ApiClient<C> => spec.product.client(inputs[CONNECTION] as Props | undefined);
    const outputsOf = (live: ApiObject): Props => {
        const outs: Props = {};
        for (const [prop, api] of Object.entries(spec.outputs)) if (live[api] !== undefined) outs[prop] = live[api];
        return outs;
    };
    /** Complete outputs: the inputs, the declared properties as live holds them, the computed values. */
    const toOutputs = (inputs: Props, live: ApiObject): Props => {
        const outs: Props = { ...inputs };
        // What the answer did not carry keeps the declared value (a PUT answered 204, a partial report).
        // An optional property the program left out and that has no default is not managed: live's
        // value stays out of state, or refresh would make it an input and the next plan would show
        // it as removed (`- owners` on a secret whose owners defaulted to the signed-in user).
        const unmanaged = (k: string) => inputs[k] === undefined && spec.fields[k] !== undefined && spec.fields[k].default === undefined;
        for (const [k, v] of Object.entries(spec.fromApi(live, inputs))) if (v !== undefined && !unmanaged(k)) outs[k] = v;
        return { ...outs, ...outputsOf(live) };
    };
    const toInputs = (outs: Props): Props => {
        const inputs: Props = {};
        for (const [k, v] of Object.entries(outs)) if (!(k in spec.outputs) && k !== PROVIDER) inputs[k] = v;
        return inputs;
    };
    // Password Safe answers PascalCase (Id), EPM camelCase (id).
    const idOf = (live: ApiObject): string => String(live.Id ?? live.id ?? "").toLowerCase();

    return {
        async check(_olds, news) {
            const failures: Failure[] = [];
            const connection = checkConnection(spec.product, own(news, CONNECTION), failures);
            checkAmbientUrl(spec.product, connection, failures);
            const adopt = checkAdopt(own(news, ADOPT), failures);
            const proto = Object.getPrototypeOf(news);
            if (proto !== Object.prototype && proto !== null)
                failures.push({ property: "__proto__", reason: `is not a property of ${spec.title}: inputs must be plain data` });
            for (const key of Object.keys(news)) {
                if (key === PROVIDER || key === CONNECTION || key === ADOPT || Object.prototype.hasOwnProperty.call(spec.fields, key)) continue;
                if (Object.prototype.hasOwnProperty.call(spec.outputs, key))
                    failures.push({ property: key, reason: `is an output of ${spec.title}, computed by the appliance; it cannot be set` });
                else failures.push({ property: key, reason: `is not a property of ${spec.title} (its properties: ${Object.keys(spec.fields).join(", ")})` });
            }
            const inputs: Props = {};
            for (const [name, field] of Object.entries(spec.fields)) {
                const value = own(news, name);
                if (field.secret && typeof value === "string") registerSecret(value);
                const r = checkField(name, field, value === undefined && field.default !== undefined ? field.default : value);
                if (r.failure) failures.push(r.failure);
                else if (r.value !== undefined) inputs[name] = r.value;
            }
            if (failures.length === 0 && !Object.values(inputs).some(isUnknown) && spec.refine) failures.push(...spec.refine(inputs));
            if (adopt !== undefined) inputs[ADOPT] = adopt;
            if (connection !== undefined) inputs[CONNECTION] = connection;
            return failures.length > 0 ? { inputs: news, failures: failures.map((f) => forEngine(spec, f)) } : { inputs };
        },

        async diff(_id, olds, news) {
            const changed: string[] = [];
            const replaces: string[] = [];
            for (const [name, field] of Object.entries(spec.fields)) {
                if (spec.diffIgnores?.includes(name) || !managed(news[name])) continue;
                if (isUnknown(news[name]) || !sameValue(olds[name], news[name])) {
                    changed.push(name);
                    if (field.replaceOnChange) replaces.push(name);
                }
            }
            for (const name of spec.derived ?? []) if (!sameValue(olds[name], news[name])) changed.push(name);
            if (!sameValue(olds[CONNECTION], news[CONNECTION])) {
                changed.push(CONNECTION);
                // Another appliance is another object. A changed key or user is the same appliance.
                const url = (c: unknown) => (isUnknown(c) ? undefined : spec.product.url(c as Props | undefined).value);
                const newUrl = url(news[CONNECTION]);
                if (newUrl === undefined || newUrl !== url(olds[CONNECTION])) replaces.push(CONNECTION);
            }
            if (olds[PROVIDER] !== undefined && news[PROVIDER] !== undefined && olds[PROVIDER] !== news[PROVIDER]) changed.push(PROVIDER);
            return { changes: changed.length > 0, replaces, stables: replaces.length === 0 ? Object.keys(spec.outputs) : [], deleteBeforeReplace: false };
        },

        async create(inputs) {
            const ctx: RecordContext<C> = { client: connect(inputs), inputs };
            const adopt = inputs[ADOPT] as true | string | undefined;
            if (adopt !== undefined) {
                const found = await step(spec, `find the object to adopt (by ${adopt === true ? spec.naturalKey : "id"})`, () =>
                    adopt === true ? spec.api.find(ctx) : spec.api.read(ctx, adopt),
                );
                if (found) {
                    const id = idOf(found);
                    // Converged by one full PUT: values that cannot be compared in clear (secrets) are sent either way.
                    const live = await step(spec, "converge the adopted object", () => spec.api.update(ctx, id, found), id);
                    return { id, outs: toOutputs(inputs, live) };
                }
                if (adopt !== true) throw new Error(`${spec.title}: adopt names id ${adopt}, but no such object exists`);
            }
            const live = await step(spec, "create", () => spec.api.create(ctx));
            return { id: idOf(live), outs: toOutputs(inputs, live) };
        },

        async read(id, props) {
            const ctx: RecordContext<C> = { client: connect(props), inputs: props };
            let live: ApiObject | undefined;
            try {
                live = await step(spec, "read", () => spec.api.read(ctx, id), id);
            } catch (err) {
                if (isNotFound(err)) return { id: "" };
                throw err;
            }
            if (!live) return { id: "" };
            const outs = toOutputs(props, live);
            delete outs[PROVIDER];
            return { id, props: outs, inputs: toInputs(outs) };
        },

        async update(id, olds, news) {
            const apiChanged =
                Object.keys(spec.fields).some(
                    (name) => !spec.diffIgnores?.includes(name) && managed(news[name]) && (isUnknown(news[name]) || !sameValue(olds[name], news[name])),
                ) || (spec.derived ?? []).some((name) => !sameValue(olds[name], news[name]));
            if (!apiChanged) {
                // Only the connection or the provider shim changed: nothing to send.
                const outs: Props = { ...olds, ...news };
                delete outs[PROVIDER];
                for (const key of [CONNECTION, ADOPT]) if (news[key] === undefined) delete outs[key];
                return { outs };
            }
            const ctx: RecordContext<C> = { client: connect(news), inputs: news, olds };
            const live = await step(spec, "update", () => spec.api.update(ctx, id, undefined), id);
            return { outs: toOutputs(news, live) };
        },

        async delete(id, props) {
            const ctx: RecordContext<C> = { client: connect(props), inputs: props };
            try {
                await step(spec, "delete", () => spec.api.delete(ctx, id), id);
            } catch (err) {
                if (!isNotFound(err)) throw err;
            }
        },
    };
}

/** Runs a call whose 404 means "gone": undefined instead of an error. */
export async function unlessMissing<T>(run: () => Promise<T>): Promise<T | undefined> {
    try {
        return await run();
    } catch (err) {
        if (isNotFound(err)) return undefined;
        throw err;
    }
}
