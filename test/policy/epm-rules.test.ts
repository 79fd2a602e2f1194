// The EPM rules called directly: production groups need a pinned revision (the group's name worked
// out through the assignment's dependency on a ComputerGroup of the stack, the pattern configurable),
// and every policy describes itself and its change (with the provider's checked inputs).
import * as assert from "assert";
import { checked, runResource, runStack, stackResource } from "./harness";

const R = {
    pinned: "beyondtrust-epm-production-pinned",
    described: "beyondtrust-epm-policy-change-described",
};
const GROUP_ID = "6f1d6b5e-3c1a-4a57-9d0e-2b7f6a1c9e42";
const POLICY_ID = "0c3a1b2d-4e5f-4a6b-8c7d-9e0f1a2b3c4d";
const REVISION_ID = "7a8b9c0d-1e2f-4a3b-8c4d-5e6f7a8b9c0d";
const XML = '<?xml version="1.0"?><Configuration FileVersion="1"><Policies /></Configuration>';

/** Two groups as the stack declares them, and an assignment of the policy to `group`. */
function stack(groupName: string, assignment: Record<string, unknown>) {
    const group = stackResource("epm:ComputerGroup", "group", { name: groupName, description: "" });
    const policy = stackResource("epm:Policy", "policy", { name: "Elevation", description: "d", changeDescription: "c", content: XML });
    const assign = stackResource(
        "epm:PolicyAssignment",
        "assign",
        { groupId: GROUP_ID, policyId: POLICY_ID, ...assignment },
        { groupId: [group], policyId: [policy] },
    );
    return [group, policy, assign];
}

describe("policy: beyondtrust-epm-production-pinned", () => {
    it("fails a production group that follows the latest revision, and passes it pinned", async () => {
        const out = await runStack(R.pinned, stack("Production Workstations", {}));
        assert.strictEqual(out.length, 1, JSON.stringify(out));
        assert.match(
            out[0].message,
            /assignment "assign" puts production computer group "Production Workstations" \(it matches \/prod\/i\) on the policy's latest/,
        );
        assert.match(out[0].message, /Fix: set revisionId/);
        assert.strictEqual(out[0].urn, "urn:pulumi:dev::bt::pulumi-nodejs:dynamic/beyondtrust/epm:PolicyAssignment::assign");
        assert.deepStrictEqual(await runStack(R.pinned, stack("Production Workstations", { revisionId: REVISION_ID })), []);
    });

    it("passes a test group that follows the latest revision", async () => {
        assert.deepStrictEqual(await runStack(R.pinned, stack("Test Workstations", {})), []);
    });

    it("the production pattern is configurable (a regular expression, ignoring case)", async () => {
        const config = { productionGroupPattern: "^(live|prd)-" };
        assert.deepStrictEqual(await runStack(R.pinned, stack("Production Workstations", {}), config), [], "no longer matches");
        const out = await runStack(R.pinned, stack("PRD-Berlin", {}), config);
        assert.strictEqual(out.length, 1, JSON.stringify(out));
        assert.match(out[0].message, /"PRD-Berlin" \(it matches \/\^\(live\|prd\)-\/i\)/);
    });

    it("a group the stack does not declare cannot be told apart from production: a pin is asked for", async () => {
        const assign = stackResource("epm:PolicyAssignment", "outside", { groupId: GROUP_ID, policyId: POLICY_ID });
        const out = await runStack(R.pinned, [assign]);
        assert.strictEqual(out.length, 1, JSON.stringify(out));
        assert.match(out[0].message, /a computer group this stack does not declare/);
        const pinned = stackResource("epm:PolicyAssignment", "outside", { groupId: GROUP_ID, policyId: POLICY_ID, revisionId: REVISION_ID });
        assert.deepStrictEqual(await runStack(R.pinned, [pinned]), []);
    });

    it("a blank revisionId is not a pin", async () => {
        const out = await runStack(R.pinned, stack("prod eu", { revisionId: " " }));
        assert.strictEqual(out.length, 1, JSON.stringify(out));
    });
});

describe("policy: beyondtrust-epm-policy-change-described", () => {
    it("fails a policy without a description or a changeDescription, naming both", async () => {
        const props = await checked("epm:Policy", { name: "Elevation", content: XML });
        assert.strictEqual(props.description, "", "the provider's default: what the rule sees");
        const out = await runResource(R.described, "epm:Policy", props);
        assert.strictEqual(out.length, 1, JSON.stringify(out));
        assert.match(out[0].message, /EPM policy "Elevation" has no description and no changeDescription/);
    });

    it("fails a policy that describes itself but not its change", async () => {
        const props = await checked("epm:Policy", { name: "Elevation", description: "Admin rights for installers", content: XML });
        const out = await runResource(R.described, "epm:Policy", props);
        assert.strictEqual(out.length, 1, JSON.stringify(out));
        assert.match(out[0].message, /has no changeDescription\./);
    });

    it("passes a policy with both", async () => {
        const props = await checked("epm:Policy", {
            name: "Elevation",
            description: "Admin rights for installers",
            changeDescription: "Allow the VPN client's updater",
            content: XML,
        });
        assert.deepStrictEqual(await runResource(R.described, "epm:Policy", props), []);
    });

    it("ignores other EPM kinds", async () => {
        const props = await checked("epm:ComputerGroup", { name: "Test Workstations" });
        assert.deepStrictEqual(await runResource(R.described, "epm:ComputerGroup", props), []);
    });
});
