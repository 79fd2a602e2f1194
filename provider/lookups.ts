// Lookups, for programs: the SDK's pra.get* functions require this module lazily, on their first
// call, in the program's process (not the plugin's). The connection is resolved as for resources,
// field by field: the lookup's own `connection`, then the stack config the SDK read from the
// program (passed in as `stackConfig`), then the environment. Clients, tokens and limiters are the
// process-wide ones of provider/core: every lookup of a run shares one token per API account.
import type { ApiClient } from "./core/api-client";
import type { ConnectionInput } from "./core/connection";
import { ApiError } from "./core/errors";
import { registerSecret } from "./core/redact";
import { LookupError, LookupFilter, LookupResult, lookupAll, lookupOne } from "./engine/lookup";
import { praLookups } from "./pra/lookups";

export { LookupError } from "./engine/lookup";
export type { LookupFilter, LookupResult } from "./engine/lookup";

export interface LookupRequest {
    /** e.g. "pra:JumpItemRole" */
    kind: string;
    filter: LookupFilter;
    /** true: every match (the plural functions); false: exactly one. */
    many: boolean;
    /** The lookup's own connection argument. */
    connection?: ConnectionInput;
    /** `beyondtrust:*` stack config of the program (keys without the namespace). */
    stackConfig?: Partial<Record<keyof ConnectionInput, string>>;
    caller: string;
    pluralCaller?: string;
}

/** Explicit connection fields win over stack config; the environment comes last (resolveConnection). */
function mergeConnection(explicit: ConnectionInput | undefined, config: LookupRequest["stackConfig"]): ConnectionInput {
    const merged: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(config ?? {})) if (v !== undefined && v !== "") merged[k] = v;
    for (const [k, v] of Object.entries(explicit ?? {})) if (v !== undefined && v !== null && v !== "") merged[k] = v;
    return merged as ConnectionInput;
}

export function lookupKinds(): string[] {
    return [...praLookups().keys()];
}

export async function lookup(req: LookupRequest): Promise<LookupResult | LookupResult[]> {
    const kind = praLookups().get(req.kind);
    if (!kind) throw new LookupError(`${req.caller}: pulumi-beyondtrust has no lookup for "${req.kind}" (known: ${lookupKinds().join(", ")})`);
    const opts = { connection: mergeConnection(req.connection, req.stackConfig), caller: req.caller };
    return req.many ? lookupAll(kind, req.filter, opts) : lookupOne(kind, req.filter, { ...opts, pluralCaller: req.pluralCaller ?? `${req.caller}s` });
}

export interface CredentialRequest {
    /** The account's id; or else a filter that finds exactly one vault account (e.g. its name). */
    accountId?: number | string;
    filter?: LookupFilter;
    connection?: ConnectionInput;
    stackConfig?: LookupRequest["stackConfig"];
    caller: string;
}

export interface VaultCredential {
    /** The account's id. */
    id: number;
    type: string;
    username?: string;
    /** The password, token or private key. */
    secret: string;
    signedPublicCert?: string;
}

/** Check-outs in flight, per client and account: identical concurrent requests share one. */
const checkouts = new WeakMap<ApiClient, Map<number, Promise<VaultCredential>>>();

/**
 * Checks a vault account out, reads its credential and checks it back in (three calls after the
 * token; four with a lookup by filter). The credential is registered as a secret, so no message
 * of this process can show it. A check-in the appliance refuses with 422 (an account policy that
 * rotates on check-in, say) is not an error, as in the vendor's Terraform provider.
 */
export async function checkOutCredential(req: CredentialRequest): Promise<VaultCredential> {
    const kind = praLookups().get("pra:VaultAccount")!;
    const connection = mergeConnection(req.connection, req.stackConfig);
    let id: number;
    if (req.accountId !== undefined && req.accountId !== null && req.accountId !== "") {
        id = Number(req.accountId);
        if (!Number.isInteger(id) || id < 1) throw new LookupError(`${req.caller}: accountId must be a vault account id, not ${JSON.stringify(req.accountId)}`);
    } else {
        id = (await lookupOne(kind, req.filter ?? {}, { connection, caller: req.caller, pluralCaller: "pra.getVaultAccounts" })).id;
    }
    const client = kind.client(kind.resolveConnection(connection));
    let byId = checkouts.get(client);
    if (!byId) {
        byId = new Map();
        checkouts.set(client, byId);
    }
    let pending = byId.get(id);
    if (!pending) {
        pending = checkOutAndIn(client, id, req.caller);
        const forget = () => byId!.delete(id);
        pending.then(forget, forget);
        byId.set(id, pending);
    }
    return pending;
}

async function checkOutAndIn(client: ApiClient, id: number, caller: string): Promise<VaultCredential> {
    const path = `/vault/account/${id}`;
    let body: Record<string, unknown>;
    try {
        body = (await client.request<Record<string, unknown>>("POST", `${path}/check-out`)) ?? {};
    } catch (err) {
        throw new LookupError(`${caller}: could not check out vault account ${id}: ${(err as Error).message}`);
    }
    const type = String(body.type ?? "");
    const secret = String((type === "ssh" || type === "ssh_ca" ? body.private_key : body.password) ?? "");
    registerSecret(secret);
    registerSecret(body.signed_public_cert);
    try {
        await client.request("POST", `${path}/check-in`);
    } catch (err) {
        if (!(err instanceof ApiError && err.status === 422)) {
            throw new LookupError(
                `${caller}: vault account ${id} was checked out but could not be checked in (check it in on the appliance): ${(err as Error).message}`,
            );
        }
    }
    const out: VaultCredential = { id, type, secret };
    if (typeof body.username === "string") out.username = body.username;
    if (typeof body.signed_public_cert === "string") out.signedPublicCert = body.signed_public_cert;
    return out;
}
