// Grants to one group policy never overlap on the appliance, and their provisions are coalesced.
// The simulator counts overlapping membership changes per group policy (the appliance cannot take
// them); a raw client proves the count works before the provider is held to zero.
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { inParallel } from "../../scripts/lib/parallel";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

async function create(kind: string, inputs: Record<string, unknown>) {
    const checked = await handler(kind).check({}, inputs);
    assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
    return handler(kind).create(checked.inputs!);
}

describe("provider: grants to one group policy", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess({ args: ["--latency", "40"] })));
    after(async () => sim?.stop());

    it("the simulator counts overlapping membership changes (raw parallel POSTs)", async () => {
        await sim.reset();
        resetClients();
        const gp = await create("pra:GroupPolicy", { name: "raw" });
        const jps = await inParallel(
            4,
            [1, 2].map((i) => () => create("pra:Jumpoint", { name: `raw ${i}`, platform: "linux-x86" })),
        );
        const token = (await (
            await fetch(`${sim.apiHost}/oauth2/token`, {
                method: "POST",
                headers: {
                    authorization: `Basic ${Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString("base64")}`,
                    "content-type": "application/x-www-form-urlencoded",
                },
                body: "grant_type=client_credentials",
            })
        ).json()) as { access_token: string };
        await sim.control("POST", "/counters/reset");
        // Overlap by construction, not by the luck of two parallel requests landing within 40 ms:
        // the first POST is held by the appliance (a 5 s latency fault), and the second is sent
        // only once the first is known to have arrived.
        const path = `/group-policy/${gp.id}/jumpoint`;
        await sim.control("POST", "/faults", { rules: [{ kind: "latency", ms: 5000, count: 1, match: { method: "POST", path } }] });
        const post = (jp: { id: string }) =>
            fetch(`${sim.apiHost}/api/config/v1${path}`, {
                method: "POST",
                headers: { authorization: `Bearer ${token.access_token}`, "content-type": "application/json" },
                body: JSON.stringify({ jumpoint_id: Number(jp.id) }),
            });
        const first = post(jps[0]);
        while (((await sim.counters()).requests.byRoute["POST /group-policy/{id}/jumpoint"] ?? 0) < 1);
        const second = await post(jps[1]);
        assert.strictEqual(second.status, 201);
        assert.strictEqual((await first).status, 201);
        assert.strictEqual((await sim.counters()).concurrentMembershipChanges, 1);
    });

    it("12 grants of three kinds created and deleted in parallel: no overlap, provisions coalesced", async () => {
        await sim.reset();
        resetClients();
        const gp = await create("pra:GroupPolicy", { name: "busy policy" });
        const jps = await inParallel(
            8,
            [0, 1, 2, 3].map((i) => () => create("pra:Jumpoint", { name: `jp ${i}`, platform: "linux-x86" })),
        );
        const jgs = await inParallel(
            8,
            [0, 1, 2, 3].map((i) => () => create("pra:JumpGroup", { name: `jg ${i}` })),
        );
        const accts = await inParallel(
            8,
            [0, 1, 2, 3].map((i) => () => create("pra:VaultTokenAccount", { name: `acct ${i}`, token: `tok-${i}-abcdef` })),
        );
        await sim.control("POST", "/counters/reset");
        const grants = await inParallel<readonly [string, { id: string; outs: Record<string, unknown> }]>(16, [
            ...jps.map(
                (jp) => () =>
                    create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id }).then((g) => ["pra:GroupPolicyJumpoint", g] as const),
            ),
            ...jgs.map(
                (jg) => () =>
                    create("pra:GroupPolicyJumpGroup", { groupPolicyId: gp.id, jumpGroupId: jg.id }).then((g) => ["pra:GroupPolicyJumpGroup", g] as const),
            ),
            ...accts.map(
                (a) => () =>
                    create("pra:GroupPolicyVaultAccount", { groupPolicyId: gp.id, accountId: a.id }).then((g) => ["pra:GroupPolicyVaultAccount", g] as const),
            ),
        ]);
        let c = await sim.counters();
        assert.strictEqual(c.concurrentMembershipChanges, 0, "never two membership changes at once");
        const provisions = c.requests.byRoute["POST /group-policy/{id}/provision"];
        assert.ok(provisions >= 1 && provisions <= 3, `12 grants, ${provisions} provisions`);
        const state = await sim.control("GET", "/state");
        assert.deepStrictEqual([state.grants.jumpoint.length, state.grants["jump-group"].length, state.grants["vault-account"].length], [4, 4, 4]);

        await sim.control("POST", "/counters/reset");
        await inParallel(
            16,
            grants.map(
                ([kind, g]) =>
                    () =>
                        handler(kind).delete(g.id, g.outs),
            ),
        );
        c = await sim.counters();
        assert.strictEqual(c.concurrentMembershipChanges, 0);
        assert.ok(c.requests.byRoute["POST /group-policy/{id}/provision"] <= 3);
        const after = await sim.control("GET", "/state");
        assert.deepStrictEqual([after.grants.jumpoint.length, after.grants["jump-group"].length, after.grants["vault-account"].length], [0, 0, 0]);
        console.log(`      12 grants: ${provisions} provision(s) on create, ${c.requests.byRoute["POST /group-policy/{id}/provision"]} on delete`);
    });
});

