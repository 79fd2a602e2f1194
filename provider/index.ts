// The entry point the `__provider` text (sdk/shim.ts) requires inside Pulumi's dynamic-provider plugin:
//   exports.handler = () => require("pulumi-beyondtrust/provider").provider("pra:ShellJump");
// Everything stateful (tokens, clients, limiters, config) is created here, at run time, in the plugin.
import { setStackConfig } from "./core/connection";
import { DynamicHandler, handlerFor } from "./engine/handlers";
import { processState } from "./core/process-state";
import { resetClients as resetApiClients } from "./core/api-client";
import { resetProductDetection } from "./core/product-detection";
import { recordSpecFor, specFor } from "./registry";
import { recordHandlerFor } from "./engine/record-handler";
import { setPasswordSafeConfig } from "./passwordsafe/connection";
import { setEpmConfig } from "./epm/connection";

export type { DynamicHandler } from "./engine/handlers";
export { SPECS, specFor, PASSWORD_SAFE_SPECS, allKinds } from "./registry";
export { sessionStats, signOutAll } from "./core/session";
export { clientStats, resetClientStats } from "./core/stats";
export { resetProductDetection } from "./core/product-detection";
export { batchStats, resetReaders } from "./engine/read-batcher";

const handlers = processState("handlers", () => new Map<string, DynamicHandler>());

export function handler(kind: string): DynamicHandler {
    let h = handlers.get(kind);
    if (!h) {
        const record = recordSpecFor(kind);
        h = record ? recordHandlerFor(record) : handlerFor(specFor(kind));
        handlers.set(kind, h);
    }
    return h;
}

/** What the plugin calls for a resource of `kind`: the kind's handler and the stack config hook. */
export interface KindProvider extends DynamicHandler {
    configure(req: { config: { get(key: string): string | undefined } }): void;
}

const providers = processState("providers", () => new Map<string, KindProvider>());

/**
 * The provider object for one kind, as `require-from-string(__provider).handler()` returns it to
 * the plugin; one per kind and process. Its methods take the plugin's arguments unchanged.
 */
export function provider(kind: string): KindProvider {
    let p = providers.get(kind);
    if (!p) {
        const h = handler(kind);
        p = {
            check: (olds, news) => h.check(olds, news),
            diff: (id, olds, news) => h.diff(id, olds, news),
            create: (inputs) => h.create(inputs),
            read: (id, props) => h.read(id, props),
            update: (id, olds, news) => h.update(id, olds, news),
            delete: (id, props) => h.delete(id, props),
            configure,
        };
        providers.set(kind, p);
    }
    return p;
}

/** Receives the stack config (`beyondtrust:*` keys) from the plugin's Configure call. */
export function configure(req: { config: { get(key: string): string | undefined } }): void {
    setStackConfig(req.config);
    setPasswordSafeConfig(req.config);
    setEpmConfig(req.config);
}

/** Forget every client, token and detected product (tests that restart or replace simulators). */
export function resetClients(): void {
    resetApiClients();
    resetProductDetection();
}
