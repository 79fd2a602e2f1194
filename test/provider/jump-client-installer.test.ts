// The Jump Client installer's key against the simulator: answered once (by the POST), kept in
// state by every later read, never shown (the secret scan searches this run's output for it, since
// the provider registers it), and a new key with every replacement. Also what reads cannot show:
// elevate_install / elevate_prompt (live appliances answer false) and valid_duration (never answered).
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { MiniEngine } from "../support/mini-engine";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";
import { Api } from "../simulator/client";

describe("provider: Jump Client installer and its secret key", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
    });

    it("keeps the key the create answer gave through every refresh, replaces with a new one, and names it nowhere", async () => {
        const e = new MiniEngine();
        const jg = (await e.up("jg", "pra:JumpGroup", { name: "fleet" })).tracked.id;
        const inputs = { jumpGroupId: jg, tag: "linux", validDuration: 120 };
        const made = await e.up("inst", "pra:JumpClientInstaller", inputs);
        const stored = await sim.control<any>("GET", `/api/jump-client/installer/${made.tracked.id}`);
        const key = made.tracked.outs.installerKey;
        assert.strictEqual(key, stored.key_info.encodedInfo, "the output is the key the appliance made");
        assert.match(String(made.tracked.outs.installerId), /^[0-9a-f]{32}$/);
        assert.strictEqual(made.tracked.outs.installerFilename, stored.key_info.filename);

        // The API never shows the key again.
        const api = new Api(sim);
        const read = await api.get(`/jump-client/installer/${made.tracked.id}`);
        assert.strictEqual(read.body.key_info.encodedInfo, undefined);
        assert.strictEqual(read.body.elevate_install, false, "live appliances read elevate_install back as false");

        assert.deepStrictEqual(await e.refresh("inst", inputs), [], "no drift: not the key, not the elevation flags, not valid_duration");
        const refreshed = e.state.get("inst")!.outs;
        assert.strictEqual(refreshed.installerKey, key, "the key survives a read that does not carry it");
        assert.deepStrictEqual([refreshed.elevateInstall, refreshed.elevatePrompt, refreshed.validDuration], [true, true, 120]);
        assert.strictEqual((await e.up("inst", "pra:JumpClientInstaller", inputs)).step, "same");

        const replaced = await e.up("inst", "pra:JumpClientInstaller", { ...inputs, validDuration: 240 });
        assert.strictEqual(replaced.step, "replace", "every input replaces an installer");
        assert.deepStrictEqual(replaced.replaces, ["validDuration"]);
        assert.notStrictEqual(replaced.tracked.outs.installerKey, key, "a new installer, a new key");
        const gone = await sim.control("GET", `/api/jump-client/installer/${made.tracked.id}`).catch((err: Error) => err);
        assert.ok(gone instanceof Error, "the old installer is deleted");

        // Failures name the installer, never its key.
        const diffed = await handler("pra:JumpClientInstaller").check({}, { ...inputs, installerKey: key });
        assert.ok(!JSON.stringify(diffed.failures).includes(String(key)), "an output given as input is refused without echoing it");
        await e.destroyAll();
    });

    it("an adopted installer has no key (nothing answers it), and one with other inputs cannot be converged", async () => {
        const e = new MiniEngine();
        const jg = (await e.up("jg", "pra:JumpGroup", { name: "fleet" })).tracked.id;
        await e.up("inst", "pra:JumpClientInstaller", { jumpGroupId: jg, name: "lab", tag: "lab" });
        const other = new MiniEngine();
        const adopted = await other.up("again", "pra:JumpClientInstaller", { jumpGroupId: jg, name: "lab", tag: "lab", adopt: true });
        assert.strictEqual(adopted.tracked.id, e.state.get("inst")!.id);
        assert.strictEqual(adopted.tracked.outs.installerKey, null);
        const differing = await new MiniEngine()
            .up("x", "pra:JumpClientInstaller", { jumpGroupId: jg, name: "lab", tag: "lab", connectionType: "passive", adopt: e.state.get("inst")!.id })
            .catch((err: Error) => err);
        assert.ok(differing instanceof Error && /cannot be changed/.test(differing.message), String(differing));
        await e.destroyAll();
    });
});
