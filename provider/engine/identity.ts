// Which appliance, and which object on it, a resource's id belongs to.
//
// An id alone means nothing once the connection names another appliance (stack config or the
// environment changed) or the appliance came back empty and reused its ids: an update would PATCH,
// a destroy DELETE, and a refresh read in an unrelated object. So state records, next to the id,
// the appliance's origin and a fingerprint of the object, and every read, update and delete first
// checks them (docs/reliability.md, "Identity: which appliance and which object an id belongs to").
//
// The fingerprint is chosen so that what a person does in the console stays drift:
//  - immutable values (the fields that replace the object when changed, references excepted, and the
//    fixed body such as a vault account's type) must be equal: a different value is another object;
//  - the non-empty free-text values that name and address the object (name, code name, hostname,
//    URL, username, tag, comments, description...: string fields, not enums, never secrets): at least
//    one must still be what state recorded. A rename leaves the others; an unrelated object behind a
//    reused id shares none of them. With a single such value (an object that is only a name), a
//    rename and a reused id cannot be told apart, and the value is not judged (a rename is drift).
import type { ApiClient } from "../core/api-client";
import { ResolvedConnection, normalizeOrigin } from "../core/connection";
import { processState } from "../core/process-state";
import type { ApiObject, ResourceSpec } from "./spec";

/** The state property holding the record (an output; never an input, never diffed). */
export const IDENTITY = "applianceIdentity";

export interface Identity {
    /** The appliance the object was created on (or adopted from), e.g. "https://pra.example.com". */
    origin: string;
    /** API field → value that may never change: a different value is another object. */
    immutable: Record<string, unknown>;
    /** API field → the object's non-empty free-text values, as last seen: one must still hold. */
    text: Record<string, string>;
}

/** The record for a live object of this kind on this appliance. */
export function identityOf(spec: ResourceSpec, conn: ResolvedConnection, live: ApiObject, inputs: Record<string, unknown>): Identity {
    const immutable: Record<string, unknown> = {};
    const text: Record<string, string> = {};
    for (const field of Object.values(spec.fields)) {
        if (field.secret || (field.products && !field.products.includes(conn.product)) || !(field.api in live)) continue;
        const value = live[field.api];
        if (field.replaceOnChange) {
            // Not references: a rebuilt appliance reuses those ids too (and a grant's are its own id).
            if (field.type.kind !== "ref" && value !== undefined && value !== null) immutable[field.api] = value;
        } else if (field.type.kind === "string" && typeof value === "string" && value.trim() !== "") {
            text[field.api] = value;
        }
    }
    for (const [k, v] of Object.entries(spec.fixedBody?.(inputs) ?? {})) {
        if (k in live && v !== undefined && v !== null) immutable[k] = live[k];
    }
    return { origin: conn.origin, immutable, text };
}

function isIdentity(v: unknown): v is Identity {
    return typeof v === "object" && v !== null && typeof (v as Identity).origin === "string";
}

/** The record in a resource's state, or undefined for states written before it existed. */
export function recordedIdentity(props: Record<string, unknown>): Identity | undefined {
    const v = props[IDENTITY];
    return isIdentity(v) ? { origin: v.origin, immutable: v.immutable ?? {}, text: v.text ?? {} } : undefined;
}

const same = (a: unknown, b: unknown) =>
    typeof a === "string" && typeof b === "string" ? a.trim().toLowerCase() === b.trim().toLowerCase() : String(a) === String(b);

/** Why the record cannot belong to this appliance, before any call: the origin alone. */
export function originProblem(recorded: Identity | undefined, conn: Pick<ResolvedConnection, "origin">): string | undefined {
    if (!recorded || recorded.origin === conn.origin || previousOrigin() === recorded.origin) return undefined;
    return (
        `state records this object on ${recorded.origin}, but the connection now points at ${conn.origin}: ` +
        `object ids belong to one appliance, and the one with this id on ${conn.origin} is unrelated. ` +
        `Point the connection (the resource's connection, beyondtrust:host or BT_API_HOST) back at ${recorded.origin}; ` +
        `to move the resource, keep that and set the resource's connection input to the new appliance (a move replaces it there); ` +
        `if ${conn.origin} is the same appliance under a new address, run once with ${PREVIOUS_HOST}=${recorded.origin} ` +
        "(`pulumi refresh`), which records the new address"
    );
}

/**
 * The way out for an appliance that only changed its address: records of the previous origin are
 * accepted (the objects are still compared with their fingerprints) and rewritten to the new one.
 */
