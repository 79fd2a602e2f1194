// Replacement for kinds with no immutable field: moving a resource to another appliance (its
// connection's host) creates it there and deletes it from the first, in Pulumi's order.
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { MiniEngine } from "../support/mini-engine";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

describe("provider: moving resources to another appliance replaces them", function () {
    this.timeout(60_000);
    let a: SimulatorProcess;
    let b: SimulatorProcess;
    before(async () => {
        [a, b] = await Promise.all([startSimulatorProcess(), startSimulatorProcess()]);
        resetClients();
    });
    after(async () => Promise.all([a?.stop(), b?.stop()]));

    const conn = (s: SimulatorProcess) => ({ host: s.apiHost, clientId: s.clientId, clientSecret: s.clientSecret });
    const kinds: Array<[string, Record<string, unknown>, string]> = [
        ["pra:JumpGroup", { name: "moving group" }, "jump-group"],
        ["pra:VaultUsernamePasswordAccount", { name: "moving account", username: "svc", password: "Moving-Passw0rd" }, "vault/account"],
        ["pra:VaultTokenAccount", { name: "moving token", token: "tok-moving-0001" }, "vault/account"],
        ["pra:VaultAccountGroup", { name: "moving vault group" }, "vault/account-group"],
        ["pra:GroupPolicy", { name: "moving policy" }, "group-policy"],
    ];

    for (const [kind, inputs, collection] of kinds) {
        it(kind, async () => {
            const e = new MiniEngine();
            await e.up("r", kind, { ...inputs, connection: conn(a) });
            const checked = await e.check(kind, {}, { ...inputs, connection: conn(b) });
            const plan = await handler(kind).diff(e.state.get("r")!.id, e.state.get("r")!.outs, checked);
            assert.strictEqual(plan.deleteBeforeReplace, false, "another appliance: create there first, then delete here");
            const moved = await e.up("r", kind, { ...inputs, connection: conn(b) });
            assert.deepStrictEqual([moved.step, moved.replaces], ["replace", ["connection"]]);
            const onA = (await a.control("GET", "/state")).collections[collection].filter((o: any) => o.name === inputs.name);
            const onB = (await b.control("GET", "/state")).collections[collection].filter((o: any) => o.name === inputs.name);
            assert.deepStrictEqual([onA.length, onB.length], [0, 1]);
            assert.strictEqual(String(onB[0].id), moved.tracked.id);
            await e.destroyAll();
        });
    }
});
