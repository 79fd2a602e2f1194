// One setup for every contract suite: the official spec of a product (or a printed skip when
// ../shared/reference is absent, as in a plain clone), a simulator process of that product with
// rate limits off, and a logged-in API client whose answers can be checked against the spec.
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT, Reply } from "../simulator/client";
import { SPEC_FILES, Spec } from "./spec";

export interface ContractContext {
    spec: Spec;
    sim: SimulatorProcess;
    api: Api;
    /** Sends a request and checks its answer against the spec's operation `method template`. */
    call(method: string, template: string, path: string, body?: unknown): Promise<Reply>;
}

/** Call inside a `describe`: registers its before/after hooks; the context is filled before the tests run. */
export function contractSuite(product: "pra" | "rs", opts: { seed?: unknown } = {}): ContractContext {
    const ctx = {
        async call(method: string, template: string, path: string, body?: unknown) {
            return ctx.spec.check(method, template, await ctx.api.call(method, path, body));
        },
    } as ContractContext;
    before(async function () {
        const spec = Spec.load(product);
        if (!spec) {
            console.log(`    skipped: ${SPEC_FILES[product]} is absent (the official spec lives in shared/reference, outside the repo)`);
            this.skip();
        }
        ctx.spec = spec;
        ctx.sim = await startSimulatorProcess({ product, args: NO_RATE_LIMIT });
        ctx.api = new Api(ctx.sim);
        if (opts.seed !== undefined) await ctx.sim.control("POST", "/seed", opts.seed);
        await ctx.api.login();
    });
    after(async () => ctx.sim?.stop());
    return ctx;
}
