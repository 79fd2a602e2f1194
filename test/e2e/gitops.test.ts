// The GitOps kit's local runner (examples/gitops/run-local.ts), run as a user runs it, step by step
// against a simulator process: review blocks a violating pull request and passes a clean one, apply
// converges, an out-of-band edit makes the nightly job fail naming the field, and the next deploy
// puts it back.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { ENSURE_SCRIPT, findPulumiCli, makeWorkDir, REPO_ROOT, removeWorkDir } from "../support/pulumi-cli";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

const SCRIPT = path.join(REPO_ROOT, "examples", "gitops", "run-local.ts");
const INVENTORY = JSON.parse(fs.readFileSync(path.join(REPO_ROOT, "examples", "gitops", "inventory.json"), "utf8"));

function writes(c: any): number {
    const m = c.requests.byMethod;
    return (m.POST ?? 0) + (m.PATCH ?? 0) + (m.DELETE ?? 0) - (c.requests.byRoute["POST /oauth2/token"] ?? 0);
}

describe("e2e: the GitOps kit's review, apply and nightly steps (run-local.ts)", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let workDir: string;
    let inventory: string;

    before(async function () {
        if (!findPulumiCli()) {
            console.log(`    skipping GitOps end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        sim = await startSimulatorProcess();
        workDir = makeWorkDir("pulumi-bt-gitops-");
        inventory = path.join(workDir, "inventory.json");
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    function step(name: string, inv: object): Promise<{ code: number | null; out: string }> {
        fs.writeFileSync(inventory, JSON.stringify(inv));
        return new Promise((resolve, reject) => {
            const child = spawn(
                process.execPath,
                ["-r", "ts-node/register/transpile-only", SCRIPT, name, "--work", path.join(workDir, "stack"), "--inventory", inventory],
                {
                    cwd: REPO_ROOT,
                    env: { ...process.env, ...sim.env },
                    stdio: ["ignore", "pipe", "pipe"],
                },
            );
            let out = "";
            child.stdout.on("data", (d) => (out += d));
            child.stderr.on("data", (d) => (out += d));
            child.on("error", reject);
            child.on("exit", (code) => resolve({ code, out }));
        });
    }

    it("review blocks a pull request that adds a Telnet Shell Jump, and nothing reaches the appliance", async () => {
        await sim.control("POST", "/counters/reset");
        const telnet = { ...INVENTORY, hosts: [...INVENTORY.hosts, { name: "legacy switch", hostname: "sw-1", protocol: "telnet", tag: "prod-net" }] };
        const r = await step("review", telnet);
        assert.strictEqual(r.code, 1, r.out);
        assert.match(r.out, /\[mandatory\].*beyondtrust-shell-jump-ssh-only.*legacy switch/);
        assert.match(r.out, /REVIEW BLOCKED/);
        const comment = fs.readFileSync(path.join(workDir, "stack", "plan.md"), "utf8");
        assert.match(comment, /❌ blocked by 1 mandatory guardrail violation/);
        assert.match(comment, /```diff[\s\S]*legacy switch[\s\S]*```/, "the plan is in the comment");
        assert.strictEqual(writes(await sim.counters()), 0);
    });

    it("review passes the clean pull request and writes its plan as the comment", async () => {
        const r = await step("review", INVENTORY);
        assert.strictEqual(r.code, 0, r.out);
        const comment = fs.readFileSync(path.join(workDir, "stack", "plan.md"), "utf8");
        assert.match(comment, /✅ passes the guardrails/);
        assert.match(comment, /\+ pulumi-nodejs:dynamic\/beyondtrust\/pra:ShellJump: \(create\)/);
    });

    it("apply converges the appliance to the code, and the nightly job then passes", async () => {
        const r = await step("apply", INVENTORY);
        assert.strictEqual(r.code, 0, r.out);
        assert.match(r.out, /APPLY succeeded: \{"create":9\}/);
        const state = await sim.control("GET", "/state");
        assert.deepStrictEqual(state.collections["jump-item/shell-jump"].map((i: any) => i.hostname).sort(), ["10.0.0.5", "10.0.1.20", "10.0.2.7"]);
        assert.strictEqual(state.grants["jump-group"].length, 1);
        const n = await step("nightly", INVENTORY);
        assert.strictEqual(n.code, 0, n.out);
        assert.match(n.out, /NIGHTLY OK/);
    });

    it("an out-of-band edit makes the nightly job fail naming the drifted fields", async () => {
        const db = (await sim.control("GET", "/state")).collections["jump-item/shell-jump"].find((i: any) => i.name === "vpc-a db");
        await sim.control("PATCH", `/api/jump-item/shell-jump/${db.id}`, { hostname: "192.0.2.66", port: 2200 });
        const r = await step("nightly", INVENTORY);
        assert.strictEqual(r.code, 1, r.out);
        assert.match(r.out, /NIGHTLY FAILED: 1 resource\(s\) drifted/);
        assert.match(r.out, /DRIFT ShellJump "vpc-a db" update: .*hostname is "192\.0\.2\.66" on the appliance, "10\.0\.1\.20" in code/);
        assert.match(r.out, /port is 2200 on the appliance, 22 in code/);
    });

    it("the next deploy puts the code's values back, and the nightly job passes again", async () => {
        const r = await step("apply", INVENTORY);
        assert.strictEqual(r.code, 0, r.out);
        const db = (await sim.control("GET", "/state")).collections["jump-item/shell-jump"].find((i: any) => i.name === "vpc-a db");
        assert.deepStrictEqual([db.hostname, db.port], ["10.0.1.20", 22]);
        const n = await step("nightly", INVENTORY);
        assert.strictEqual(n.code, 0, n.out);
        assert.ok(!n.out.includes(sim.clientSecret), "no secret in the output");
    });
});
