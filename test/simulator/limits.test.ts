// Inputs that used to hang or break the simulator (issue 11, item 10): ids a real appliance could
// never have, latencies no test means, and two processes on one state file.
import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import { SIMULATOR_CLI, SimulatorProcess } from "../support/simulator";
import { Api, samples, useSimulator } from "./client";

describe("simulator: ids and latencies out of range", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ login: true }, (s, a) => {
        sim = s;
        api = a;
    });

    it("a seed id beyond int32 (2^53) is refused, so the next create cannot loop for ever", async () => {
        for (const id of [2 ** 53, Number.MAX_SAFE_INTEGER, 2147483648, 0, -3, 2.5, "7"]) {
            await assert.rejects(
                sim.control("POST", "/seed", { collections: { "jump-group": [{ id, name: `g${id}` }] } }),
                (err: Error) => /422/.test(err.message) && /not an appliance id/.test(err.message),
                `seed id ${id}`,
            );
        }
        await assert.rejects(sim.control("POST", "/seed", { next_ids: { "jump-group": 2 ** 53 } }), /422.*next_ids/);
        assert.deepEqual((await sim.control("GET", "/state")).collections["jump-group"], [], "a refused seed adds nothing");
        const created = await api.create("/jump-group", samples.jumpGroup());
        assert.equal(created.id, 1);
    });

    it("the largest id the spec allows can be seeded; after it a create is a clear 422, not a hang", async () => {
        await sim.control("POST", "/seed", { collections: { "jump-group": [{ id: 2147483647, name: "last" }] } });
        assert.equal((await api.get("/jump-group/2147483647")).status, 200);
        const r = await api.post("/jump-group", samples.jumpGroup());
        assert.equal(r.status, 422);
        assert.match(r.body.message, /No id is left/);
        assert.equal((await api.post("/jumpoint", samples.jumpoint())).status, 201, "other kinds are unaffected");
    });

    it("a latency beyond 10 minutes (3e12 ms) is refused by /_sim/config, fault rules and --latency", async () => {
        await assert.rejects(
            sim.control("POST", "/config", { latencyMs: 3e12 }),
            (err: Error) => /422/.test(err.message) && /latencyMs must be at most 600000/.test(err.message),
        );
        await assert.rejects(sim.control("POST", "/config", { latencyMs: 3e12, ratePerSecond: 5 }), /422/);
        const config = await sim.control("GET", "/config");
        assert.equal(config.latencyMs, 0, "nothing of a refused config is applied");
        assert.notEqual(config.ratePerSecond, 5);
        await sim.control("POST", "/config", { latencyMs: 600000 });
        await sim.control("POST", "/config", { latencyMs: 0 });
        await assert.rejects(sim.control("POST", "/faults", { rules: [{ kind: "latency", ms: 3e12 }] }), /422/);
        assert.equal((await api.get("/jumpoint")).status, 200);

        const cli = spawnSync(process.execPath, [SIMULATOR_CLI, "--port", "0", "--latency", "3e12"], { encoding: "utf8", timeout: 30_000 });
        assert.equal(cli.status, 2, cli.stderr);
        assert.match(cli.stderr, /--latency must be at most 600000 ms/);
    });
});