describe("provider: members and grants of one group policy", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess({ args: ["--latency", "40"] })));
    after(async () => sim?.stop());

    it("6 members and 3 grants created and deleted in parallel: one queue, no overlap, provisions coalesced", async () => {
        await sim.reset();
        resetClients();
        const gp = await create("pra:GroupPolicy", { name: "team policy" });
        const jps = await inParallel(
            4,
            [0, 1, 2].map((i) => () => create("pra:Jumpoint", { name: `jp ${i}`, platform: "linux-x86" })),
        );
        await sim.control("POST", "/counters/reset");
        const members = [1, 2, 3, 4].map((u) => ({ groupPolicyId: gp.id, securityProviderId: 1, userId: u }));
        members.push(
            { groupPolicyId: gp.id, securityProviderId: 2, groupName: "Ops" } as never,
            {
                groupPolicyId: gp.id,
                securityProviderId: 3,
                distinguishedName: "CN=Admins,DC=corp",
            } as never,
        );
        const made = await inParallel<readonly [string, { id: string; outs: Record<string, unknown> }]>(16, [
            ...members.map((m) => () => create("pra:GroupPolicyMember", m).then((r) => ["pra:GroupPolicyMember", r] as const)),
            ...jps.map(
                (jp) => () =>
                    create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id }).then((g) => ["pra:GroupPolicyJumpoint", g] as const),
            ),
        ]);
        let c = await sim.counters();
        assert.strictEqual(c.concurrentMembershipChanges, 0, "never two membership changes at once, members included");
        const provisions = c.requests.byRoute["POST /group-policy/{id}/provision"];
        assert.ok(provisions >= 1 && provisions <= 3, `9 changes, ${provisions} provisions`);
        const ids = made.filter(([k]) => k === "pra:GroupPolicyMember").map(([, r]) => r.id);
        assert.strictEqual(new Set(ids).size, 6, `each member its own id: ${ids.join(", ")}`);
        const state = await sim.control("GET", "/state");
        assert.deepStrictEqual([state.grants.member.length, state.grants.jumpoint.length], [6, 3]);
        for (const [kind, r] of made.filter(([k]) => k === "pra:GroupPolicyMember")) {
            const row = state.grants.member.find((m: any) => `${m.group_policy_id}/${m.id}` === r.id);
            assert.ok(row, `${kind} ${r.id} is the member created`);
            for (const k of ["user_id", "group_name", "distinguished_name"])
                if (row[k] !== undefined) assert.strictEqual(r.outs[k.replace(/_(.)/g, (_m, x) => x.toUpperCase())], row[k]);
        }

        await sim.control("POST", "/counters/reset");
        await inParallel(
            16,
            made.map(
                ([kind, r]) =>
                    () =>
                        handler(kind).delete(r.id, r.outs),
            ),
        );
        c = await sim.counters();
        assert.strictEqual(c.concurrentMembershipChanges, 0);
        assert.ok(c.requests.byRoute["POST /group-policy/{id}/provision"] <= 3);
        const after = await sim.control("GET", "/state");
        assert.deepStrictEqual([after.grants.member.length, after.grants.jumpoint.length], [0, 0]);
        console.log(`      6 members and 3 grants: ${provisions} provision(s) on create, ${c.requests.byRoute["POST /group-policy/{id}/provision"]} on delete`);
    });
});

