// The examples through the real Pulumi engine (Automation API, inline programs, local backend),
// against a simulator process. Each step asserts the engine's result and the simulator's objects.
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { quickstart, QuickstartSettings } from "../../examples/quickstart/program";
import { settingsFromConfig, vpcJumpoint } from "../../examples/vpc-jumpoint/program";
import * as yaml from "js-yaml";
import { createInlineStack, makeWorkDir, pulumiCliVersion, pulumiEnv, removeWorkDir } from "../support/pulumi-cli";
import { connectPra, skipWithoutCli, stateAtRest, Transcript } from "./engine-run";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

function writes(c: any): number {
    const m = c.requests.byMethod;
    return (m.POST ?? 0) + (m.PATCH ?? 0) + (m.DELETE ?? 0) - (c.requests.byRoute["POST /oauth2/token"] ?? 0);
}

function currentDeployment(workDir: string, project: string, stackName: string): any {
    const file = path.join(workDir, "state", ".pulumi", "stacks", project, `${stackName}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")).checkpoint.latest;
}

function stripIds(state: any): string {
    return JSON.stringify(state.collections) + JSON.stringify(state.grants);
}

describe("e2e: quickstart through the Pulumi engine", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    let seeded: string;
    const log = new Transcript();
    const settings: QuickstartSettings = { prefix: "qs", hostname: "10.0.0.5", platform: "linux-x86" };

    before(async function () {
        const cli = skipWithoutCli(this)!;
        console.log(`    using ${pulumiCliVersion(cli)} at ${cli}`);
        sim = await startSimulatorProcess();
        seeded = stripIds(await sim.control("GET", "/state"));
        workDir = makeWorkDir();
        stack = await createInlineStack("bt-quickstart", "e2e", async () => quickstart({ ...settings }), workDir, pulumiEnv(workDir, cli), cli);
        await connectPra(stack, sim);
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("up creates the Jumpoint, Jump Group and Shell Jump", async () => {
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.create, 4, JSON.stringify(r.summary.resourceChanges));
        const state = await sim.control("GET", "/state");
        assert.strictEqual(state.collections.jumpoint.length, 1);
        assert.strictEqual(state.collections["jump-item/shell-jump"][0].hostname, "10.0.0.5");
        assert.strictEqual(r.outputs.shellJumpPort.value, 22);
    });

    it("a second preview reports no changes and makes no write", async () => {
        await sim.control("POST", "/counters/reset");
        const p = await stack.preview({ onOutput: log.onOutput });
        assert.deepStrictEqual(p.changeSummary, { same: 4 });
        const c = await sim.counters();
        assert.strictEqual(writes(c), 0);
        assert.strictEqual(c.requests.total, 0, "check and diff make no API call");
    });

    it("an input change updates in place", async () => {
        settings.hostname = "10.0.0.6";
        const before = (await sim.control("GET", "/state")).collections["jump-item/shell-jump"][0].id;
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.resourceChanges?.update, 1, JSON.stringify(r.summary.resourceChanges));
        const item = (await sim.control("GET", "/state")).collections["jump-item/shell-jump"][0];
        assert.deepStrictEqual([item.id, item.hostname], [before, "10.0.0.6"]);
    });

    it("a change to an immutable field replaces the Jumpoint and the item that dies with it", async () => {
        settings.platform = "windows-x86";
        const oldJumpoint = (await sim.control("GET", "/state")).collections.jumpoint[0].id;
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.replace, 2, JSON.stringify(r.summary.resourceChanges));
        const state = await sim.control("GET", "/state");
        assert.strictEqual(state.collections.jumpoint.length, 1);
        assert.notStrictEqual(state.collections.jumpoint[0].id, oldJumpoint);
        assert.strictEqual(state.collections.jumpoint[0].platform, "windows-x86");
        assert.strictEqual(state.collections["jump-item/shell-jump"][0].jumpoint_id, state.collections.jumpoint[0].id);
    });

    it("an out-of-band edit shows as drift in preview --refresh, refresh records it, up converges it", async () => {
        const item = (await sim.control("GET", "/state")).collections["jump-item/shell-jump"][0];
        await sim.control("PATCH", `/api/jump-item/shell-jump/${item.id}`, { hostname: "192.0.2.66" });
        let shown = "";
        const p = await stack.preview({ refresh: true, diff: true, onOutput: (s) => ((shown += s), log.onOutput(s)) });
        assert.strictEqual(p.changeSummary.update, 1, JSON.stringify(p.changeSummary));
        assert.match(shown, /hostname/, "the drifted field is named");
        assert.match(shown, /192\.0\.2\.66/);
        // As the README says: a plain up trusts the state, so it leaves the drift in place.
        const plain = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(plain.summary.resourceChanges?.update ?? 0, 0, JSON.stringify(plain.summary.resourceChanges));
        assert.strictEqual((await sim.control("GET", `/api/jump-item/shell-jump/${item.id}`)).hostname, "192.0.2.66");
        const refreshed = await stack.refresh({ onOutput: log.onOutput });
        assert.strictEqual(refreshed.summary.result, "succeeded");
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.resourceChanges?.update, 1);
        assert.strictEqual((await sim.control("GET", `/api/jump-item/shell-jump/${item.id}`)).hostname, "10.0.0.6");
    });

    it("an out-of-band delete: refresh drops it, up recreates it", async () => {
        const item = (await sim.control("GET", "/state")).collections["jump-item/shell-jump"][0];
        await sim.control("DELETE", `/api/jump-item/shell-jump/${item.id}`);
        const refreshed = await stack.refresh({ onOutput: log.onOutput });
        assert.strictEqual(refreshed.summary.resourceChanges?.delete, 1, JSON.stringify(refreshed.summary.resourceChanges));
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.resourceChanges?.create, 1);
        assert.strictEqual((await sim.control("GET", "/state")).collections["jump-item/shell-jump"].length, 1);
    });

    it("stack export holds no secret in clear and one small shim per kind", async () => {
        assert.ok(!stateAtRest(workDir).includes(sim.clientSecret), "client secret in state");
        const deployment = currentDeployment(workDir, "bt-quickstart", "e2e");
        const byType = new Map<string, Set<string>>();
        for (const r of deployment.resources) {
            const provider = r.outputs?.__provider;
            if (!provider) continue;
            assert.strictEqual(typeof provider, "string", `${r.type}: __provider is plain text (holds no secret)`);
            assert.ok(provider.length < 3000, `${r.type}: ${provider.length} bytes`);
            assert.ok(!/clientSecret|BT_CLIENT/.test(provider));
            byType.set(r.type, (byType.get(r.type) ?? new Set()).add(provider));
        }
        assert.strictEqual(byType.size, 3);
        for (const [type, texts] of byType) assert.strictEqual(texts.size, 1, `${type}: one shim text`);
    });

    it("bad input fails preview with the property named, before any API call", async () => {
        const good = settings.hostname;
        settings.hostname = "";
        await sim.control("POST", "/counters/reset");
        try {
            const err = await stack.preview({ onOutput: log.onOutput }).then(
                () => undefined,
                (e: Error) => e,
            );
            assert.ok(err, "preview failed");
            // As the README quotes it: Pulumi's "<type> resource '<name>': property <p> value {<v>} has a problem: <rule>".
            assert.match(
                String(err),
                /pulumi-nodejs:dynamic\/beyondtrust\/pra:ShellJump resource 'qs-bastion': property hostname value \{.*\} has a problem: .*must not be empty/,
            );
            assert.strictEqual((await sim.counters()).requests.total, 0);
        } finally {
            settings.hostname = good;
        }
    });

    it("destroy returns the simulator to its seeded state", async () => {
        const r = await stack.destroy({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(stripIds(await sim.control("GET", "/state")), seeded);
        assert.ok(!log.text.includes(sim.clientSecret), "no secret in the engine's output");
    });
});

describe("e2e: the VPC Jumpoint setup through the Pulumi engine", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    const log = new Transcript();
    const privateKey = crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

    before(async function () {
        const cli = skipWithoutCli(this)!;
        sim = await startSimulatorProcess();
        workDir = makeWorkDir();
        // The example's own Pulumi.yaml (its config declarations, which the engine enforces) and
        // its index.ts path: settings from stack config, with no groupPolicyId, so the program
        // creates its group policy.
        const project = yaml.load(fs.readFileSync(path.join(__dirname, "../../examples/vpc-jumpoint/Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        const program = async () => vpcJumpoint(settingsFromConfig());
        stack = await createInlineStack(String(project.name), "e2e", program, workDir, pulumiEnv(workDir, cli), cli, project);
        await connectPra(stack, sim);
        await stack.setAllConfig({
            vpcId: { value: "vpc-0a1b2c" },
            instanceIp: { value: "198.51.100.7" },
            sshPrivateKey: { value: privateKey, secret: true },
        });
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("creates the setup, provisions the grants once per policy, and a preview is then a no-op", async () => {
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.create, 9, JSON.stringify(r.summary.resourceChanges));
        assert.strictEqual(
            (await sim.control("GET", "/state")).collections["group-policy"].filter((g: any) => g.name === "vpc-0a1b2c admins").length,
            1,
            "its own group policy",
        );
        assert.strictEqual(
            r.outputs.groupPolicyId.value,
            String((await sim.control("GET", "/state")).collections["group-policy"].find((g: any) => g.name === "vpc-0a1b2c admins").id),
        );
        const state = await sim.control("GET", "/state");
        for (const kind of ["jumpoint", "jump-group", "vault-account"] as const) assert.strictEqual(state.grants[kind].length, 1, kind);
        const c = await sim.counters();
        assert.ok(c.provisions >= 1 && c.provisions <= 3, `provisions: ${c.provisions}`);
        assert.strictEqual(c.tokensMinted, 1, "one token for the whole run");
        const p = await stack.preview({ onOutput: log.onOutput });
        assert.deepStrictEqual(p.changeSummary, { same: 9 });
    });

    it("Pulumi.yaml's refresh: always makes a plain up put a console edit back", async () => {
        const jp = (await sim.control("GET", "/state")).collections.jumpoint.find((j: any) => j.name === "vpc-0a1b2c");
        await sim.control("PATCH", `/api/jumpoint/${jp.id}`, { shell_jump_enabled: false });
        await sim.control("POST", "/counters/reset");
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.update, 1, JSON.stringify(r.summary.resourceChanges));
        assert.strictEqual((await sim.control("GET", `/api/jumpoint/${jp.id}`)).shell_jump_enabled, true);
        // The Automation API's up (--skip-preview) runs refresh and update in one plugin process:
        // one token, one product detection. (An interactive `pulumi up` previews in another.)
        const c = await sim.counters();
        assert.strictEqual(c.tokensMinted, 1, JSON.stringify(c.requests.byRoute));
        assert.strictEqual(c.requests.byRoute["GET /get_mech_list"], 1);
        assert.strictEqual(c.requests.byRoute["GET /jumpoint/{id}"], 1, "the refresh read it");
    });

    it("keeps the private key and client secret out of state and output", async () => {
        const exported = stateAtRest(workDir);
        const body = privateKey.split("\n")[1];
        assert.ok(!exported.includes(body), "private key in state");
        assert.ok(!exported.includes(sim.clientSecret), "client secret in state");
        assert.ok(!log.text.includes(body) && !log.text.includes(sim.clientSecret), "secret in the engine's output");
        const stored = (await sim.control("GET", "/state")).collections["vault/account"][0];
        assert.ok(String(stored.private_key ?? "").includes(body) || stored.private_key === undefined, "the appliance got the key");
    });

    it("destroy removes everything", async () => {
        await stack.destroy({ onOutput: log.onOutput });
        const state = await sim.control("GET", "/state");
        assert.strictEqual(state.collections.jumpoint.length, 0);
        assert.strictEqual(state.collections["vault/account"].length, 0);
        assert.strictEqual(state.grants["jump-group"].length, 0);
    });
});
