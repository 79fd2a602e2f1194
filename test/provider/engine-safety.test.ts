// Engine-level safety (issue 11, items 2, 3, 5, 6) for ordinary collection objects, over real HTTP
// against a simulator process: a lost POST never takes over an object that existed before it, a
// refresh never drops a live object because a list shifted under it, ids are never applied to an
// object on another appliance (or another object behind a reused id), and an authentication error
// while checking a lost POST says the object may exist and how to adopt it.
import * as assert from "assert";
import { batchStats, clientStats, handler, resetClients, resetClientStats, resetReaders } from "../../provider";
import { ApiClient } from "../../provider/core/api-client";
import { inParallel } from "../../scripts/lib/parallel";
import { MiniEngine } from "../support/mini-engine";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

type Props = Record<string, unknown>;

async function create(kind: string, inputs: Props): Promise<{ id: string; outs: Props }> {
    const checked = await handler(kind).check({}, inputs);
    assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
    return handler(kind).create(checked.inputs!);
}

const failure = (p: Promise<unknown>) => p.then(() => assert.fail("expected a failure"), (e: Error) => e);

describe("provider: engine safety (issue 11)", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);

    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
        resetReaders();
        resetClientStats();
    });
    const faults = (rules: unknown[]) => sim.control("POST", "/faults", { rules });
    const state = () => sim.control("GET", "/state");

    describe("refresh: a list that shifted between pages", () => {
        it("an object pushed out of view by a delete between two page reads still reads as live, confirmed by a GET", async () => {
            // 150 shell jumps: two pages of 100. Seeded directly (no validation) to keep the test quick.
            const seeded = Array.from({ length: 150 }, (_, i) => ({
                id: i + 1, name: `h${i + 1}`, hostname: `10.4.0.${i + 1}`, jumpoint_id: 1, jump_group_id: 1,
            }));
            await sim.control("POST", "/seed", { collections: { "jump-item/shell-jump": seeded } });
            const outsOf = (o: (typeof seeded)[number]) => ({ name: o.name, hostname: o.hostname, jumpointId: 1, jumpGroupId: 1 });
            // We manage 2..150; object 1 belongs to someone else, who deletes it right after the
            // scan's first page was read and before the second is: the event, not a delay, orders it.
            const original = ApiClient.prototype.page;
            let deletedBetweenPages = false;
            ApiClient.prototype.page = async function (this: ApiClient, ...args: Parameters<ApiClient["page"]>) {
                const result = await original.apply(this, args);
                if (args[0] === "/jump-item/shell-jump" && args[1] === 1 && !deletedBetweenPages) {
                    deletedBetweenPages = true;
                    await sim.control("DELETE", "/api/jump-item/shell-jump/1");
                }
                return result as any;
            } as ApiClient["page"];
            try {
                const ours = seeded.slice(1);
                const reads = await inParallel(16, ours.map((o) => () => handler("pra:ShellJump").read(String(o.id), outsOf(o))));
                assert.ok(deletedBetweenPages, "the delete happened between the scan's pages");
                // Page 2 now starts at object 102: object 101 is on neither page the scan read.
                assert.strictEqual(reads[99].id, "101", "object 101 is live and must not read as deleted");
                assert.strictEqual(reads[99].props!.name, "h101");
                assert.deepStrictEqual(reads.filter((r) => r.id === "").length, 0, "no live object reads as deleted");
                assert.strictEqual(batchStats.confirmedByGet >= 1, true);
            } finally {
                ApiClient.prototype.page = original;
            }
            // A real out-of-band delete is still reported, after the GET confirms it.
            resetReaders();
            await sim.control("DELETE", "/api/jump-item/shell-jump/50");
            const again = await inParallel(16, seeded.slice(1).map((o) => () => handler("pra:ShellJump").read(String(o.id), outsOf(o))));
            assert.deepStrictEqual(again.filter((r) => r.id === "").length, 1);
            assert.strictEqual(again[48].id, "", "object 50, deleted out of band, reads as deleted");
        });
    });
});
