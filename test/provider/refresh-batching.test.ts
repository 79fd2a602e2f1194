// A refresh reads every resource in parallel; reads of one collection are served by list scans
// (100 per page) instead of one GET each. Single reads stay GETs, writes invalidate the snapshot,
// and a scan that would cost more than it saves is abandoned after one page.
import * as assert from "assert";
import { batchStats, handler, resetClients, resetReaders } from "../../provider";
import { inParallel } from "../../scripts/lib/parallel";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

type Made = { id: string; outs: Record<string, unknown> };

describe("provider: refresh batching", function () {
    this.timeout(120_000);
    let sim: SimulatorProcess;
    let items: Made[] = [];
    useSimulatorEnv(() => sim);
    const apiCalls = async () => {
        const c = await sim.counters();
        return c.requests.total - (c.requests.byRoute["POST /oauth2/token"] ?? 0);
    };
    const readAll = (list: Made[]) =>
        inParallel(
            8,
            list.map((m) => () => handler("pra:ShellJump").read(m.id, m.outs)),
        );

    before(async () => {
        // Limits raised on both sides so that seeding 250 objects takes a second, not 13.
        sim = await startSimulatorProcess({ args: ["--rate-per-second", "2000"] });
        process.env.BT_RATE_LIMIT_PER_SECOND = "2000";
    });
    after(async () => {
        delete process.env.BT_RATE_LIMIT_PER_SECOND;
        await sim?.stop();
    });
    beforeEach(() => {
        resetClients();
        resetReaders();
    });

    it("reads 250 objects in ceil(250/100) + 2 calls or fewer, with the live values", async () => {
        const jp = await handler("pra:Jumpoint").create((await handler("pra:Jumpoint").check({}, { name: "jp", platform: "linux-x86" })).inputs!);
        const jg = await handler("pra:JumpGroup").create((await handler("pra:JumpGroup").check({}, { name: "jg" })).inputs!);
        items = await inParallel(
            16,
            Array.from({ length: 250 }, (_, i) => async () => {
                const checked = await handler("pra:ShellJump").check(
                    {},
                    { name: `h${i}`, hostname: `10.3.${i >> 8}.${i & 255}`, jumpointId: jp.id, jumpGroupId: jg.id },
                );
                return handler("pra:ShellJump").create(checked.inputs!);
            }),
        );
        resetReaders();
        await sim.control("POST", "/counters/reset");
        const scansBefore = batchStats.scans;
        const reads = await readAll(items);
        const calls = await apiCalls();
        assert.ok(calls <= Math.ceil(250 / 100) + 2, `refresh of 250 cost ${calls} calls`);
        assert.strictEqual(batchStats.scans - scansBefore, 1, "one scan");
        reads.forEach((r, i) => {
            assert.strictEqual(r.id, items[i].id);
            assert.strictEqual(r.props!.name, `h${i}`);
        });
    });

    it("a read on its own is one GET", async () => {
        await sim.control("POST", "/counters/reset");
        const r = await handler("pra:ShellJump").read(items[7].id, items[7].outs);
        assert.strictEqual(r.props!.name, "h7");
        const c = await sim.counters();
        // No product is configured, so this first call since resetClients() asks for it once first.
        assert.deepStrictEqual(c.requests.byRoute, { "POST /oauth2/token": 1, "GET /get_mech_list": 1, "GET /jump-item/shell-jump/{id}": 1 });
    });

    it("sees out-of-band edits and deletes, and rescans after a write of its own", async () => {
        await sim.control("PATCH", `/api/jump-item/shell-jump/${items[3].id}`, { hostname: "drifted.example.com" });
        await sim.control("DELETE", `/api/jump-item/shell-jump/${items[4].id}`);
        let reads = await readAll(items.slice(0, 20));
        assert.strictEqual(reads[3].props!.hostname, "drifted.example.com");
        assert.strictEqual(reads[4].id, "", "deleted out of band");
        await handler("pra:ShellJump").update(items[5].id, items[5].outs, { ...items[5].outs, tag: "ours" });
        await sim.control("PATCH", `/api/jump-item/shell-jump/${items[6].id}`, { tag: "theirs" });
        reads = await readAll(items.slice(0, 20));
        assert.strictEqual(reads[5].props!.tag, "ours");
        assert.strictEqual(reads[6].props!.tag, "theirs", "the write invalidated the snapshot, so the next reads rescanned");
    });

    it("abandons a scan whose pages would outnumber the reads (a small stack on a big appliance)", async () => {
        const first = items[0].outs;
        await inParallel(
            16,
            Array.from({ length: 400 }, (_, i) => async () => {
                const checked = await handler("pra:ShellJump").check(
                    {},
                    { name: `other ${i}`, hostname: "10.9.9.9", jumpointId: first.jumpointId, jumpGroupId: first.jumpGroupId },
                );
                return handler("pra:ShellJump").create(checked.inputs!);
            }),
        );
        resetReaders();
        await sim.control("POST", "/counters/reset");
        const abandonedBefore = batchStats.abandoned;
        // 645 objects are 7 pages: more than three per read for two reads.
        const reads = await readAll(items.slice(10, 12));
        assert.deepStrictEqual(
            reads.map((r) => r.props!.name),
            ["h10", "h11"],
        );
        assert.strictEqual(batchStats.abandoned, abandonedBefore + 1);
        const c = await sim.counters();
        assert.deepStrictEqual(c.requests.byRoute, { "GET /jump-item/shell-jump": 1, "GET /jump-item/shell-jump/{id}": 2 }, "one page, then a GET per read");
    });
});
