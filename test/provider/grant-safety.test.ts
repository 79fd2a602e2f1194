// Grants under failure: an update that cannot add the new grant back, a lost answer next to a
// hand-made grant, a grant to an object that is gone, and adopt ids that name another grant.
// Each case failed before the fix it guards (issue 11 items 2, 4 and 9, grant parts).
import * as assert from "assert";
import { clientStats, handler, resetClients, resetClientStats } from "../../provider";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

type Props = Record<string, unknown>;

async function checked(kind: string, inputs: Props): Promise<Props> {
    const r = await handler(kind).check({}, inputs);
    assert.strictEqual(r.failures, undefined, JSON.stringify(r.failures));
    return r.inputs!;
}
async function create(kind: string, inputs: Props) {
    return handler(kind).create(await checked(kind, inputs));
}
const failure = <T>(p: Promise<T>) =>
    p.then(
        () => assert.fail("expected a failure"),
        (e: any) => e,
    );

describe("provider: grants under failure", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
        resetClientStats();
    });
    const faults = (rules: unknown[]) => sim.control("POST", "/faults", { rules });
    const grants = async (segment: string) => (await sim.control("GET", "/state")).grants[segment];

    describe("an update whose new grant cannot be added (item 4)", () => {
        it("the appliance refuses the new grant: the old one is put back, the error says so and gives no adopt advice", async () => {
            const gp = await create("pra:GroupPolicy", { name: "gp" });
            const jg = await create("pra:JumpGroup", { name: "jg" });
            const kind = "pra:GroupPolicyJumpGroup";
            const g = await create(kind, { groupPolicyId: gp.id, jumpGroupId: jg.id, jumpItemRoleId: 1 });
            // Role 99 does not exist: the DELETE succeeds, the POST is refused with 422.
            const news = await checked(kind, { groupPolicyId: gp.id, jumpGroupId: jg.id, jumpItemRoleId: 99 });
            const err = await failure(handler(kind).update(g.id, g.outs, news));
            assert.match(err.message, /could not update/);
            assert.match(err.message, /jump_item_role_id/);
            assert.match(err.message, /put back as it was \(jump_item_role_id 1, jump_policy_id 0\); nothing changed/);
            assert.doesNotMatch(err.message, /adopt/);
            assert.strictEqual(err.id, undefined, "a plain failure: Pulumi keeps the old state, which is true");
            const live = await grants("jump-group");
            assert.deepStrictEqual(
                live.map((r: any) => [r.jump_group_id, r.jump_item_role_id]),
                [[Number(jg.id), 1]],
                "the grant exists, as before",
            );
            const read = await handler(kind).read(g.id, g.outs);
            assert.strictEqual(read.id, g.id);
            assert.strictEqual(read.props!.jumpItemRoleId, 1);
        });

        it("the new grant and the old one both fail: the resource records the change as unknown, refresh drops it, the next up adds it", async () => {
            const gp = await create("pra:GroupPolicy", { name: "gp" });
            const acct = await create("pra:VaultTokenAccount", { name: "a", token: "tok-abcdef-123" });
            const kind = "pra:GroupPolicyVaultAccount";
            const g = await create(kind, { groupPolicyId: gp.id, accountId: acct.id, role: "inject" });
            const news = await checked(kind, { groupPolicyId: gp.id, accountId: acct.id, role: "inject_and_checkout" });
            await faults([{ kind: "status", status: 503, match: { method: "POST", path: `/group-policy/${gp.id}/vault-account` }, count: 1000 }]);
            const err = await failure(handler(kind).update(g.id, g.outs, news));
            await sim.control("DELETE", "/faults");
            assert.deepStrictEqual(await grants("vault-account"), [], "the grant is gone on the appliance");
            // Pulumi's partial failure (ErrorResourceInitFailed): the id stays, the properties are what is true now.
            assert.strictEqual(err.id, g.id);
            assert.strictEqual(err.properties.role, null, "the role is recorded as unknown");
            assert.strictEqual(err.properties.accountId, Number(acct.id));
            assert.match(err.message, /putting the old grant back failed too/);
            assert.match(err.message, /no longer exists on the appliance/);
            assert.match(err.message, /next `pulumi up` adds it again/);
            assert.doesNotMatch(err.message, /adopt/);

            // Refresh sees it as deleted (Pulumi drops it; the next up creates it).
            assert.strictEqual((await handler(kind).read(g.id, err.properties)).id, "");
            // Without a refresh, the next up differs whatever the program says, even reverted.
            const reverted = await checked(kind, { groupPolicyId: gp.id, accountId: acct.id, role: "inject" });
            for (const program of [news, reverted]) {
                const d = await handler(kind).diff(g.id, err.properties, program);
                assert.deepStrictEqual([d.changes, d.replaces], [true, []], "an update in place");
            }
            const { outs } = await handler(kind).update(g.id, err.properties, reverted);
            assert.strictEqual(outs.role, "inject");
            assert.deepStrictEqual(
                (await grants("vault-account")).map((r: any) => [r.account_id, r.role]),
                [[Number(acct.id), "inject"]],
            );
        });
    });

    describe("did my POST land? (item 2, grants)", () => {
        for (const role of ["inject_and_checkout", "inject"]) {
            it(`a hand-made ${role} grant found after a 503 is not taken over: the appliance's conflict is reported`, async () => {
                const gp = await create("pra:GroupPolicy", { name: "gp" });
                const acct = await create("pra:VaultTokenAccount", { name: "a", token: "tok-abcdef-123" });
                await sim.control("POST", "/seed", { grants: { "vault-account": [{ group_policy_id: Number(gp.id), account_id: Number(acct.id), role }] } });
                await faults([{ kind: "status", status: 503, match: { method: "POST", path: `/group-policy/${gp.id}/vault-account` }, count: 1 }]);
                const err = await failure(create("pra:GroupPolicyVaultAccount", { groupPolicyId: gp.id, accountId: acct.id, role: "inject" }));
                assert.match(err.message, /already added to group policy/, "the appliance's own words");
                assert.match(err.message, /set adopt: true/);
                assert.strictEqual(err.id, undefined, "not recorded as ours");
                assert.deepStrictEqual(
                    (await grants("vault-account")).map((r: any) => r.role),
                    [role],
                    "the hand-made grant is untouched",
                );
            });
        }

        it("a lost answer to our own grant POST (role inject_and_checkout) is recognized: one POST, tracked", async () => {
            const gp = await create("pra:GroupPolicy", { name: "gp" });
            const ag = await create("pra:VaultAccountGroup", { name: "ag" });
            await faults([{ kind: "lose-response", match: { method: "POST", path: `/group-policy/${gp.id}/vault-account-group` }, count: 1 }]);
            const before = clientStats.byMethod.POST ?? 0;
            const g = await create("pra:GroupPolicyVaultAccountGroup", { groupPolicyId: gp.id, accountGroupId: ag.id, role: "inject_and_checkout" });
            assert.strictEqual(g.id, `${gp.id}/${ag.id}`);
            assert.strictEqual(g.outs.role, "inject_and_checkout");
            assert.strictEqual((clientStats.byMethod.POST ?? 0) - before, 2, "the grant POST once, and one provision");
            assert.strictEqual((await grants("vault-account-group")).length, 1);
        });
    });

    describe("bad grants (item 9, grants)", () => {
        it("a grant to a Jumpoint that is gone says what is missing, not 'already exists: set adopt'", async () => {
            const gp = await create("pra:GroupPolicy", { name: "gp" });
            const jp = await create("pra:Jumpoint", { name: "gone", platform: "linux-x86" });
            await sim.control("DELETE", `/api/jumpoint/${jp.id}`);
            const err = await failure(create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id }));
            assert.doesNotMatch(err.message, /already exists|set adopt/);
            assert.match(err.message, new RegExp(`Jumpoint ${jp.id} \\(jumpointId\\) does not exist on the appliance`));
        });

        it("a grant to a group policy that is gone names the group policy", async () => {
            const gp = await create("pra:GroupPolicy", { name: "gone" });
            const jg = await create("pra:JumpGroup", { name: "jg" });
            await sim.control("DELETE", `/api/group-policy/${gp.id}`);
            const err = await failure(create("pra:GroupPolicyJumpGroup", { groupPolicyId: gp.id, jumpGroupId: jg.id }));
            assert.doesNotMatch(err.message, /already exists|set adopt/);
            assert.match(err.message, new RegExp(`Group policy ${gp.id} \\(groupPolicyId\\) does not exist`));
        });

        it("adopt ids that contradict the grant's own keys fail check on adopt, with no API call", async () => {
            resetClients();
            await sim.control("POST", "/counters/reset");
            const cases: Array<[string, Props, RegExp]> = [
                ["pra:GroupPolicyJumpoint", { groupPolicyId: 5, jumpointId: 8, adopt: "5/7" }, /names jumpointId 7, but jumpointId is 8/],
                ["pra:GroupPolicyJumpoint", { groupPolicyId: 5, jumpointId: 8, adopt: "6/8" }, /names groupPolicyId 6, but groupPolicyId is 5/],
                ["pra:GroupPolicyJumpGroup", { groupPolicyId: "5", jumpGroupId: "8", adopt: "4/9" }, /groupPolicyId 4.*and jumpGroupId 9/],
                [
                    "pra:GroupPolicyVaultAccount",
                    { groupPolicyId: 5, accountId: 8, adopt: "8" },
                    /must be true .*"<groupPolicyId>\/<objectId>"|must be true or this grant's id .*"5\/8"/,
                ],
                [
                    "pra:GroupPolicyVaultAccountGroup",
                    { groupPolicyId: 5, accountGroupId: 8, adopt: "5/8/1" },
                    /must be true .*"<groupPolicyId>\/<objectId>"|must be true or this grant.s id/,
                ],
            ];
            for (const [kind, inputs, reason] of cases) {
                const r = await handler(kind).check({}, inputs);
                const f = r.failures?.find((x) => x.property === "adopt");
                assert.ok(f, `${kind} ${JSON.stringify(inputs)}: ${JSON.stringify(r.failures)}`);
                assert.match(f.reason, reason);
            }
            // The grant's own id, or true, passes.
            for (const adopt of ["5/8", true]) {
                const r = await handler("pra:GroupPolicyJumpoint").check({}, { groupPolicyId: 5, jumpointId: 8, adopt });
                assert.strictEqual(r.failures, undefined, JSON.stringify(r.failures));
            }
            assert.strictEqual((await sim.counters()).requests.total, 0);
        });
    });
});
