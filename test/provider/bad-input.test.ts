// The bad-input catalogue against a live appliance: every invalid input fails check, naming the
// property, and the appliance sees no request at all (not even a token).
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { failureNames } from "../../provider/engine/handlers";
import { BAD_INPUTS } from "../support/bad-inputs";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

describe("provider: bad input never reaches the appliance", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim?.stop());

    it(`${BAD_INPUTS.length} invalid inputs: each fails check on its property, with zero API calls`, async () => {
        resetClients();
        await sim.control("POST", "/counters/reset");
        for (const bad of BAD_INPUTS) {
            const r = await handler(bad.kind).check({}, { ...bad.inputs });
            assert.ok(
                r.failures?.some((f) => failureNames(f, bad.property)),
                `${bad.title}: ${JSON.stringify(r.failures)}`,
            );
            for (const hidden of bad.mustNotShow ?? [])
                assert.ok(!JSON.stringify(r.failures).includes(hidden), `${bad.title}: a failure shows what it must not`);
        }
        const c = await sim.counters();
        assert.strictEqual(c.requests.total, 0, JSON.stringify(c.requests.byRoute));
        assert.strictEqual(c.tokensMinted, 0);
    });
});
