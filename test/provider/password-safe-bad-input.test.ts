// The Password Safe bad-input catalogue against a live appliance: every invalid input fails check,
// naming the property, and the appliance sees no request and no sign-in. Run against the
// simulator's Password Safe API (its counters) when the build has one, and always against a bare
// listener that counts every connection, so the claim holds whatever the simulator build.
import * as assert from "assert";
import * as net from "net";
import { handler, resetClients } from "../../provider";
import { failureNames } from "../../provider/engine/handlers";
import { registerSecret } from "../../provider/core/redact";
import { PS_BAD_INPUTS, PS_GOOD_INPUTS, PS_PASSWORD } from "../support/password-safe-bad-inputs";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

const PS_ENV = ["BT_PS_API_URL", "BT_PS_API_KEY", "BT_PS_RUNAS", "BT_PS_CLIENT_ID", "BT_PS_CLIENT_SECRET"];

async function checkCatalogue(): Promise<void> {
    for (const bad of PS_BAD_INPUTS) {
        const r = await handler(bad.kind).check({}, { ...bad.inputs });
        assert.ok(
            r.failures?.some((f) => failureNames(f, bad.property)),
            `${bad.title}: ${JSON.stringify(r.failures).slice(0, 300)}`,
        );
        for (const hidden of bad.mustNotShow ?? []) assert.ok(!JSON.stringify(r.failures).includes(hidden), `${bad.title}: a failure shows what it must not`);
    }
    for (const good of PS_GOOD_INPUTS) {
        assert.deepStrictEqual((await handler(good.kind).check({}, { ...good.inputs })).failures, undefined, good.kind);
    }
}

describe("provider: Password Safe bad input never reaches the appliance", function () {
    this.timeout(60_000);
    const saved: Record<string, string | undefined> = {};
    before(() => {
        registerSecret(PS_PASSWORD);
        for (const n of PS_ENV) saved[n] = process.env[n];
    });
    after(() => {
        for (const n of PS_ENV) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
    });

    it(`${PS_BAD_INPUTS.length} invalid inputs against a listener: each fails check on its property, and nothing connects`, async () => {
        let connections = 0;
        const server = net.createServer((s) => {
            connections++;
            s.destroy();
        });
        await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
        try {
            process.env.BT_PS_API_URL = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
            process.env.BT_PS_API_KEY = "listener-key";
            process.env.BT_PS_RUNAS = "ps-admin";
            resetClients();
            await checkCatalogue();
            assert.strictEqual(connections, 0);
        } finally {
            server.close();
        }
    });

    describe("against the simulator", () => {
        let sim: SimulatorProcess;
        let env: Record<string, string> = {};
        before(async () => {
            sim = await startSimulatorProcess();
            env = (sim as unknown as { env: Record<string, string> }).env;
        });
        after(async () => sim?.stop());

        it(`${PS_BAD_INPUTS.length} invalid inputs: zero API calls and zero sign-ins on its counters`, async function () {
            if (!env.BT_PS_API_URL) {
                console.log("      skipped: this simulator build has no Password Safe API (no BT_PS_API_URL line)");
                this.skip();
            }
            for (const n of PS_ENV) if (env[n] !== undefined) process.env[n] = env[n];
            registerSecret(env.BT_PS_API_KEY);
            resetClients();
            await sim.control("POST", "/ps/counters/reset");
            await checkCatalogue();
            const c = await sim.control<any>("GET", "/ps/counters");
            assert.deepStrictEqual([c.requests.total, c.signIns], [0, 0], JSON.stringify(c.requests.byRoute));
        });
    });
});
