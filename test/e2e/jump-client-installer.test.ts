// A Jump Client installer through the real Pulumi engine: its key output is secret in the program's
// outputs and absent from state at rest (the checkpoint files hold it encrypted only), a refresh
// keeps it though the appliance never answers it again, and destroy deletes the installer.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { pra } from "pulumi-beyondtrust";
import { registerSecret } from "../../provider/core/redact";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiEnv, removeWorkDir, ENSURE_SCRIPT } from "../support/pulumi-cli";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

describe("e2e: a Jump Client installer's key is secret in state", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log(`    skipping end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        sim = await startSimulatorProcess();
        workDir = makeWorkDir();
        const program = async () => {
            const group = new pra.JumpGroup("fleet", { name: "e2e fleet" });
            const installer = new pra.JumpClientInstaller("installer", { jumpGroupId: group.id, tag: "e2e", validDuration: 60 });
            return { key: installer.installerKey, installerId: installer.installerId };
        };
        stack = await createInlineStack("bt-installer", "e2e", program, workDir, pulumiEnv(workDir, cli!), cli!);
        await stack.setAllConfig({
            "beyondtrust:host": { value: sim.apiHost },
            "beyondtrust:clientId": { value: sim.clientId },
            "beyondtrust:clientSecret": { value: sim.clientSecret, secret: true },
        });
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    /** Every file of the local backend's state folder, as text. */
    const stateFiles = () => {
        const root = path.join(workDir, "state");
        return (fs.readdirSync(root, { recursive: true }) as string[])
            .map((f) => path.join(root, f))
            .filter((f) => fs.statSync(f).isFile())
            .map((f) => ({ f, text: fs.readFileSync(f, "utf8") }));
    };

    it("up: the key is a secret output and nowhere in state in clear; refresh keeps it; destroy", async () => {
        const up = await stack.up();
        assert.strictEqual(up.summary.result, "succeeded");
        const installers = (await sim.control<any>("GET", "/state")).collections["jump-client/installer"];
        assert.strictEqual(installers.length, 1);
        const key = String(installers[0].key_info.encodedInfo);
        // The secret scan searches this run's whole output for it.
        registerSecret(key);
        assert.strictEqual(up.outputs.key.secret, true, "the key output is secret");
        assert.strictEqual(up.outputs.key.value, key);
        assert.strictEqual(up.outputs.installerId.secret, false);

        const files = stateFiles();
        assert.ok(files.length > 0);
        for (const { f, text } of files) assert.ok(!text.includes(key), `the key in clear in ${f}`);
        const recorded = (await stack.exportStack()).deployment.resources.find((r: any) => r.type.endsWith(":JumpClientInstaller"));
        // The export shows secrets decrypted, under Pulumi's secret signature; the files above hold them encrypted.
        assert.ok("4dabf18193072939515e22adb298388d" in (recorded.outputs.installerKey ?? {}), "state marks the key secret");

        await stack.refresh();
        const again = await stack.outputs();
        assert.strictEqual(again.key.value, key, "a refresh keeps the key the appliance no longer answers");
        for (const { f, text } of stateFiles()) assert.ok(!text.includes(key), `the key in clear in ${f} after refresh`);
        assert.deepStrictEqual((await stack.preview()).changeSummary, { same: 3 });

        await stack.destroy();
        assert.deepStrictEqual((await sim.control<any>("GET", "/state")).collections["jump-client/installer"], []);
    });
});
