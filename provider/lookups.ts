// Lookups, for programs: the SDK's pra.get* functions require this module lazily, on their first
// call, in the program's process (not the plugin's). The connection is resolved as for resources,
// field by field: the lookup's own `connection`, then the stack config the SDK read from the
// program (passed in as `stackConfig`), then the environment. Clients, tokens and limiters are the
// process-wide ones of provider/core: every lookup of a run shares one token per API account.
import type { ConnectionInput } from "./core/connection";
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
    return req.many
        ? lookupAll(kind, req.filter, opts)
        : lookupOne(kind, req.filter, { ...opts, pluralCaller: req.pluralCaller ?? `${req.caller}s` });
}
