// The EPM bad-input catalogue (test/support/epm-bad-inputs.ts) against a live tenant: every invalid
// input fails check naming its property (with the words the row asks for), and the tenant sees no
// connection, no API call and no token request. Twice: against a bare listener that counts every
// TCP connection (whatever the simulator build), and against the simulator's EPM counters.
import * as assert from "assert";
import * as net from "net";
import { handler, resetClients } from "../../provider";
import { registerSecret } from "../../provider/core/redact";
import { failureNames } from "../../provider/engine/handlers";
import { EPM_BAD_INPUTS, EPM_CLIENT_SECRET_SHOWN_NOWHERE, EPM_GOOD_INPUTS } from "../support/epm-bad-inputs";
import { useEpmSimulator } from "../support/epm-env";

const EPM_ENV = ["BT_EPM_API_URL", "BT_EPM_CLIENT_ID", "BT_EPM_CLIENT_SECRET", "BT_EPM_API_VERSION"];

async function checkCatalogue(): Promise<void> {
    for (const bad of EPM_BAD_INPUTS) {
        const r = await handler(bad.kind).check({}, { ...bad.inputs });
        const named = r.failures?.filter((f) => failureNames(f, bad.property)) ?? [];
        assert.ok(named.length > 0, `${bad.title}: ${JSON.stringify(r.failures).slice(0, 300)}`);
        if (bad.reason)
            assert.ok(
                named.some((f) => bad.reason!.test(f.reason)),
                `${bad.title}: ${JSON.stringify(named).slice(0, 300)} does not say ${bad.reason}`,
            );
        for (const hidden of bad.mustNotShow ?? []) assert.ok(!JSON.stringify(r.failures).includes(hidden), `${bad.title}: a failure shows what it must not`);
    }
    for (const good of EPM_GOOD_INPUTS) {
        assert.deepStrictEqual((await handler(good.kind).check({}, { ...good.inputs })).failures, undefined, good.kind);
    }
}

describe("provider: EPM bad input never reaches the tenant", function () {
    this.timeout(60_000);

    it("the catalogue holds at least 12 cases, every one on an EPM kind", () => {
        assert.ok(EPM_BAD_INPUTS.length >= 12, `${EPM_BAD_INPUTS.length} cases`);
        assert.ok(EPM_BAD_INPUTS.every((b) => b.kind.startsWith("epm:")));
    });

    describe("against a listener", () => {
        const saved: Record<string, string | undefined> = {};
        before(() => {
            registerSecret(EPM_CLIENT_SECRET_SHOWN_NOWHERE);
            for (const n of EPM_ENV) saved[n] = process.env[n];
        });
        after(() => {
            for (const n of EPM_ENV) {
                if (saved[n] === undefined) delete process.env[n];
                else process.env[n] = saved[n];
            }
            resetClients();
        });

        it(`${EPM_BAD_INPUTS.length} invalid inputs: each fails check on its property, and nothing connects`, async () => {
            let connections = 0;
            const server = net.createServer((s) => {
                connections++;
                s.destroy();
            });
            await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
            try {
                process.env.BT_EPM_API_URL = `http://127.0.0.1:${(server.address() as net.AddressInfo).port}`;
                process.env.BT_EPM_CLIENT_ID = "listener-client";
                process.env.BT_EPM_CLIENT_SECRET = EPM_CLIENT_SECRET_SHOWN_NOWHERE;
                delete process.env.BT_EPM_API_VERSION;
                resetClients();
                await checkCatalogue();
                assert.strictEqual(connections, 0);
            } finally {
                server.close();
            }
        });
    });

    describe("against the simulator", () => {
        const epm = useEpmSimulator([EPM_CLIENT_SECRET_SHOWN_NOWHERE]);

        it(`${EPM_BAD_INPUTS.length} invalid inputs: zero API calls and zero tokens on its counters`, async () => {
            const before = await epm.control<any>("GET", "/counters");
            await checkCatalogue();
            const after = await epm.control<any>("GET", "/counters");
            assert.deepStrictEqual(
                [after.requests.total - before.requests.total, after.tokensMinted - before.tokensMinted],
                [0, 0],
                JSON.stringify(after.requests.byRoute),
            );
        });
    });
});
