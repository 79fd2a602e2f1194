// examples/epm-promotion through the real Pulumi engine (Automation API, inline program, local
// backend) against a simulator process: up, a no-op preview, a content change the test group follows
// and production does not, the promotion (one setting) moving production to the tested revision, a
// later change that leaves production where it was pinned, drift made in the "console" and seen by
// `preview --refresh`, and a destroy that leaves the tenant as seeded. Each step asserts the engine's
// result, EPM's objects (the simulator's state) and what it cost (EPM's counters).
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { epmPromotion, EpmPromotionSettings, POLICY_FILE, POLICY_FILE_V2 } from "../../examples/epm-promotion/program";
import { SEED_IDS } from "../../simulator/epm/seed";
import { createInlineStack, makeWorkDir, pulumiEnv, removeWorkDir } from "../support/pulumi-cli";
import { rememberSecret } from "../support/secret-scan";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { connectEpm, skipWithoutCli, stateAtRest, Transcript } from "./engine-run";

const TOKEN_ROUTE = "POST /oauth/connect/token";
/** The guardrails pack and the launcher the CLI starts it with (see test/policy/cli.test.ts). */
const PACK_DIR = path.resolve(__dirname, "..", "..", "policy");
const LAUNCHER_DIR = path.join(PACK_DIR, "bin");

interface EpmCounters {
    requests: { total: number; byMethod: Record<string, number>; byRoute: Record<string, number> };
    tokensMinted: number;
    rateLimited: number;
}

/** Writes (POST, PUT, PATCH, DELETE) other than token requests. */
function writes(c: EpmCounters): Record<string, number> {
    return Object.fromEntries(Object.entries(c.requests.byRoute).filter(([route]) => route !== TOKEN_ROUTE && !route.startsWith("GET ")));
}

/** The resources the engine planned to change, by step and resource name (from the engine's events). */
function stepsOf(events: EngineEvent[]): Record<string, string[]> {
    const steps: Record<string, string[]> = {};
    for (const e of events) {
        const m = e.resourcePreEvent?.metadata;
        if (!m || m.op === "same" || m.type === "pulumi:pulumi:Stack") continue;
        (steps[m.op] ??= []).push(m.urn.split("::").pop()!);
    }
    for (const names of Object.values(steps)) names.sort();
    return steps;
}

/** What destroy must give back: groups, policies, revisions and where every computer is. */
function seedView(state: any) {
    return {
        groups: state.groups.map((g: any) => [g.id, g.name, g.description, g.isDefault, g.policyRevisionId]).sort(),
        policies: state.policies.map((p: any) => [p.id, p.name, p.description]).sort(),
        revisions: state.revisions.map((r: any) => [r.id, r.policyId, r.revision]).sort(),
        computers: state.computers.map((c: any) => [c.id, c.host, c.groupId]).sort(),
    };
}

/** A revision uploaded in the console: the control API takes the XML as the raw body. */
async function uploadOutOfBand(sim: SimulatorProcess, policyId: string, xml: string): Promise<void> {
    const res = await fetch(`${sim.controlUrl}/epm/policies/${policyId}/revisions`, {
        method: "POST",
        headers: { "content-type": "application/xml" },
        body: xml,
    });
    assert.strictEqual(res.status, 200, await res.text());
}

