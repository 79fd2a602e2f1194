import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { epm } from "pulumi-beyondtrust";

export interface EpmPromotionSettings {
    /** The policy's XML, a file of this example by default; each change of its content uploads a new revision. */
    policyFile: string;
    /** The comment of the revision the next content change uploads (the policy pack requires one). */
    changeDescription: string;
    /** Host names of the test group's computers (exact, ignoring case). */
    testComputers: string[];
    /**
     * The revision production runs, once promoted: a revision of this example's policy, tested on the
     * test group (`pulumi stack output testRevisionId`). Unset, production stays on the baseline.
     */
    productionRevisionId?: string;
    /** The policy production runs until a revision is promoted (it exists already; this program only reads it). */
    baselinePolicyName: string;
}

/**
 * The Management API's own use case: a pre-production policy tried on a test group, then promoted to
 * production. The test group follows the policy's latest revision, so every content change reaches
 * its computers in the `up` that uploads it; production is pinned: it stays on the baseline policy's
 * revision until `productionRevisionId` names a tested revision of this one, and stays on that one
 * through later changes. The connection comes from stack config (beyondtrust:epmUrl,
 * beyondtrust:epmClientId, beyondtrust:epmClientSecret) or from the BT_EPM_* environment.
 */
export function epmPromotion(s: EpmPromotionSettings) {
    const policy = new epm.Policy("workstation-elevation", {
        name: "Workstation Elevation",
        description: "Elevation rules for office workstations, tried on the test group before production",
        contentFile: s.policyFile,
        changeDescription: s.changeDescription,
    });
    const testGroup = new epm.ComputerGroup("test", {
        name: "Test Workstations",
        description: "Pilot computers: they get every new revision of the workstation policy first",
    });
    const production = new epm.ComputerGroup("production", {
        name: "Production Workstations",
        description: "Run a pinned revision, promoted after testing",
    });
    const pilots = new epm.ComputerGroupMembership("test-computers", {
        groupId: testGroup.id,
        hostNames: s.testComputers,
    });
    // No revisionId: the test group follows the policy's latest revision. Wired from the policy's
    // output, it moves in the same `up` that uploads a new revision, after the upload.
    const onTest = new epm.PolicyAssignment("test-policy", {
        groupId: testGroup.id,
        policyId: policy.id,
        latestRevisionId: policy.latestRevisionId,
    });
    // Pinned, always: the baseline's current revision until a tested revision of ours is promoted.
    const baseline = epm.getPolicy({ name: s.baselinePolicyName });
    const onProduction = new epm.PolicyAssignment("production-policy", {
        groupId: production.id,
        policyId: s.productionRevisionId ? policy.id : baseline.id,
        revisionId: s.productionRevisionId ?? baseline.latestRevisionId,
    });
    return {
        policyId: policy.id,
        testGroupId: testGroup.id,
        productionGroupId: production.id,
        testComputerIds: pilots.memberIds,
        latestRevision: policy.latestRevision,
        /** What to promote: the revision the test group runs now. */
        testRevisionId: onTest.assignedRevisionId,
        productionRevisionId: onProduction.assignedRevisionId,
    };
}

/** The policy file shipped with the example, and the next change to it (for the demo and the test). */
export const POLICY_FILE = path.join(__dirname, "policies", "workstation-elevation.xml");
export const POLICY_FILE_V2 = path.join(__dirname, "policies", "workstation-elevation-v2.xml");

/** Settings from stack config, with defaults that suit the simulator's seed. */
export function settingsFromConfig(): EpmPromotionSettings {
    const config = new pulumi.Config();
    const file = config.get("policyFile");
    return {
        policyFile: file ? path.resolve(file) : POLICY_FILE,
        changeDescription: config.get("changeDescription") ?? "Approved installers elevate without an admin password",
        testComputers: config.getObject<string[]>("testComputers") ?? ["CORPSRV01"],
        productionRevisionId: config.get("productionRevisionId"),
        baselinePolicyName: config.get("baselinePolicyName") ?? "Baseline Windows Policy",
    };
}
