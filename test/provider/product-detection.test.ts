// Product detection: with no product configured (no connection.product, no beyondtrust:product,
// no BT_PRODUCT) the provider asks the appliance once per process (GET /get_mech_list?version=3,
// as BeyondTrust's Terraform provider does) and works as PRA or RS. Check makes no API call: it
// accepts every product's fields and defaults; create and update refuse what the detected product
// lacks before any write.
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { setStackConfig } from "../../provider/core/connection";
import { detectProduct } from "../../provider/core/product-detection";
import type { ApiClient } from "../../provider/core/api-client";
import { MiniEngine } from "../support/mini-engine";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

type Props = Record<string, unknown>;

async function checked(kind: string, inputs: Props): Promise<Props> {
    const r = await handler(kind).check({}, inputs);
    assert.strictEqual(r.failures, undefined, JSON.stringify(r.failures));
    return r.inputs!;
}

/** POST, PATCH and DELETE calls, token mints aside. */
const writes = (c: { requests: { byMethod: Record<string, number>; byRoute: Record<string, number> } }) =>
    (c.requests.byMethod.POST ?? 0) + (c.requests.byMethod.PATCH ?? 0) + (c.requests.byMethod.DELETE ?? 0) - (c.requests.byRoute["POST /oauth2/token"] ?? 0);

