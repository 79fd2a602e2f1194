// One token per API account per process, under the engine's parallelism: 50 resources of several
// kinds created, read and deleted concurrently mint exactly one token and never see a 429.
import * as assert from "assert";
import { clientStats, handler, resetClients, resetClientStats } from "../../provider";
import { inParallel } from "../../scripts/lib/parallel";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

async function create(kind: string, inputs: Record<string, unknown>) {
    const checked = await handler(kind).check({}, inputs);
    assert.strictEqual(checked.failures, undefined);
    return { kind, ...(await handler(kind).create(checked.inputs!)) };
}

describe("provider: tokens and throttling under parallelism", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim && sim.stop());

    it("a run of 50 resources mints one token and stays under 20 requests/s", async () => {
        await sim.reset();
        resetClients();
        resetClientStats();
        const jp = await create("pra:Jumpoint", { name: "jp", platform: "linux-x86", shellJumpEnabled: true });
        const groups = await inParallel(16, Array.from({ length: 9 }, (_, i) => () => create("pra:JumpGroup", { name: `group ${i}` })));
        const items = await inParallel(
            16,
            Array.from({ length: 40 }, (_, i) => () =>
                create("pra:ShellJump", { name: `host ${i}`, hostname: `10.0.0.${i + 1}`, jumpointId: jp.id, jumpGroupId: groups[i % 9].id }),
            ),
        );
        const all = [jp, ...groups, ...items];
        assert.strictEqual(all.length, 50);
        await inParallel(16, all.map((r) => () => handler(r.kind).read(r.id, r.outs)));
        await inParallel(16, [...items, ...groups, jp].map((r) => () => handler(r.kind).delete(r.id, r.outs)));

        const c = await sim.counters();
        assert.strictEqual(c.tokensMinted, 1, "the appliance minted one token");
        assert.strictEqual(clientStats.tokensMinted, 1);
        assert.strictEqual(c.rateLimited, 0, "no 429: the limiter kept under 20 requests/s");
        assert.strictEqual(c.requests.byMethod.POST, 1 + 50, "one token, then a POST each");
        assert.strictEqual(c.requests.byMethod.DELETE, 50);
        // No product is configured: the first call asked for it once (GET /get_mech_list).
        assert.strictEqual(c.requests.byRoute["GET /get_mech_list"], 1, "one product detection");
        // Three list scans at most for the reads, and one list page per collection before its first
        // create of the run (the highest id then, which a lost POST's lookup must stay above).
        const reads = c.requests.byMethod.GET - 1;
        assert.ok(reads <= 3 + 3, `parallel reads of three kinds are three list scans at most, plus 3 pre-create pages: ${reads}`);
        const state = await sim.control("GET", "/state");
        assert.strictEqual(state.collections["jump-item/shell-jump"].length, 0);
    });
});
