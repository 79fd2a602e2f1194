// The fault catalogue for PRA, over real HTTP with the simulator injecting each fault. Every case
// states exactly what must hold: the desired objects exist once each, the resource is tracked with
// the right id, retries are bounded, and errors are clear.
import * as assert from "assert";
import { clientStats, handler, resetClients, resetClientStats } from "../../provider";
import { inParallel } from "../../scripts/lib/parallel";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";
import { FakeClock } from "../support/fake-clock";
import { useClock } from "../../provider/core/clock";
import { resetLimiters } from "../../provider/core/api-client";

type Props = Record<string, unknown>;

async function create(kind: string, inputs: Props): Promise<{ id: string; outs: Props }> {
    const checked = await handler(kind).check({}, inputs);
    assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
    return handler(kind).create(checked.inputs!);
}

describe("provider: fault catalogue", function () {
    this.timeout(120_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);

    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim && sim.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
        resetClientStats();
    });
    const faults = (rules: unknown[], seed?: number) => sim.control("POST", "/faults", { rules, ...(seed ? { seed } : {}) });
    const state = () => sim.control("GET", "/state");

    for (const retryAfter of [1, null]) {
        it(`429 bursts ${retryAfter ? "with" : "without"} Retry-After: every create completes, retries bounded`, async () => {
            await create("pra:JumpGroup", { name: "token first" });
            await faults([{ kind: "rate-limit", count: 5, retryAfter }]);
            const made = await inParallel(
                8,
                Array.from({ length: 10 }, (_, i) => () => create("pra:JumpGroup", { name: `g${i}` })),
            );
            assert.strictEqual(new Set(made.map((m) => m.id)).size, 10);
            assert.strictEqual((await state()).collections["jump-group"].length, 11);
            assert.strictEqual(clientStats.rateLimited, 5, "each injected 429 was seen once");
            assert.ok(clientStats.retries <= 5, `retries ${clientStats.retries}`);
        });
    }

    it("5xx at 15% (503 at 10%, 500 at 5%) and dropped connections at 5%: exactly the desired objects", async () => {
        const jp = await create("pra:Jumpoint", { name: "jp", platform: "linux-x86", shellJumpEnabled: true });
        const jg = await create("pra:JumpGroup", { name: "jg" });
        await faults(
            [
                { kind: "status", status: 503, rate: 0.1 },
                { kind: "status", status: 500, rate: 0.05 },
                { kind: "drop", rate: 0.05 },
            ],
            42,
        );
        const items = await inParallel(
            8,
            Array.from(
                { length: 40 },
                (_, i) => () => create("pra:ShellJump", { name: `h${i}`, hostname: `10.1.0.${i}`, jumpointId: jp.id, jumpGroupId: jg.id }),
            ),
        );
        await inParallel(
            8,
            items.slice(0, 20).map((it) => () => handler("pra:ShellJump").update(it.id, it.outs, { ...it.outs, tag: "patched" })),
        );
        await inParallel(
            8,
            items.slice(20, 30).map((it) => () => handler("pra:ShellJump").delete(it.id, it.outs)),
        );
        const counters = await sim.counters();
        await sim.control("DELETE", "/faults");
        const live = (await state()).collections["jump-item/shell-jump"];
        assert.strictEqual(live.length, 30, "40 created, 10 deleted, no duplicate");
        assert.deepStrictEqual(
            live.map((o: any) => o.id).sort(),
            items
                .slice(0, 20)
                .concat(items.slice(30))
                .map((i) => Number(i.id))
                .sort(),
        );
        assert.strictEqual(live.filter((o: any) => o.tag === "patched").length, 20);
        const injected = Object.values(counters.faultsInjected as Record<string, number>).reduce((a, b) => a + b, 0);
        assert.ok(injected >= 5, `faults injected: ${JSON.stringify(counters.faultsInjected)}`);
        console.log(`      faults injected ${JSON.stringify(counters.faultsInjected)}, retries ${clientStats.retries}`);
    });

    it("a response lost after a committed POST: no duplicate, tracked with the right id", async () => {
        await faults([{ kind: "lose-response", match: { method: "POST", path: "/jump-group" }, count: 1 }]);
        const made = await create("pra:JumpGroup", { name: "lost answer" });
        const groups = (await state()).collections["jump-group"];
        assert.strictEqual(groups.length, 1, "one object, not two");
        assert.strictEqual(String(groups[0].id), made.id);
        assert.strictEqual(clientStats.byMethod.POST, 1, "the POST was not resent: the lookup found it");
    });

    it("a lost grant POST is found by reading the grant, not posted twice", async () => {
        const gp = await create("pra:GroupPolicy", { name: "gp" });
        const jp = await create("pra:Jumpoint", { name: "jp", platform: "linux-x86" });
        await faults([{ kind: "lose-response", match: { method: "POST", path: `/group-policy/${gp.id}/jumpoint` }, count: 1 }]);
        const grant = await create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id });
        assert.strictEqual(grant.id, `${gp.id}/${jp.id}`);
        assert.strictEqual((await state()).grants.jumpoint.length, 1);
    });

    it("lost answers to PATCH and DELETE are retried safely", async () => {
        const g = await create("pra:JumpGroup", { name: "g" });
        await faults([
            { kind: "lose-response", match: { method: "PATCH" }, count: 1 },
            { kind: "lose-response", match: { method: "DELETE" }, count: 1 },
        ]);
        const { outs } = await handler("pra:JumpGroup").update(g.id, g.outs, { ...g.outs, comments: "after a lost answer" });
        assert.strictEqual(outs.comments, "after a lost answer");
        await handler("pra:JumpGroup").delete(g.id, outs);
        assert.strictEqual((await state()).collections["jump-group"].length, 0);
    });

    it("another process evicting our token (30 new tokens): one re-authentication, no failure", async () => {
        await create("pra:JumpGroup", { name: "before" });
        const basic = Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString("base64");
        for (let i = 0; i < 30; i++) {
            const r = await fetch(`${sim.apiHost}/oauth2/token`, {
                method: "POST",
                headers: { authorization: `Basic ${basic}`, "content-type": "application/x-www-form-urlencoded" },
                body: "grant_type=client_credentials",
            });
            assert.strictEqual(r.status, 200);
        }
        await create("pra:JumpGroup", { name: "after" });
        assert.strictEqual(clientStats.reauthentications, 1);
        assert.strictEqual(clientStats.tokensMinted, 2);
    });

    it("tokens expiring mid-run are renewed ahead of expiry: no 401, one token per renewal (clocks in lock step)", async () => {
        // 2 s tokens, a create every 250 ms for 4.5 s. Both clocks are frozen and moved on together by
        // the test (the simulator's through POST /_sim/clock, the provider's through useClock), so
        // no expectation depends on how long a request takes on a loaded machine.
        await sim.control("POST", "/config", { tokenTtlSeconds: 2 });
        const clock = new FakeClock();
        await sim.control("POST", "/clock", { frozen: true });
        useClock(clock);
        resetLimiters(); // the account's request window was recorded on the system clock
        try {
            const step = 250;
            let i = 0;
            for (let t = 0; t <= 4500; t += step) {
                await create("pra:JumpGroup", { name: `ttl ${i++}` });
                clock.advance(step);
                await sim.control("POST", "/clock", { advanceMs: step });
            }
            const c = await sim.counters();
            assert.strictEqual(clientStats.reauthentications, 0, "never caught by an expired token");
            assert.strictEqual(c.requests.byRoute["POST /jump-group"], 19, "19 creates, each posted once");
            // Renewed 1 s before expiry (the floor; a tenth of 2 s would be 0.2 s): at 0, 1, 2, 3 and 4 s.
            assert.strictEqual(c.tokensMinted, 5, `tokens minted over 4.5 s of 2 s tokens: ${c.tokensMinted}`);
        } finally {
            useClock(undefined);
            resetLimiters();
            await sim.control("POST", "/clock", { frozen: false });
            await sim.control("POST", "/config", { tokenTtlSeconds: 3600 });
        }
    });

    it("an unbounded Retry-After (86400 s) fails the create at once with the appliance's words; the account is not paused", async () => {
        await create("pra:JumpGroup", { name: "token first" });
        await faults([{ kind: "rate-limit", count: 1, retryAfter: 86400, match: { method: "POST", path: "/jump-group" } }]);
        const err = await create("pra:JumpGroup", { name: "refused" }).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.ok(err, "the create failed");
        assert.match(err.message, /HTTP 429: Too Many Requests \(the appliance asked to wait 86400 s before retrying, longer than the 60 s/);
        assert.strictEqual(clientStats.retries, 0, "not resent");
        const c = await sim.counters();
        assert.strictEqual(c.rateLimited, 1);
        // Not paused for a day: the next create goes straight through.
        const made = await create("pra:JumpGroup", { name: "next" });
        assert.deepStrictEqual((await state()).collections["jump-group"].map((g: any) => g.name).sort(), ["next", "token first"]);
        assert.ok(made.id);
    });

    it("a client secret regenerated mid-run: a clear, actionable error and no retry storm", async () => {
        await create("pra:JumpGroup", { name: "before" });
        await sim.control("POST", `/accounts/${sim.clientId}/regenerate`);
        await sim.control("POST", "/counters/reset");
        const err = await create("pra:JumpGroup", { name: "after" }).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.ok(err, "the create failed");
        assert.match(err.message, /refused a token/);
        assert.match(err.message, /regenerated secret/);
        assert.ok(!err.message.includes(sim.clientSecret));
        const c = await sim.counters();
        assert.ok(c.requests.total <= 3, `requests after regeneration: ${JSON.stringify(c.requests.byRoute)}`);
    });

    it("a provision that fails leaves the grant tracked with its id, and the next run finishes it", async () => {
        const gp = await create("pra:GroupPolicy", { name: "gp" });
        const jg = await create("pra:JumpGroup", { name: "jg" });
        await faults([{ kind: "status", status: 500, match: { method: "POST", path: `/group-policy/${gp.id}/provision` }, count: 100 }]);
        const err: any = await create("pra:GroupPolicyJumpGroup", { groupPolicyId: gp.id, jumpGroupId: jg.id }).then(
            () => undefined,
            (e) => e,
        );
        await sim.control("DELETE", "/faults");
        assert.ok(err, "create failed");
        assert.strictEqual(err.id, `${gp.id}/${jg.id}`, "the error carries the id, so Pulumi keeps the resource");
        assert.strictEqual(err.properties.jumpGroupId, Number(jg.id));
        assert.strictEqual((await state()).grants["jump-group"].length, 1);
        // Next run: Pulumi refreshes or updates the kept resource; it is there and reads cleanly.
        const read = await handler("pra:GroupPolicyJumpGroup").read(err.id, err.properties);
        assert.strictEqual(read.id, err.id);
    });
});
