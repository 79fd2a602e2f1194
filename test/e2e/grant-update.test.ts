// A grant update that removes the grant and cannot add it back, through the real Pulumi engine:
// the provider's partial failure (ErrorResourceInitFailed on Update) must reach state, so that the
// next `up` puts the grant back even when the program returns to the old role (issue 11 item 4).
import * as assert from "assert";
import type { Stack } from "@pulumi/pulumi/automation";
import { pra } from "pulumi-beyondtrust";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiEnv, removeWorkDir, ENSURE_SCRIPT } from "../support/pulumi-cli";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

describe("e2e: a grant lost by a failed update comes back on the next up", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    let role: "inject" | "inject_and_checkout" = "inject";

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log(`    skipping end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        sim = await startSimulatorProcess();
        workDir = makeWorkDir();
        const program = async () => {
            const gp = new pra.GroupPolicy("gp", { name: "grant update gp" });
            const acct = new pra.VaultTokenAccount("acct", { name: "grant update account", token: "tok-grant-update-1" });
            new pra.GroupPolicyVaultAccount("grant", { groupPolicyId: gp.id, accountId: acct.id, role });
        };
        stack = await createInlineStack("bt-grant-update", "e2e", program, workDir, pulumiEnv(workDir, cli!), cli!);
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
    const grants = async () => (await sim.control("GET", "/state")).grants["vault-account"].map((g: any) => g.role);

    it("up, a role change whose POSTs all fail, then up with the old role: the grant exists again", async () => {
        assert.strictEqual((await stack.up()).summary.result, "succeeded");
        assert.deepStrictEqual(await grants(), ["inject"]);
        const gp = (await sim.control("GET", "/state")).collections["group-policy"][0].id;

        role = "inject_and_checkout";
        await sim.control("POST", "/faults", {
            rules: [{ kind: "status", status: 503, match: { method: "POST", path: `/group-policy/${gp}/vault-account` }, count: 1000 }],
        });
        let output = "";
        const failed = await stack.up({ onOutput: (s) => (output += s) }).then(
            () => undefined,
            (e: Error) => e,
        );
        await sim.control("DELETE", "/faults");
        assert.ok(failed, "the update failed");
        assert.match(output, /no longer exists on the appliance/);
        assert.deepStrictEqual(await grants(), [], "the grant is gone");
        const recorded = (await stack.exportStack()).deployment.resources.find((r: any) => r.type.endsWith(":GroupPolicyVaultAccount"));
        assert.strictEqual(recorded.outputs.role, null, "state records the role as unknown");

        // Back to the old role, no refresh: the recorded unknown role still differs, so up adds the grant.
        role = "inject";
        const r = await stack.up();
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.update, 1, JSON.stringify(r.summary.resourceChanges));
        assert.deepStrictEqual(await grants(), ["inject"]);
        assert.deepStrictEqual((await stack.preview()).changeSummary, { same: 4 });
        await stack.destroy();
    });
});
