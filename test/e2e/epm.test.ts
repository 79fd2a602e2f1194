// EPM through the real Pulumi engine: an inline Automation API program declares a policy, two
// groups, a membership and two assignments of the policy, one following its latest revision and
// one pinned. In ONE `up` that uploads a new revision, the following group moves to that revision
// (the engine runs its update after the upload, because its latestRevisionId is the Policy's
// output) and the pinned group stays. Destroy then leaves the tenant exactly as seeded: groups and
// policy gone, the member computer back in the default group, the seed's own objects untouched.
import * as assert from "assert";
import type { Stack } from "@pulumi/pulumi/automation";
import { epm } from "pulumi-beyondtrust";
import { SEED_IDS } from "../../simulator/epm/seed";
import { epmCounter } from "../support/epm-cost";
import { useEpmSimulator } from "../support/epm-env";
import { stateAtRest } from "./engine-run";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiEnv, removeWorkDir, ENSURE_SCRIPT } from "../support/pulumi-cli";

const xml = (version: number) =>
    `<?xml version="1.0" encoding="utf-8"?>\n<Configuration Name="E2E Rollout" FileVersion="${version}"><Policies /></Configuration>\n`;
const SERVER = "00000000-0000-4000-8000-0000000000c4"; // CORPSRV01, in the default group since the seed

describe("e2e: EPM policy assignments through the Pulumi engine (follow and pin in one up)", function () {
    this.timeout(900_000);
    const sim = useEpmSimulator();
    const cost = epmCounter(sim);
    let stack: Stack;
    let workDir: string;
    let seeded: any;
    /** What the program declares; each up reads it. */
    const declared: { version: number; pinned?: string } = { version: 1 };

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log(`    skipping end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        workDir = makeWorkDir();
        const program = async () => {
            const policy = new epm.Policy("policy", {
                name: "E2E Rollout Policy",
                description: "rolled out by the e2e suite",
                content: xml(declared.version),
                changeDescription: `version ${declared.version}`,
            });
            const test = new epm.ComputerGroup("test", { name: "E2E Test" });
            const prod = new epm.ComputerGroup("prod", { name: "E2E Prod" });
            new epm.ComputerGroupMembership("test-machines", { groupId: test.id, hostNames: ["corpsrv01"] });
            new epm.PolicyAssignment("test", { groupId: test.id, policyId: policy.id, latestRevisionId: policy.latestRevisionId });
            if (declared.pinned) new epm.PolicyAssignment("prod", { groupId: prod.id, policyId: policy.id, revisionId: declared.pinned });
            const fleet = epm.getComputerGroup({ name: "mac fleet" });
            return { testGroup: test.id, prodGroup: prod.id, latestRevisionId: policy.latestRevisionId, fleet: fleet.id };
        };
        stack = await createInlineStack("bt-epm", "e2e", program, workDir, pulumiEnv(workDir, cli!), cli!);
        await stack.setAllConfig({
            "beyondtrust:epmUrl": { value: sim.sim.env.BT_EPM_API_URL },
            "beyondtrust:epmClientId": { value: sim.sim.env.BT_EPM_CLIENT_ID },
            "beyondtrust:epmClientSecret": { value: sim.sim.env.BT_EPM_CLIENT_SECRET, secret: true },
        });
        seeded = await sim.control("GET", "/state");
    });
    after(() => {
        if (workDir) removeWorkDir(workDir);
    });

    const groupOf = async (id: string) => (await sim.control<any>("GET", "/state")).groups.find((g: any) => g.id === id);

    it("one up uploads a revision: the following group moves to it, the pinned one stays; destroy restores the seed", async () => {
        const first = await stack.up();
        assert.strictEqual(first.summary.result, "succeeded");
        const [testGroup, prodGroup, rev1] = ["testGroup", "prodGroup", "latestRevisionId"].map((k) => String(first.outputs[k].value));
        assert.strictEqual(first.outputs.fleet.value, SEED_IDS.macFleet, "the SDK's lookup ran in the program");
        assert.strictEqual((await groupOf(testGroup)).policyRevisionId, rev1, "the following group holds revision 1");
        const server = (await sim.control<any>("GET", "/state")).computers.find((c: any) => c.id === SERVER);
        assert.strictEqual(server.groupId, testGroup, "the membership moved CORPSRV01");

        // Pin production to revision 1.
        declared.pinned = rev1;
        const pinned = await stack.up();
        assert.deepStrictEqual(pinned.summary.resourceChanges, { same: 6, create: 1 });
        assert.strictEqual((await groupOf(prodGroup)).policyRevisionId, rev1);

        // Version 2: the plan already shows the following assignment moving; the pinned one does not.
        declared.version = 2;
        const plan = await stack.preview();
        assert.deepStrictEqual(plan.changeSummary, { same: 5, update: 2 }, "the policy and the following assignment");
        const rollout = await cost(() => stack.up());
        assert.deepStrictEqual(rollout.result.summary.resourceChanges, { same: 5, update: 2 });
        const rev2 = String(rollout.result.outputs.latestRevisionId.value);
        assert.notStrictEqual(rev2, rev1);
        assert.strictEqual((await groupOf(testGroup)).policyRevisionId, rev2, "the following group moved to the revision this up uploaded");
        assert.strictEqual((await groupOf(prodGroup)).policyRevisionId, rev1, "the pinned group stayed");
        // The upload and its revisions read (2), the following assignment's revisions read and assign (2), the lookup (1).
        assert.deepStrictEqual([rollout.cost.api, rollout.cost.writes], [5, 2], JSON.stringify(rollout.cost.byRoute));
        assert.strictEqual(rollout.cost.tokens, 1, "one token: the plugin process's (the program's lookup reuses its own from the first up)");
        const routes = Object.keys(rollout.cost.byRoute);
        assert.ok(routes.includes("POST /v2/policies/{id}/upload") && routes.includes("POST /v3/groups/{id}/assignpolicyrevision"), routes.join(", "));

        assert.ok(!stateAtRest(workDir).includes(sim.sim.env.BT_EPM_CLIENT_SECRET), "the client secret is not in state in clear");
        await stack.destroy();
        const after = await sim.control<any>("GET", "/state");
        assert.deepStrictEqual(after, seeded, "destroy leaves the tenant as seeded");
    });
});