const PREVIOUS_HOST = "BT_PREVIOUS_API_HOST";

function previousOrigin(): string | undefined {
    const v = process.env[PREVIOUS_HOST];
    if (!v) return undefined;
    try {
        return normalizeOrigin(v);
    } catch {
        return undefined;
    }
}

/** Whether the record holds anything to compare the live object with. */
export function judgeable(recorded: Identity): boolean {
    return Object.keys(recorded.immutable).length > 0 || Object.keys(recorded.text).length >= 2;
}

/** Why the live object is not the one the record describes, or undefined when it is (or cannot be told). */
export function objectProblem(recorded: Identity, live: ApiObject): string | undefined {
    for (const [k, v] of Object.entries(recorded.immutable)) {
        if (k in live && !same(live[k], v)) {
            return `its ${k} is ${JSON.stringify(live[k])}, but the object this resource created has ${JSON.stringify(v)}, which cannot change`;
        }
    }
    const text = Object.entries(recorded.text);
    if (text.length >= 2 && !text.some(([k, v]) => same(live[k], v))) {
        const now = Object.fromEntries(text.map(([k]) => [k, live[k] ?? null]));
        return `none of what names it is what state recorded (recorded ${JSON.stringify(recorded.text)}, the appliance now holds ${JSON.stringify(now)})`;
    }
    return undefined;
}

/** The refusal, with what changed and the way out. */
export function identityError(spec: ResourceSpec, id: string, action: string, origin: string, problem: string): Error {
    return new Error(
        `${spec.title} ${id}: refusing to ${action} it: object ${id} on ${origin} is not the object this resource manages: ${problem}. ` +
            "The appliance may have been rebuilt or restored and reused the id. If it is the same object after all (edited in the console), " +
            `remove the resource from state (\`pulumi state delete <urn>\`) and declare it with \`adopt: "${id}"\`; ` +
            "if the resource's object is gone, remove it from state and the next `pulumi up` creates it again",
    );
}

/**
 * Whether writes of a kind through a client (one appliance, one run) can trust recorded ids without
 * reading each object first. The first write of a kind in a run that no read has vouched for reads
 * its object (one GET) and compares it with the record; a match vouches for the appliance (it did not
 * come back with its ids reused), and later writes of the kind go straight through. A mismatch makes
 * every later write of the kind read its own object first; an object found gone gives no verdict.
 */
type Trust = Promise<boolean>;
const trust = processState("identityTrust", () => new WeakMap<ApiClient, Map<string, Trust>>());

function trustMap(client: ApiClient): Map<string, Trust> {
    let m = trust.get(client);
    if (!m) trust.set(client, (m = new Map()));
    return m;
}

/** A read matched a record: the appliance kept this kind's ids. */
export function vouch(client: ApiClient, kind: string): void {
    const m = trustMap(client);
    if (!m.has(kind)) m.set(kind, Promise.resolve(true));
}

/**
 * Before an update or delete: throws when the object is not the recorded one; answers "gone" when
 * the read found no object (the caller decides what that means), otherwise "ok".
 */
export async function checkBeforeWrite(
    spec: ResourceSpec,
    client: ApiClient,
    id: string,
    recorded: Identity | undefined,
    action: string,
    read: () => Promise<ApiObject | undefined>,
): Promise<"ok" | "gone"> {
    if (!recorded || !judgeable(recorded)) return "ok"; // an old state (filled in by this write) or nothing to compare
    const m = trustMap(client);
    const sample = m.get(spec.kind);
    if (sample && (await sample)) return "ok";
    let settle: ((trusted: boolean) => void) | undefined;
    if (!sample) m.set(spec.kind, new Promise<boolean>((r) => (settle = r)));
    let live: ApiObject | undefined;
    try {
        live = await read();
    } catch (err) {
        // Could not look: no verdict. The next write of the kind samples again.
        if (settle) m.delete(spec.kind);
        settle?.(false);
        throw err;
    }
    const problem = live ? objectProblem(recorded, live) : undefined;
    // An object deleted out of band says nothing about the others: no verdict, the next write samples.
    if (settle && !live) m.delete(spec.kind);
    settle?.(live !== undefined && problem === undefined);
    if (problem) throw identityError(spec, id, action, recorded.origin, problem);
    return live ? "ok" : "gone";
}

/** A read found another object behind a recorded id: every later write of the kind checks its own. */
export function distrust(client: ApiClient, kind: string): void {
    trustMap(client).set(kind, Promise.resolve(false));
}
