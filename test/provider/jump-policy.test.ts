// A Jump Policy's schedule: the API can only read it (GET /jump-policy/{id}/schedule; the console
// sets it), so it is an output, read with the policy and refreshed like any other output.
import * as assert from "assert";
import { resetClients } from "../../provider";
import { MiniEngine } from "../support/mini-engine";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

describe("provider: a jump policy's schedule", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);

    before(async () => {
        sim = await startSimulatorProcess();
    });
    after(async () => sim && sim.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
    });

    it("is an output: empty at first, then what the console set, after a refresh", async () => {
        const e = new MiniEngine();
        const inputs = { displayName: "business hours" };
        const created = await e.up("pol", "pra:JumpPolicy", inputs);
        assert.deepStrictEqual(created.tracked.outs.schedule, { timezone: "UTC", entries: [] });

        const schedule = { timezone: "Europe/Paris", entries: [{ start_day: 0, start_time: "08:00", end_day: 4, end_time: "18:00" }] };
        await sim.control("PATCH", `/api/jump-policy/${created.tracked.id}`, { schedule });
        // An output, not an input: refresh records it without reporting a drifted input.
        assert.deepStrictEqual(await e.refresh("pol", inputs), []);
        assert.deepStrictEqual(e.state.get("pol")!.outs.schedule, schedule);
        await e.destroyAll();
    });

    it("adopt finds a policy without a code name by its display name", async () => {
        const e = new MiniEngine();
        const first = await e.up("pol", "pra:JumpPolicy", { displayName: "On Call" });
        const other = new MiniEngine();
        const adopted = await other.up("again", "pra:JumpPolicy", { displayName: "on call", adopt: true });
        assert.strictEqual(adopted.tracked.id, first.tracked.id);
        await e.destroyAll();
    });
});