describe("provider: product detection when no product is configured", function () {
    this.timeout(60_000);

    describe("against a --product rs simulator", () => {
        let sim: SimulatorProcess;
        useSimulatorEnv(() => sim);
        before(async () => {
            sim = await startSimulatorProcess({ product: "rs" });
            setStackConfig({ get: () => undefined });
        });
        after(async () => sim?.stop());
        beforeEach(async () => {
            assert.strictEqual(process.env.BT_PRODUCT, undefined, "this suite needs BT_PRODUCT unset");
            await sim.reset();
            resetClients();
            await sim.control("POST", "/counters/reset");
        });

        it("creates RS objects correctly: RS-only defaults sent, PRA-only defaults left out, no diff and no drift after", async () => {
            const e = new MiniEngine();
            const jp = await e.up("jp", "pra:Jumpoint", { name: "rs jumpoint", platform: "linux-x86" });
            assert.strictEqual(jp.step, "create");
            assert.ok(!("protocolTunnelEnabled" in jp.tracked.outs), "no PRA-only field in the outputs");
            const live = await sim.control("GET", `/api/jumpoint/${jp.tracked.id}`);
            assert.strictEqual(live.protocol_tunnel_enabled, undefined);

            // The RS simulator answers 401 to a PRA-only field, so a created group policy proves none was sent.
            const gp = await e.up("gp", "pra:GroupPolicy", { name: "support", permSupportAllowed: "full_support" });
            assert.strictEqual(gp.tracked.outs.permRoutingIdleTimeout, 900, "RS-only default managed");
            assert.strictEqual(gp.tracked.outs.permSupportAllowed, "full_support");
            assert.ok(!("permWebJump" in gp.tracked.outs) && !("accessPermStatus" in gp.tracked.outs));
            const jg = await e.up("jg", "pra:JumpGroup", { name: "rs group" });
            const grant = await e.up("grant", "pra:GroupPolicyJumpGroup", { groupPolicyId: gp.tracked.id, jumpGroupId: jg.tracked.id, jumpItemRoleId: 1 });
            assert.strictEqual(grant.tracked.id, `${gp.tracked.id}/${jg.tracked.id}`);
            assert.ok(!("jumpPolicyId" in grant.tracked.outs));

            await sim.control("POST", "/counters/reset");
            for (const [name, inputs] of [
                ["jp", { name: "rs jumpoint", platform: "linux-x86" }],
                ["gp", { name: "support", permSupportAllowed: "full_support" }],
            ] as const) {
                assert.strictEqual((await e.up(name, e.state.get(name)!.kind, inputs)).step, "same", `${name}: no diff`);
                assert.deepStrictEqual(await e.refresh(name, inputs), [], `${name}: no drift`);
            }
            const c = await sim.counters();
            assert.strictEqual(c.requests.byRoute["GET /get_mech_list"], undefined, "the product was asked once, before the first create");

            // An RS-only field updates in place.
            assert.strictEqual(
                (await e.up("gp", "pra:GroupPolicy", { name: "support", permSupportAllowed: "full_support", permRoutingIdleTimeout: 600 })).step,
                "update",
            );
            assert.strictEqual((await sim.control("GET", `/api/group-policy/${gp.tracked.id}`)).perm_routing_idle_timeout, 600);
            await e.destroyAll();
        });

        it("check passes a PRA-only field (no API call); create refuses it, naming the property, before any write", async () => {
            const inputs = await checked("pra:Jumpoint", { name: "tunnels", platform: "linux-x86", protocolTunnelEnabled: false });
            let c = await sim.counters();
            assert.strictEqual(c.requests.total, 0, "check made no API call");
            await assert.rejects(
                handler("pra:Jumpoint").create(inputs),
                /Jumpoint: protocolTunnelEnabled is not available on RS \(only on PRA\) \(.*\/get_mech_list reports product "bomgar", so RS\); nothing was written/,
            );
            const rdp = await checked("pra:RemoteRdp", { name: "dc", hostname: "10.0.0.1", jumpointId: 1, jumpGroupId: 1, sessionForensics: true });
            await assert.rejects(handler("pra:RemoteRdp").create(rdp), /sessionForensics is not available on RS/);
            const web = await checked("pra:WebJump", { name: "ui", url: "https://10.0.0.1/", jumpointId: 1, jumpGroupId: 1 });
            await assert.rejects(
                handler("pra:WebJump").create(web),
                /Web Jump does not exist on RS; it is only available on PRA \(.*reports product "bomgar", so RS\)/,
            );
            c = await sim.counters();
            assert.strictEqual(writes(c), 0, `no write: ${JSON.stringify(c.requests.byRoute)}`);
            assert.deepStrictEqual(Object.keys(c.requests.byRoute).sort(), ["GET /get_mech_list", "POST /oauth2/token"]);
            assert.strictEqual(c.requests.byRoute["GET /get_mech_list"], 1, "asked once for three operations");
        });

        it("an update that adds a PRA-only field is refused before any write", async () => {
            const e = new MiniEngine();
            await e.up("jp", "pra:Jumpoint", { name: "rs jumpoint", platform: "linux-x86" });
            await sim.control("POST", "/counters/reset");
            await assert.rejects(
                e.up("jp", "pra:Jumpoint", { name: "rs jumpoint", platform: "linux-x86", rdpServiceAccountId: 5 }),
                /rdpServiceAccountId is not available on RS/,
            );
            assert.strictEqual(writes(await sim.counters()), 0);
            await e.destroyAll();
        });

        it("parallel first calls share one detection and one token (single-flight)", async () => {
            const inputs = await Promise.all([1, 2, 3, 4, 5].map((i) => checked("pra:JumpGroup", { name: `group ${i}` })));
            const made = await Promise.all(inputs.map((i) => handler("pra:JumpGroup").create(i)));
            assert.strictEqual(new Set(made.map((m) => m.id)).size, 5);
            const c = await sim.counters();
            assert.strictEqual(c.requests.byRoute["GET /get_mech_list"], 1, JSON.stringify(c.requests.byRoute));
            assert.strictEqual(c.requests.byRoute["POST /oauth2/token"], 1, "the detection's token is the one the creates use");
        });

        it("a configured product is never asked for", async () => {
            process.env.BT_PRODUCT = "rs";
            try {
                const made = await handler("pra:JumpGroup").create(await checked("pra:JumpGroup", { name: "pinned" }));
                assert.ok(made.id);
            } finally {
                delete process.env.BT_PRODUCT;
            }
            assert.strictEqual((await sim.counters()).requests.byRoute["GET /get_mech_list"], undefined);
        });
    });

    describe("against a PRA simulator", () => {
        let sim: SimulatorProcess;
        useSimulatorEnv(() => sim);
        before(async () => (sim = await startSimulatorProcess()));
        after(async () => sim?.stop());
        beforeEach(() => resetClients());

        it("detects PRA: PRA-only fields and defaults are sent and managed, RS-only defaults left out", async () => {
            const e = new MiniEngine();
            const jp = await e.up("jp", "pra:Jumpoint", { name: "pra jumpoint", platform: "linux-x86", protocolTunnelEnabled: false });
            assert.strictEqual(jp.tracked.outs.protocolTunnelEnabled, false);
            const gp = await e.up("gp", "pra:GroupPolicy", { name: "admins" });
            assert.strictEqual(gp.tracked.outs.permWebJump, false, "PRA-only default managed");
            assert.ok(!("permRoutingIdleTimeout" in gp.tracked.outs), "no RS-only field in the outputs");
            assert.strictEqual((await e.up("gp", "pra:GroupPolicy", { name: "admins" })).step, "same");
            await sim.control("PATCH", `/api/group-policy/${gp.tracked.id}`, { perm_web_jump: true });
            assert.deepStrictEqual(await e.refresh("gp", { name: "admins" }), ["permWebJump"], "drift on a PRA-only default is seen");
            await e.destroyAll();
        });
    });

    describe("detectProduct() itself", () => {
        const client = (answer: () => Promise<unknown>) => {
            let calls = 0;
            const c = {
                request: async () => {
                    calls++;
                    return answer();
                },
            } as unknown as ApiClient;
            return { c, calls: () => calls };
        };
        beforeEach(() => resetClients());

        it('reads "bpam" as PRA and anything else as RS, like the vendor\'s client', async () => {
            assert.strictEqual((await detectProduct({ origin: "https://a.example" }, client(async () => ({ product: "bpam" })).c)).product, "pra");
            assert.strictEqual((await detectProduct({ origin: "https://b.example" }, client(async () => ({ product: "something-else" })).c)).product, "rs");
        });

        it("a failure names the fix and is not remembered; success is remembered per appliance", async () => {
            const failing = client(async () => {
                throw new Error("RS GET /get_mech_list failed with HTTP 404");
            });
            await assert.rejects(
                detectProduct({ origin: "https://c.example" }, failing.c),
                /product is not configured and could not be read from the appliance \(GET https:\/\/c\.example\/get_mech_list\?version=3\): .*HTTP 404\. Set it: stack config beyondtrust:product/,
            );
            await assert.rejects(detectProduct({ origin: "https://c.example" }, client(async () => "<html>").c), /its answer has no "product"/);
            const ok = client(async () => ({ product: "bpam" }));
            await detectProduct({ origin: "https://c.example" }, ok.c);
            await detectProduct({ origin: "https://c.example" }, ok.c);
            assert.strictEqual(ok.calls(), 1);
        });
    });
});
