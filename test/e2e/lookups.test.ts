// A lookup through the real Pulumi engine: an inline Automation API program finds a Jump Item Role
// by name (pra.getJumpItemRole, in the program's process, connection from stack config) and feeds
// its id into a GroupPolicyJumpGroup grant; and reads a vault credential (pra.getVaultCredential) as a
// secret output. The grant on the appliance carries the looked-up role;
// a lookup that matches nothing fails the run with the filter named.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { pra } from "pulumi-beyondtrust";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiEnv, removeWorkDir, ENSURE_SCRIPT } from "../support/pulumi-cli";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

describe("e2e: a Jump Item Role looked up by name feeds a Jump Group grant", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    let roleName = "Start Sessions Only";

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log(`    skipping end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        sim = await startSimulatorProcess();
        workDir = makeWorkDir();
        const program = async () => {
            const role = pra.getJumpItemRole({ name: roleName });
            const roles = pra.getJumpItemRoles();
            const gp = new pra.GroupPolicy("gp", { name: "lookup gp" });
            const jg = new pra.JumpGroup("jg", { name: "lookup jg" });
            new pra.GroupPolicyJumpGroup("grant", { groupPolicyId: gp.id, jumpGroupId: jg.id, jumpItemRoleId: role.id });
            const acct = new pra.VaultTokenAccount("acct", { name: "lookup token", token: "tok-e2e-credential-1" });
            const credential = pra.getVaultCredential({ accountId: acct.id });
            return {
                roleId: role.id,
                roleCanStart: role.permStart,
                roleNames: roles.apply((rs) => rs.map((r) => r.name)),
                credential: credential.secret,
            };
        };
        stack = await createInlineStack("bt-lookups", "e2e", program, workDir, pulumiEnv(workDir, cli!), cli!);
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

    it("up grants the looked-up role; a name that matches nothing fails naming it; destroy", async () => {
        await sim.control("POST", "/counters/reset");
        const up = await stack.up();
        assert.strictEqual(up.summary.result, "succeeded");
        // Once, under heavy load, `up` succeeded with no roleId output: say what there was if it recurs.
        assert.ok(
            up.outputs.roleId,
            `stack outputs after up: ${JSON.stringify(Object.keys(up.outputs))}; summary ${JSON.stringify(up.summary.resourceChanges)}`,
        );
        assert.strictEqual(up.outputs.roleId.value, 2);
        assert.strictEqual(up.outputs.roleCanStart.value, true);
        assert.deepStrictEqual(up.outputs.roleNames.value, ["Administrator", "Start Sessions Only"]);
        assert.strictEqual(up.outputs.credential.secret, true, "the checked-out credential is a secret output");
        assert.strictEqual(up.outputs.credential.value, "tok-e2e-credential-1");
        // At rest, as the backend wrote it (exportStack() decrypts secrets, so it cannot show this).
        const root = path.join(workDir, "state");
        const files = (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f)).filter((f) => fs.statSync(f).isFile());
        assert.ok(files.length > 0);
        for (const f of files) assert.doesNotMatch(fs.readFileSync(f, "utf8"), /tok-e2e-credential-1/, `not in clear in ${f}`);
        const grants = (await sim.control("GET", "/state")).grants["jump-group"];
        assert.deepStrictEqual(
            grants.map((g: any) => g.jump_item_role_id),
            [2],
            "the grant carries the looked-up role",
        );
        const counters = await sim.counters();
        // The two lookups of the one program run are two list calls (name-filtered and not).
        assert.strictEqual(counters.requests.byRoute["GET /jump-item-role"], 2, JSON.stringify(counters.requests.byRoute));

        roleName = "No Such Role";
        let output = "";
        const failed = await stack.preview({ onOutput: (s) => (output += s) }).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.ok(failed, "the preview failed");
        assert.match(`${output}\n${failed.message}`, /pra\.getJumpItemRole: no Jump Item Role matches name "No Such Role"/);

        roleName = "Start Sessions Only";
        assert.deepStrictEqual((await stack.preview()).changeSummary, { same: 5 });
        await stack.destroy();
        assert.deepStrictEqual((await sim.control("GET", "/state")).grants["jump-group"], []);
    });
});