describe("provider: grant queue failure paths and accounts", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess({ args: ["--latency", "40"] })));
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
    });

    it("a grant whose POST fails while another waits in the queue: both settle, the good one is provisioned", async function () {
        // On the old queue the waiting grant never settled: this timeout is the failure, not a measure.
        this.timeout(30_000);
        const gp = await create("pra:GroupPolicy", { name: "gp" });
        const jp = await create("pra:Jumpoint", { name: "kept", platform: "linux-x86" });
        const gone = await create("pra:Jumpoint", { name: "gone", platform: "linux-x86" });
        await sim.control("DELETE", `/api/jumpoint/${gone.id}`);
        const kind = "pra:GroupPolicyJumpoint";
        const good = await handler(kind).check({}, { groupPolicyId: gp.id, jumpointId: jp.id });
        const bad = await handler(kind).check({}, { groupPolicyId: gp.id, jumpointId: gone.id });
        await sim.control("POST", "/counters/reset");
        // Same tick, good first: the failing change is the last one out of the queue.
        const [ok, failed] = await Promise.allSettled([handler(kind).create(good.inputs!), handler(kind).create(bad.inputs!)]);
        assert.strictEqual(ok.status, "fulfilled", String((ok as PromiseRejectedResult).reason));
        assert.strictEqual((ok as PromiseFulfilledResult<{ id: string }>).value.id, `${gp.id}/${jp.id}`);
        assert.strictEqual(failed.status, "rejected");
        const c = await sim.counters();
        assert.strictEqual(c.provisions, 1, "the successful grant was provisioned (once)");
        assert.strictEqual(c.concurrentMembershipChanges, 0);
        assert.deepStrictEqual(
            (await sim.control("GET", "/state")).grants.jumpoint.map((g: any) => g.jumpoint_id),
            [Number(jp.id)],
        );
    });

    it("a failing grant between two good ones, then the same with a failing provision: every create settles, each good one reports the provision", async function () {
        this.timeout(30_000);
        const gp = await create("pra:GroupPolicy", { name: "gp" });
        const jps = await inParallel(
            4,
            [0, 1, 2, 3].map((i) => () => create("pra:Jumpoint", { name: `jp ${i}`, platform: "linux-x86" })),
        );
        const gone = await create("pra:Jumpoint", { name: "gone", platform: "linux-x86" });
        await sim.control("DELETE", `/api/jumpoint/${gone.id}`);
        const kind = "pra:GroupPolicyJumpoint";
        const inputs = async (jumpointId: string) => (await handler(kind).check({}, { groupPolicyId: gp.id, jumpointId })).inputs!;
        const batch = [await inputs(jps[0].id), await inputs(gone.id), await inputs(jps[1].id)];
        const results = await Promise.allSettled(batch.map((i) => handler(kind).create(i)));
        assert.deepStrictEqual(
            results.map((r) => r.status),
            ["fulfilled", "rejected", "fulfilled"],
        );
        // A failing provision after a failing POST: both waiters hear of it.
        await sim.control("POST", "/faults", {
            rules: [{ kind: "status", status: 500, match: { method: "POST", path: `/group-policy/${gp.id}/provision` }, count: 100 }],
        });
        const second = [await inputs(jps[2].id), await inputs(gone.id), await inputs(jps[3].id)];
        const failing = await Promise.allSettled(second.map((i) => handler(kind).create(i)));
        await sim.control("DELETE", "/faults");
        assert.deepStrictEqual(
            failing.map((r) => r.status),
            ["rejected", "rejected", "rejected"],
        );
        assert.strictEqual((failing[0] as PromiseRejectedResult).reason.id, `${gp.id}/${jps[2].id}`, "kept in state as created but not provisioned");
        assert.strictEqual((failing[2] as PromiseRejectedResult).reason.id, `${gp.id}/${jps[3].id}`);
        assert.strictEqual((failing[1] as PromiseRejectedResult).reason.id, undefined, "the grant that was never added is not kept");
    });

    it("grants from two API accounts on one group policy never overlap", async () => {
        const gp = await create("pra:GroupPolicy", { name: "shared" });
        const jps = await inParallel(
            4,
            [0, 1, 2, 3, 4, 5].map((i) => () => create("pra:Jumpoint", { name: `jp ${i}`, platform: "linux-x86" })),
        );
        const second = await sim.control("POST", "/accounts", {});
        const other = { clientId: second.client_id, clientSecret: second.client_secret };
        // Membership changes take long enough that two unserialized ones would surely meet.
        await sim.control("POST", "/faults", { rules: [{ kind: "latency", ms: 150, match: { path: `/group-policy/${gp.id}/` } }] });
        await sim.control("POST", "/counters/reset");
        const made = await inParallel(
            6,
            jps.map((jp, i) => () => create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id, ...(i % 2 ? { connection: other } : {}) })),
        );
        await sim.control("DELETE", "/faults");
        const c = await sim.counters();
        assert.strictEqual(c.tokensMintedByAccount[second.client_id], 1, "the second account made its grants with its own token");
        assert.strictEqual(c.concurrentMembershipChanges, 0, "never two membership changes at once on one policy");
        assert.strictEqual(made.length, 6);
        assert.strictEqual((await sim.control("GET", "/state")).grants.jumpoint.length, 6);
        assert.ok(c.provisions >= 1 && c.provisions <= 6, `${c.provisions} provisions`);
    });
});
