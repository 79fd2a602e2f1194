// EPM's PolicyAssignment (following and pinned) and ComputerGroupMembership through create,
// refresh, no-op, update, out-of-band edit (drift seen field by field, then healed), out-of-band
// delete, adopt (by natural key and by id) and delete (twice: the second is done), over real HTTP
// against the simulator process. Each step asserts its Management API calls and writes; the run
// takes one token. Names that do not exist fail with reads only: no write reaches the tenant.
import * as assert from "assert";
import { handler } from "../../provider";
import { resolveEpmConnection } from "../../provider/epm/connection";
import { epmClient } from "../../provider/epm/profile";
import { SEED_IDS } from "../../simulator/epm/seed";
import { epmCounter } from "../support/epm-cost";
import { useEpmSimulator } from "../support/epm-env";
import { MiniEngine } from "../support/mini-engine";

type Props = Record<string, unknown>;

const G = {
    follow: "0000000a-0000-4000-8000-000000000001",
    pin: "0000000a-0000-4000-8000-000000000002",
    members: "0000000a-0000-4000-8000-000000000003",
    elsewhere: "0000000a-0000-4000-8000-000000000004",
};
const OTHER_POLICY = "0000000a-0000-4000-8000-0000000000a2";
const OTHER_REVISION = "0000000a-0000-4000-8000-0000000000b2";
const BASELINE = SEED_IDS.baselinePolicy;
const COMPUTER = (n: number) => `00000000-0000-4000-8000-0000000000c${n}`;
const xml = (n: number) => `<?xml version="1.0" encoding="utf-8"?>\n<Configuration Name="assignment test ${n}"><Policies /></Configuration>\n`;

