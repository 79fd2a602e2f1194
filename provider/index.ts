// The entry point the serialized shim requires inside Pulumi's dynamic-provider plugin:
//   require("pulumi-beyondtrust/provider").handler("pra:ShellJump").create(inputs)
// Everything stateful (tokens, clients, limiters, config) is created here, at run time, in the plugin.
import { setStackConfig } from "./core/connection";
import { DynamicHandler, handlerFor } from "./engine/handlers";
import { processState } from "./core/process-state";
import { resetClients as resetApiClients } from "./core/api-client";
import { resetProductDetection } from "./core/product-detection";
import { specFor } from "./registry";

export type { DynamicHandler } from "./engine/handlers";
export { SPECS, specFor } from "./registry";
export { clientStats, resetClientStats } from "./core/stats";
export { resetProductDetection } from "./core/product-detection";
export { batchStats, resetReaders } from "./engine/read-batcher";

const handlers = processState("handlers", () => new Map<string, DynamicHandler>());

export function handler(kind: string): DynamicHandler {
    let h = handlers.get(kind);
    if (!h) {
        h = handlerFor(specFor(kind));
        handlers.set(kind, h);
    }
    return h;
}

/** Receives the stack config (`beyondtrust:*` keys) from the plugin's Configure call. */
export function configure(req: { config: { get(key: string): string | undefined } }): void {
    setStackConfig(req.config);
}

/** Forget every client, token and detected product (tests that restart or replace simulators). */
export function resetClients(): void {
    resetApiClients();
    resetProductDetection();
}
