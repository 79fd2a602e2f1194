// Adoption, Pulumi's missing import for dynamic resources: by natural key, by id, and the refusals.
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

async function create(kind: string, inputs: Record<string, unknown>) {
    const checked = await handler(kind).check({}, inputs);
    assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
    return handler(kind).create(checked.inputs!);
}

describe("provider: adopt", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
    });
    const api = (method: string, path: string, body?: unknown) => sim.control(method, `/api${path}`, body);

    it("by id: takes the object over and converges it, sending only what differs (and secrets)", async () => {
        const existing = await create("pra:VaultUsernamePasswordAccount", {
            name: "legacy",
            username: "svc",
            password: "Old-Passw0rd!",
            description: "made by hand",
        });
        await sim.control("POST", "/counters/reset");
        const adopted = await create("pra:VaultUsernamePasswordAccount", {
            name: "legacy",
            username: "svc",
            password: "New-Passw0rd!",
            description: "managed",
            adopt: existing.id,
        });
        assert.strictEqual(adopted.id, existing.id);
        const live = await api("GET", `/vault/account/${existing.id}`);
        assert.deepStrictEqual([live.description, live.password], ["managed", "New-Passw0rd!"]);
        const c = await sim.counters();
        assert.deepStrictEqual(c.requests.byMethod, { GET: 1, PATCH: 1 }, "one GET to find it, one PATCH to converge it");
        assert.strictEqual((await sim.control("GET", "/state")).collections["vault/account"].length, 1, "no duplicate");
    });

    it("by name when nothing matches: creates it", async () => {
        const made = await create("pra:JumpGroup", { name: "fresh", adopt: true });
        assert.ok(made.id);
        assert.strictEqual((await sim.control("GET", "/state")).collections["jump-group"].length, 1);
    });

    it("refuses an id that does not exist, and an ambiguous natural key", async () => {
        const missing = await create("pra:JumpGroup", { name: "g", adopt: "9999" }).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.match(String(missing), /adopt names id 9999, but no such object exists/);
        const jp = await create("pra:Jumpoint", { name: "jp", platform: "linux-x86", shellJumpEnabled: true });
        const jg = await create("pra:JumpGroup", { name: "jg" });
        for (let i = 0; i < 2; i++) await create("pra:ShellJump", { name: "twin", hostname: `10.0.0.${i}`, jumpointId: jp.id, jumpGroupId: jg.id });
        const ambiguous = await create("pra:ShellJump", { name: "twin", hostname: "10.0.0.9", jumpointId: jp.id, jumpGroupId: jg.id, adopt: true }).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.match(String(ambiguous), /found 2 objects matching .*set adopt to the id/);
    });

    it("a duplicate grant without adopt says to set adopt", async () => {
        const gp = await create("pra:GroupPolicy", { name: "gp" });
        const jp = await create("pra:Jumpoint", { name: "jp", platform: "linux-x86" });
        await create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id });
        const dup = await create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id }).then(
            () => undefined,
            (e: Error) => e,
        );
        assert.match(String(dup), /set adopt: true/);
        const adopted = await create("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id, adopt: true });
        assert.strictEqual(adopted.id, `${gp.id}/${jp.id}`);
    });
});