describe("provider: EPM policy assignments and computer memberships against the simulator", function () {
    this.timeout(120_000);
    const epm = useEpmSimulator();
    const cost = epmCounter(epm);
    /** Another console or tool changing the tenant behind the program's back (same account). */
    const outside = () => epmClient(resolveEpmConnection());
    let revisionCounter = 1;

    /** A revision uploaded to a policy through the control API; returns its id. */
    async function newRevision(policyId: string): Promise<string> {
        const res = await fetch(`${epm.sim.controlUrl}/epm/policies/${policyId}/revisions`, { method: "POST", body: xml(++revisionCounter) });
        assert.strictEqual(res.status, 200, await res.clone().text());
        return String(((await res.json()) as Props).id);
    }
    const group = (id: string) => epm.control<any>("GET", "/state").then((s) => s.groups.find((g: Props) => g.id === id));
    const computerGroup = (n: number) => epm.control<any>("GET", "/state").then((s) => s.computers.find((c: Props) => c.id === COMPUTER(n)).groupId);

    before(async () => {
        const state = await epm.control<any>("GET", "/state");
        const at = new Date().toISOString();
        const mk = (id: string, name: string) => ({ id, name, description: null, created: at, isDefault: false, policyRevisionId: null });
        state.groups.push(mk(G.follow, "Assign Follow"), mk(G.pin, "Assign Pin"), mk(G.members, "Members"), mk(G.elsewhere, "Elsewhere"));
        state.policies.push({ id: OTHER_POLICY, name: "Other Policy", description: null, created: at, lastModifiedDate: at, lastModifiedUser: "t" });
        state.revisions.push({ id: OTHER_REVISION, policyId: OTHER_POLICY, revision: 1, created: at, comment: null, lastModifiedUser: "t", content: xml(1) });
        await epm.control("POST", "/seed", state);
    });

    interface AssignmentCase {
        title: string;
        groupId: string;
        /** The declaration, given the baseline's revisions so far (oldest first). */
        declare: (revisions: string[]) => Props;
        /** The property an out-of-band move of the group to another revision shows as drift. */
        drifts: string;
    }
    const ASSIGNMENTS: AssignmentCase[] = [
        {
            title: "following (latestRevisionId wired from the policy)",
            groupId: G.follow,
            declare: (revs) => ({ groupId: G.follow, policyId: BASELINE, latestRevisionId: revs[revs.length - 1] }),
            drifts: "latestRevisionId",
        },
        {
            title: "pinned (revisionId)",
            groupId: G.pin,
            declare: (revs) => ({ groupId: G.pin, policyId: BASELINE, revisionId: revs[revs.length - 1] }),
            drifts: "revisionId",
        },
    ];

    for (const c of ASSIGNMENTS) {
        it(`PolicyAssignment ${c.title}: create, refresh, no-op, update, drift, delete out of band, adopt, delete`, async () => {
            const e = new MiniEngine();
            const h = handler("epm:PolicyAssignment");
            const revs = [SEED_IDS.baselineRevision];
            if (c.groupId === G.pin) revs.push(await newRevision(BASELINE));

            const created = await cost(() => e.up("a", "epm:PolicyAssignment", c.declare(revs)));
            // GET the group (it must not hold another policy), GET the policy's revisions, assign.
            assert.deepStrictEqual([created.result.step, created.cost.api, created.cost.writes], ["create", 3, 1], JSON.stringify(created.cost.byRoute));
            assert.strictEqual(created.result.tracked.id, c.groupId, "the id is the group's");
            assert.strictEqual(created.result.tracked.outs.assignedRevisionId, revs[revs.length - 1]);
            assert.strictEqual((await group(c.groupId)).policyRevisionId, revs[revs.length - 1]);

            const refreshed = await cost(() => e.refresh("a", c.declare(revs)));
            assert.deepStrictEqual([refreshed.result, refreshed.cost.api], [[], 1], "refresh: one GET of the group, no drift");
            const same = await cost(() => e.up("a", "epm:PolicyAssignment", c.declare(revs)));
            assert.deepStrictEqual([same.result.step, same.cost.api], ["same", 0]);

            // A new revision: the following one moves with latestRevisionId, the pinned one with revisionId.
            revs.push(await newRevision(BASELINE));
            const updated = await cost(() => e.up("a", "epm:PolicyAssignment", c.declare(revs)));
            assert.deepStrictEqual([updated.result.step, updated.cost.api, updated.cost.writes], ["update", 2, 1], JSON.stringify(updated.cost.byRoute));
            assert.strictEqual((await group(c.groupId)).policyRevisionId, revs[revs.length - 1]);

            // Out of band: the group put back on the first revision.
            await outside().request("POST", `/Groups/${c.groupId}/AssignPolicyRevision`, { body: { policyRevisionId: revs[0] } });
            const drift = await cost(() => e.refresh("a", c.declare(revs)));
            assert.deepStrictEqual([drift.result, drift.cost.api], [[c.drifts], 1]);
            assert.strictEqual(e.state.get("a")!.outs.assignedRevisionId, revs[0], "refresh records the revision the group holds");
            const healed = await cost(() => e.up("a", "epm:PolicyAssignment", c.declare(revs)));
            assert.deepStrictEqual([healed.result.step, healed.cost.api, healed.cost.writes], ["update", 2, 1]);
            assert.strictEqual((await group(c.groupId)).policyRevisionId, revs[revs.length - 1]);
            assert.deepStrictEqual(await e.refresh("a", c.declare(revs)), []);

            // Out of band: the group given another policy; both properties show it.
            await outside().request("POST", `/Groups/${c.groupId}/AssignPolicyRevision`, { body: { policyRevisionId: OTHER_REVISION } });
            assert.deepStrictEqual(([...(await e.refresh("a", c.declare(revs)))] as string[]).sort(), ["policyId", c.drifts].sort());
            await e.up("a", "epm:PolicyAssignment", c.declare(revs));
            assert.strictEqual((await group(c.groupId)).policyRevisionId, revs[revs.length - 1]);

            // Out of band: the group's policy cleared: the assignment is gone.
            await outside().request("POST", `/Groups/${c.groupId}/ClearPolicy`);
            const gone = await cost(() => e.refresh("a"));
            assert.deepStrictEqual([gone.result, gone.cost.api], ["deleted", 1]);

            // Adopt: a group that holds the policy already is taken over; nothing to write when it matches.
            await outside().request("POST", `/Groups/${c.groupId}/AssignPolicyRevision`, { body: { policyRevisionId: revs[revs.length - 1] } });
            const plain = await cost(async () => h.create(await e.check("epm:PolicyAssignment", {}, c.declare(revs))));
            assert.deepStrictEqual(
                [plain.result.id, plain.cost.api, plain.cost.writes],
                [c.groupId, 2, 0],
                "the same policy on the group: create takes it as it is",
            );
            const adopted = await cost(() => e.up("b", "epm:PolicyAssignment", { ...c.declare(revs), adopt: true }));
            assert.deepStrictEqual([adopted.result.tracked.id, adopted.cost.api, adopted.cost.writes], [c.groupId, 2, 0], JSON.stringify(adopted.cost.byRoute));
            const byId = await cost(() => e.up("c", "epm:PolicyAssignment", { ...c.declare(revs), adopt: c.groupId }));
            assert.deepStrictEqual([byId.result.tracked.id, byId.cost.api, byId.cost.writes], [c.groupId, 2, 0]);

            const deleted = await cost(() => h.delete(c.groupId, e.state.get("b")!.outs));
            assert.deepStrictEqual([deleted.cost.api, deleted.cost.writes], [1, 1], "delete: ClearPolicy");
            assert.strictEqual((await group(c.groupId)).policyRevisionId, null);
            const missing = "0000000a-0000-4000-8000-0000000000ff";
            const again = await cost(() => h.delete(missing, { ...e.state.get("b")!.outs, groupId: missing }));
            assert.strictEqual(again.cost.api, 1, "a group that no longer exists: its 404 is done");
        });
    }

    it("PolicyAssignment: a pinned revision of another policy, a group holding another policy, an unknown policy: errors naming them, reads only", async () => {
        const h = handler("epm:PolicyAssignment");
        const e = new MiniEngine();
        const pinnedElsewhere = await e.check("epm:PolicyAssignment", {}, { groupId: G.elsewhere, policyId: BASELINE, revisionId: OTHER_REVISION });
        const r1 = await cost(() =>
            h.create(pinnedElsewhere).then(
                () => undefined,
                (err: Error) => err.message,
            ),
        );
        assert.match(String(r1.result), new RegExp(`revisionId ${OTHER_REVISION} is not a revision of policy ${BASELINE}`));
        assert.deepStrictEqual([r1.cost.api, r1.cost.writes], [2, 0], JSON.stringify(r1.cost.byRoute));

        // Windows Workstations holds the baseline since the seed.
        const taken = await e.check("epm:PolicyAssignment", {}, { groupId: SEED_IDS.workstations, policyId: OTHER_POLICY });
        const r2 = await cost(() =>
            h.create(taken).then(
                () => undefined,
                (err: Error) => err.message,
            ),
        );
        assert.match(String(r2.result), new RegExp(`already holds policy ${BASELINE}.*adopt: true`));
        assert.deepStrictEqual([r2.cost.api, r2.cost.writes], [1, 0]);

        const nowhere = await e.check("epm:PolicyAssignment", {}, { groupId: G.elsewhere, policyId: "0000000a-0000-4000-8000-0000000000ee" });
        const r3 = await cost(() =>
            h.create(nowhere).then(
                () => undefined,
                (err: Error) => err.message,
            ),
        );
        assert.match(String(r3.result), /policy 0000000a-0000-4000-8000-0000000000ee does not exist/);
        assert.deepStrictEqual([r3.cost.api, r3.cost.writes], [2, 0]);
        assert.strictEqual((await group(G.elsewhere)).policyRevisionId, null);
    });

    it("ComputerGroupMembership: create, refresh, no-op, update (one leaves for the default group), drift, adopt, delete", async () => {
        const e = new MiniEngine();
        const h = handler("epm:ComputerGroupMembership");
        // CORPSRV01 (c4) by host name in another case; MACBOOK-ANA (c5) by id.
        const first = { groupId: G.members, hostNames: ["corpsrv01"], computerIds: [COMPUTER(5)] };
        const created = await cost(() => e.up("m", "epm:ComputerGroupMembership", first));
        // One page of computers (resolving and checking both names), one AssignComputers.
        assert.deepStrictEqual([created.result.step, created.cost.api, created.cost.writes], ["create", 2, 1], JSON.stringify(created.cost.byRoute));
        assert.deepStrictEqual(created.result.tracked.outs.memberIds, [COMPUTER(4), COMPUTER(5)]);
        assert.deepStrictEqual([await computerGroup(4), await computerGroup(5)], [G.members, G.members]);

        const refreshed = await cost(() => e.refresh("m", first));
        assert.deepStrictEqual([refreshed.result, refreshed.cost.api], [[], 1]);
        const same = await cost(() =>
            e.up("m", "epm:ComputerGroupMembership", { ...first, hostNames: ["CORPSRV01"], computerIds: [COMPUTER(5).toUpperCase()] }),
        );
        assert.deepStrictEqual([same.result.step, same.cost.api], ["same", 0], "host names and ids are compared without regard to case");

        // MACBOOK-ANA leaves the list (back to the default group, not to Mac Fleet); MACMINI-LAB joins.
        const second = { groupId: G.members, hostNames: ["corpsrv01"], computerIds: [COMPUTER(6)] };
        const updated = await cost(() => e.up("m", "epm:ComputerGroupMembership", second));
        assert.deepStrictEqual([updated.result.step, updated.cost.api, updated.cost.writes], ["update", 3, 2], JSON.stringify(updated.cost.byRoute));
        assert.deepStrictEqual([await computerGroup(5), await computerGroup(6)], [SEED_IDS.defaultGroup, G.members]);
        assert.deepStrictEqual(updated.result.tracked.outs.memberIds, [COMPUTER(4), COMPUTER(6)]);

        // Out of band: MACMINI-LAB moved to another group: its list shows it, the next up brings it back.
        await outside().request("POST", `/Groups/${G.elsewhere}/AssignComputers`, { body: { computerIds: [COMPUTER(6)] } });
        const drift = await cost(() => e.refresh("m", second));
        assert.deepStrictEqual([drift.result, drift.cost.api], [["computerIds"], 1]);
        const healed = await cost(() => e.up("m", "epm:ComputerGroupMembership", second));
        assert.deepStrictEqual([healed.result.step, healed.cost.api, healed.cost.writes], ["update", 2, 1]);
        assert.strictEqual(await computerGroup(6), G.members);
        // And one named by host name: its hostNames list shows it.
        await outside().request("POST", `/Groups/${G.elsewhere}/AssignComputers`, { body: { computerIds: [COMPUTER(4)] } });
        assert.deepStrictEqual(await e.refresh("m", second), ["hostNames"]);
        await e.up("m", "epm:ComputerGroupMembership", second);
        assert.strictEqual(await computerGroup(4), G.members);

        // Another group replaces the membership: the computers move there, and the old one's delete
        // finds none left in its group, so nothing goes to the default group on the way.
        const moved = await cost(() => e.up("m", "epm:ComputerGroupMembership", { ...second, groupId: G.elsewhere }));
        assert.deepStrictEqual(
            [moved.result.step, moved.result.replaces, moved.cost.api, moved.cost.writes],
            ["replace", ["groupId"], 3, 1],
            JSON.stringify(moved.cost.byRoute),
        );
        assert.deepStrictEqual([await computerGroup(4), await computerGroup(6)], [G.elsewhere, G.elsewhere]);
        await e.up("m", "epm:ComputerGroupMembership", second);
        assert.deepStrictEqual([await computerGroup(4), await computerGroup(6)], [G.members, G.members]);

        // Adopt: the group exists and holds the computers already: found, nothing written.
        const adopted = await cost(() => e.up("n", "epm:ComputerGroupMembership", { ...second, adopt: true }));
        assert.deepStrictEqual([adopted.result.tracked.id, adopted.cost.api, adopted.cost.writes], [G.members, 2, 0], JSON.stringify(adopted.cost.byRoute));
        const byId = await cost(() => e.up("o", "epm:ComputerGroupMembership", { ...second, adopt: G.members }));
        assert.deepStrictEqual([byId.cost.api, byId.cost.writes], [2, 0]);

        const deleted = await cost(() => h.delete(G.members, e.state.get("m")!.outs));
        assert.deepStrictEqual([deleted.cost.api, deleted.cost.writes], [2, 1], "delete: the list, one UnassignComputers");
        assert.deepStrictEqual([await computerGroup(4), await computerGroup(6)], [SEED_IDS.defaultGroup, SEED_IDS.defaultGroup]);
        const again = await cost(() => h.delete(G.members, e.state.get("m")!.outs));
        assert.deepStrictEqual([again.cost.api, again.cost.writes], [1, 0], "nothing left in the group: done");
    });

    it("ComputerGroupMembership: unknown computers (by id and by host name) fail naming them, after one list and no write", async () => {
        const e = new MiniEngine();
        const unknownId = "0000000a-0000-4000-8000-0000000000cc";
        const inputs = await e.check(
            "epm:ComputerGroupMembership",
            {},
            { groupId: G.elsewhere, computerIds: [COMPUTER(1), unknownId], hostNames: ["NO-SUCH-HOST"] },
        );
        const r = await cost(() =>
            handler("epm:ComputerGroupMembership")
                .create(inputs)
                .then(
                    () => undefined,
                    (err: Error) => err.message,
                ),
        );
        assert.match(String(r.result), new RegExp(`computerIds: ${unknownId}`));
        assert.match(String(r.result), /hostNames: no-such-host/i);
        assert.deepStrictEqual([r.cost.api, r.cost.writes], [1, 0], JSON.stringify(r.cost.byRoute));
        assert.strictEqual(await computerGroup(1), SEED_IDS.workstations, "the known computer was not moved either");
    });

    it("one token for the whole run", async () => {
        const c = await epm.control<any>("GET", "/counters");
        assert.strictEqual(c.tokensMinted, 1);
    });
});