describe("e2e: examples/epm-promotion through the Pulumi engine", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    let seeded: ReturnType<typeof seedView>;
    const log = new Transcript();
    const settings: EpmPromotionSettings = {
        policyFile: POLICY_FILE,
        changeDescription: "Approved installers elevate without an admin password",
        testComputers: ["CORPSRV01"],
        baselinePolicyName: "Baseline Windows Policy",
    };
    /** What each step cost at EPM (calls by route, tokens), printed at the end for the record. */
    const costs: string[] = [];
    let last: EpmCounters | undefined;
    afterEach(async function () {
        if (!sim) return;
        const now = await counters();
        const was = last ?? { requests: { total: 0, byMethod: {}, byRoute: {} }, tokensMinted: 0, rateLimited: 0 };
        const calls = Object.entries(now.requests.byRoute)
            .map(([route, n]) => [route, n - (was.requests.byRoute[route] ?? 0)] as const)
            .filter(([route, n]) => n > 0 && route !== TOKEN_ROUTE);
        costs.push(
            `      ${this.currentTest?.title.slice(0, 60)}: ${calls.reduce((a, [, n]) => a + n, 0)} calls (${calls.map(([r, n]) => `${r} ${n}`).join(", ")}), ` +
                `${now.tokensMinted - was.tokensMinted} tokens, ${now.rateLimited - was.rateLimited} 429s`,
        );
        last = now;
    });
    after(() => console.log(costs.join("\n")));
    const epmState = () => sim.control("GET", "/epm/state");
    const counters = () => sim.control<EpmCounters>("GET", "/epm/counters");
    const groupNamed = async (name: string) => (await epmState()).groups.find((g: any) => g.name === name);
    const revisionsOf = async (policyId: string) =>
        (await epmState()).revisions.filter((r: any) => r.policyId === policyId).sort((a: any, b: any) => a.revision - b.revision);

    before(async function () {
        const cli = skipWithoutCli(this)!;
        sim = await startSimulatorProcess();
        rememberSecret(sim.env.BT_EPM_CLIENT_SECRET);
        seeded = seedView(await epmState());
        last = await counters();
        workDir = makeWorkDir();
        const project = yaml.load(fs.readFileSync(path.join(__dirname, "../../examples/epm-promotion/Pulumi.yaml"), "utf8")) as Record<string, unknown>;
        const env = pulumiEnv(workDir, cli);
        env.PATH = [LAUNCHER_DIR, env.PATH].join(path.delimiter);
        stack = await createInlineStack(String(project.name), "e2e", async () => epmPromotion({ ...settings }), workDir, env, cli, project);
        await connectEpm(stack, sim);
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("up: the policy on the test group (latest revision), the test computers moved in, production pinned to the baseline", async () => {
        const before = await counters();
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        // The stack, Policy, two ComputerGroups, ComputerGroupMembership, two PolicyAssignments.
        assert.strictEqual(r.summary.resourceChanges?.create, 7, JSON.stringify(r.summary.resourceChanges));
        const state = await epmState();
        const test = state.groups.find((g: any) => g.name === "Test Workstations");
        const production = state.groups.find((g: any) => g.name === "Production Workstations");
        const policy = state.policies.find((p: any) => p.name === "Workstation Elevation");
        const revisions = await revisionsOf(policy.id);
        assert.strictEqual(revisions.length, 1);
        assert.strictEqual(revisions[0].content, fs.readFileSync(POLICY_FILE, "utf8"), "the file's content, uploaded as is");
        // The create (Name, Description, PolicyFile) has no comment field: changeDescription rides on uploads.
        assert.strictEqual(revisions[0].comment, null);
        assert.strictEqual(test.policyRevisionId, revisions[0].id, "the test group runs the new policy");
        assert.strictEqual(production.policyRevisionId, SEED_IDS.baselineRevision, "production stays on the baseline");
        const server = state.computers.find((c: any) => c.host === "CORPSRV01");
        assert.strictEqual(server.groupId, test.id);
        assert.deepStrictEqual(r.outputs.testComputerIds.value, [server.id]);
        assert.deepStrictEqual([r.outputs.testRevisionId.value, r.outputs.latestRevision.value], [revisions[0].id, 1]);
        const c = await counters();
        // The plugin's token and the program's (the lookup runs in this process, for an inline program).
        assert.strictEqual(c.tokensMinted - before.tokensMinted, 2, JSON.stringify(c));
        assert.strictEqual(c.rateLimited - before.rateLimited, 0);
    });

    it("a second preview is all same, writes nothing, and passes the guardrails pack (production pinned, changes described)", async () => {
        const before = await counters();
        let shown = "";
        const p = await stack.preview({ policyPacks: [PACK_DIR], onOutput: (s) => ((shown += s), log.onOutput(s)) });
        assert.deepStrictEqual(p.changeSummary, { same: 7 });
        assert.match(shown, /✅ beyondtrust-guardrails@v0\.1\.0/);
        assert.ok(!/\[(mandatory|advisory)\]/.test(shown), shown);
        const after = await counters();
        const delta = Object.fromEntries(Object.entries(writes(after)).filter(([route, n]) => n !== (before.requests.byRoute[route] ?? 0)));
        assert.deepStrictEqual(delta, {}, "no write");
    });

    it("a content change uploads revision 2: the test group follows it in the same up, production does not move", async () => {
        settings.policyFile = POLICY_FILE_V2;
        settings.changeDescription = "The VPN client's updater joins the approved installers";
        const events: EngineEvent[] = [];
        const r = await stack.up({ onOutput: log.onOutput, onEvent: (e) => events.push(e) });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.deepStrictEqual(stepsOf(events), { update: ["test-policy", "workstation-elevation"] }, JSON.stringify(r.summary.resourceChanges));
        const policyId = r.outputs.policyId.value;
        const revisions = await revisionsOf(policyId);
        assert.deepStrictEqual(
            revisions.map((x: any) => [x.revision, x.comment]),
            [
                [1, null],
                [2, settings.changeDescription],
            ],
        );
        assert.strictEqual((await groupNamed("Test Workstations")).policyRevisionId, revisions[1].id);
        assert.strictEqual((await groupNamed("Production Workstations")).policyRevisionId, SEED_IDS.baselineRevision);
        assert.deepStrictEqual([r.outputs.testRevisionId.value, r.outputs.latestRevision.value], [revisions[1].id, 2]);
    });

    it("the promotion: one setting (productionRevisionId = the test group's revision) moves production to it", async () => {
        const tested = (await stack.outputs()).testRevisionId.value;
        settings.productionRevisionId = tested;
        const events: EngineEvent[] = [];
        const r = await stack.up({ onOutput: log.onOutput, onEvent: (e) => events.push(e) });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.deepStrictEqual(stepsOf(events), { update: ["production-policy"] });
        const production = await groupNamed("Production Workstations");
        const revisions = await revisionsOf(r.outputs.policyId.value);
        assert.strictEqual(production.policyRevisionId, tested);
        assert.strictEqual(production.policyRevisionId, revisions[1].id, "production runs revision 2 of the new policy");
        assert.strictEqual(r.outputs.productionRevisionId.value, tested);
    });

    it("the next change reaches the test group only: production stays on the revision it was pinned to", async () => {
        settings.policyFile = POLICY_FILE;
        settings.changeDescription = "Back to the conferencing client only";
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        const revisions = await revisionsOf(r.outputs.policyId.value);
        assert.strictEqual(revisions.length, 3);
        assert.strictEqual((await groupNamed("Test Workstations")).policyRevisionId, revisions[2].id);
        assert.strictEqual((await groupNamed("Production Workstations")).policyRevisionId, revisions[1].id);
    });

    it("drift made in the console (a group's description, a revision uploaded out of band) is seen by preview --refresh; up --refresh repairs it", async () => {
        const test = await groupNamed("Test Workstations");
        const policyId = (await stack.outputs()).policyId.value;
        await sim.control("PATCH", `/epm/groups/${test.id}`, { description: "edited in the console" });
        await uploadOutOfBand(sim, policyId, fs.readFileSync(POLICY_FILE_V2, "utf8"));
        const events: EngineEvent[] = [];
        const p = await stack.preview({ refresh: true, onOutput: log.onOutput, onEvent: (e) => events.push(e) });
        const planned = stepsOf(events).update ?? [];
        assert.ok(planned.includes("test") && planned.includes("workstation-elevation"), `planned updates: ${JSON.stringify(p.changeSummary)} ${planned}`);
        assert.ok(!planned.includes("production-policy"), "production's pin is not touched");
        const r = await stack.up({ refresh: true, onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual((await groupNamed("Test Workstations")).description, "Pilot computers: they get every new revision of the workstation policy first");
        const revisions = await revisionsOf(policyId);
        assert.strictEqual(revisions[revisions.length - 1].content, fs.readFileSync(POLICY_FILE, "utf8"), "the declared content is the latest again");
        assert.strictEqual((await groupNamed("Test Workstations")).policyRevisionId, revisions[revisions.length - 1].id);
        const again = await stack.preview({ refresh: true, onOutput: log.onOutput });
        assert.deepStrictEqual(again.changeSummary, { same: 7 }, "converged");
    });

    it("destroy leaves the tenant as seeded: groups, policies, revisions, and every computer where it was", async () => {
        const r = await stack.destroy({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.deepStrictEqual(seedView(await epmState()), seeded);
    });

    it("the client secret is in neither the state files at rest nor the engine's output", () => {
        const atRest = stateAtRest(workDir);
        assert.ok(atRest.includes("epm:PolicyAssignment"), "the scan read real state");
        assert.ok(!atRest.includes(sim.env.BT_EPM_CLIENT_SECRET), "the secret is encrypted in state");
        assert.ok(!log.text.includes(sim.env.BT_EPM_CLIENT_SECRET), "the secret is not in the output");
    });
});
