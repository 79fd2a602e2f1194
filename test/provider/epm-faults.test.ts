// EPM faults the provider must survive, injected by the simulator over real HTTP (the fault rules of
// /_sim/faults match EPM's paths below /management-api, e.g. "/v3/"): 5xx and dropped connections on
// every call (creates, updates and deletes land exactly once), a create whose answer is lost after
// the tenant committed it (found by its name, not posted twice), every token revoked mid-run (one
// renewal), and the 1000-per-100-s window shrunk through `POST /_sim/epm/config`: with the provider
// told the same window its limiter stays under it (token requests included: no 429), and told a
// larger one it meets 429s and recovers through Retry-After, every group still created once.
import * as assert from "assert";
import { clientStats, handler, resetClients } from "../../provider";
import { resetLimiters } from "../../provider/core/api-client";
import { EPM_RATE_WINDOW, epmRateWindow } from "../../provider/epm/profile";
import { registerSecret } from "../../provider/core/redact";
import { epmCounter } from "../support/epm-cost";
import { useEpmSimulator } from "../support/epm-env";

type Props = Record<string, unknown>;
const WINDOW_ENV = ["BT_EPM_RATE_LIMIT", "BT_EPM_RATE_WINDOW_SECONDS"];

describe("provider: EPM rate window setting", () => {
    it("is the documented 1000 per 100 s unless BT_EPM_RATE_LIMIT / BT_EPM_RATE_WINDOW_SECONDS say otherwise", () => {
        assert.deepStrictEqual(epmRateWindow({}), EPM_RATE_WINDOW);
        assert.deepStrictEqual(epmRateWindow({ BT_EPM_RATE_LIMIT: "12", BT_EPM_RATE_WINDOW_SECONDS: "3" }), { limit: 12, windowMs: 3000 });
        assert.deepStrictEqual(epmRateWindow({ BT_EPM_RATE_LIMIT: "0" }), { limit: 0, windowMs: 100_000 }, "0: the limiter off");
        assert.deepStrictEqual(epmRateWindow({ BT_EPM_RATE_LIMIT: "many", BT_EPM_RATE_WINDOW_SECONDS: "-1" }), EPM_RATE_WINDOW, "nonsense is ignored");
    });
});

describe("provider: EPM faults injected by the simulator", function () {
    this.timeout(180_000);
    const epm = useEpmSimulator();
    const cost = epmCounter(epm);
    const groups = () => handler("epm:ComputerGroup");
    const saved: Record<string, string | undefined> = {};
    let serial = 0;

    before(() => WINDOW_ENV.forEach((n) => (saved[n] = process.env[n])));
    beforeEach(async () => {
        await epm.sim.control("DELETE", "/faults");
        await epm.control("POST", "/config", { rateLimit: EPM_RATE_WINDOW.limit, rateWindowSeconds: EPM_RATE_WINDOW.windowMs / 1000 });
        for (const n of WINDOW_ENV) delete process.env[n];
        process.env.BT_EPM_CLIENT_ID = epm.sim.env.BT_EPM_CLIENT_ID;
        process.env.BT_EPM_CLIENT_SECRET = epm.sim.env.BT_EPM_CLIENT_SECRET;
        resetClients();
        resetLimiters();
    });
    // useEpmSimulator's after() has stopped the simulator by now: only the environment is put back.
    after(() => {
        for (const n of WINDOW_ENV) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
        resetLimiters();
    });

    const checked = async (inputs: Props) => {
        const r = await groups().check({}, inputs);
        assert.deepStrictEqual(r.failures, undefined);
        return r.inputs!;
    };
    const createGroup = async (name: string, description = "") => {
        const inputs = await checked({ name, description });
        return { ...(await groups().create(inputs)), inputs };
    };
    /** The tenant's groups whose names start with `prefix`, as the control API sees them. */
    const liveGroups = async (prefix: string) =>
        ((await epm.control<any>("GET", "/state")).groups as Array<{ id: string; name: string; description: string | null }>).filter((g) =>
            g.name.startsWith(prefix),
        );
    const groupPosts = (byRoute: Record<string, number>) =>
        Object.entries(byRoute)
            .filter(([route]) => /^POST \/v\d\/groups$/i.test(route))
            .reduce((a, [, n]) => a + n, 0);

    it("503s at 20% and dropped connections at 5% on every EPM path: 8 creates, 8 updates, 8 deletes land exactly once", async () => {
        await epm.sim.control("POST", "/faults", {
            seed: 11,
            rules: [
                { kind: "status", status: 503, rate: 0.2, match: { path: "/v3/" } },
                { kind: "drop", rate: 0.05, match: { path: "/v3/" } },
            ],
        });
        const prefix = `flaky ${serial++} `;
        const made = await Promise.all(Array.from({ length: 8 }, (_, i) => createGroup(`${prefix}${i}`, "v1")));
        await Promise.all(made.map(async (m) => groups().update(m.id, m.outs, await checked({ ...m.inputs, description: "v2" }))));
        const injected = (await epm.sim.counters()).faultsInjected as Record<string, number>;
        assert.ok(Object.values(injected).reduce((a, b) => a + b, 0) >= 3, `faults were injected: ${JSON.stringify(injected)}`);
        const live = await liveGroups(prefix);
        assert.deepStrictEqual(live.map((g) => g.name).sort(), made.map((_, i) => `${prefix}${i}`).sort(), "each created once");
        assert.deepStrictEqual(
            live.map((g) => g.description),
            live.map(() => "v2"),
            "each update applied",
        );
        await Promise.all(made.map((m) => groups().delete(m.id, m.outs)));
        await epm.sim.control("DELETE", "/faults");
        assert.deepStrictEqual(await liveGroups(prefix), [], "each deleted");
    });

    it("a group POST committed and its answer lost: found by its name, one group, one POST", async () => {
        const name = `lost answer ${serial++}`;
        await epm.sim.control("POST", "/faults", { rules: [{ kind: "lose-response", count: 1, match: { method: "POST", path: "/v3/" } }] });
        const { result, cost: c } = await cost(() => createGroup(name, "once"));
        assert.strictEqual((await epm.sim.counters()).faultsInjected["lose-response"], 1, "the answer was really lost");
        assert.strictEqual(groupPosts(c.byRoute), 1, `one POST on the wire: ${JSON.stringify(c.byRoute)}`);
        const live = await liveGroups(name);
        assert.deepStrictEqual(
            live.map((g) => g.id.toLowerCase()),
            [result.id.toLowerCase()],
            "one group, the one tracked",
        );
        await groups().delete(result.id, result.outs);
    });

    it("every token revoked mid-run (POST /_sim/epm/tokens/expire): one 401, one new token, the request replayed", async () => {
        const first = await createGroup(`token ${serial++}`);
        await epm.control("POST", "/tokens/expire");
        const reauths = clientStats.reauthentications;
        const { result, cost: c } = await cost(() => createGroup(`token ${serial++}`));
        assert.strictEqual(c.tokens, 1, "one renewal");
        assert.strictEqual(clientStats.reauthentications - reauths, 1, "one 401 met");
        assert.ok(result.id, "the create went through");
        const again = await cost(() => groups().read(result.id, result.outs));
        assert.strictEqual(again.cost.tokens, 0, "the renewed token is kept");
        await Promise.all([first, result].map((g) => groups().delete(g.id, g.outs)));
    });

    /** Parallel group creates under a window of `limit` requests per `seconds`, read back and deleted. */
    async function underWindow(limit: number, seconds: number, creates: number) {
        // An account of its own: the tenant's window and the provider's limiter both start empty.
        const account = await epm.control<{ clientId: string; clientSecret: string }>("POST", "/accounts", { clientId: `window-${serial++}` });
        process.env.BT_EPM_CLIENT_ID = account.clientId;
        process.env.BT_EPM_CLIENT_SECRET = account.clientSecret;
        registerSecret(account.clientSecret);
        resetClients();
        await epm.control("POST", "/config", { rateLimit: limit, rateWindowSeconds: seconds });
        const before = await epm.control<any>("GET", "/counters");
        const met = clientStats.rateLimited;
        const prefix = `window ${serial++} `;
        const made = await Promise.all(Array.from({ length: creates }, (_, i) => createGroup(`${prefix}${i}`)));
        await Promise.all(made.map((m) => groups().read(m.id, m.outs)));
        const live = await liveGroups(prefix);
        await Promise.all(made.map((m) => groups().delete(m.id, m.outs)));
        const after = await epm.control<any>("GET", "/counters");
        return {
            live,
            left: await liveGroups(prefix),
            rateLimited: after.rateLimited - before.rateLimited,
            met: clientStats.rateLimited - met,
            requests: after.requests.total - before.requests.total,
        };
    }

    it("the window shrunk to 12 per 3 s and the provider told the same: its limiter stays under it, token requests included (0 429s)", async () => {
        process.env.BT_EPM_RATE_LIMIT = "12";
        process.env.BT_EPM_RATE_WINDOW_SECONDS = "3";
        const r = await underWindow(12, 3, 10);
        assert.ok(r.requests > 24, `enough requests to span several windows: ${r.requests}`);
        assert.strictEqual(r.rateLimited, 0, `no request refused (${r.requests} requests)`);
        assert.strictEqual(r.live.length, 10, "every group created once");
        assert.deepStrictEqual(r.left, [], "every group deleted");
    });

    /**
     * Two "processes" of one account one after the other: 9 creates, then the clients and limiters
     * made afresh (what a new plugin process starts with), then 9 more and 18 deletes, under a window
     * of 12 per 3 s that the provider is told. Returns the tenant's 429s and when the second began.
     */
    async function twoProcesses(journal: boolean) {
        process.env.BT_EPM_RATE_LIMIT = "12";
        process.env.BT_EPM_RATE_WINDOW_SECONDS = "3";
        if (!journal) process.env.BT_RATE_JOURNAL = "0";
        try {
            const account = await epm.control<{ clientId: string; clientSecret: string }>("POST", "/accounts", { clientId: `journal-${serial++}` });
            process.env.BT_EPM_CLIENT_ID = account.clientId;
            process.env.BT_EPM_CLIENT_SECRET = account.clientSecret;
            registerSecret(account.clientSecret);
            resetClients();
            resetLimiters();
            await epm.control("POST", "/config", { rateLimit: 12, rateWindowSeconds: 3 });
            const before = await epm.control<any>("GET", "/counters");
            const prefix = `journal ${serial++} `;
            const started = Date.now();
            const first = await Promise.all(Array.from({ length: 9 }, (_, i) => createGroup(`${prefix}a${i}`)));
            resetClients();
            resetLimiters();
            const secondAfterMs = Date.now() - started;
            const second = await Promise.all(Array.from({ length: 9 }, (_, i) => createGroup(`${prefix}b${i}`)));
            const live = await liveGroups(prefix);
            await Promise.all([...first, ...second].map((m) => groups().delete(m.id, m.outs)));
            const after = await epm.control<any>("GET", "/counters");
            return { live, left: await liveGroups(prefix), rateLimited: after.rateLimited - before.rateLimited, secondAfterMs };
        } finally {
            delete process.env.BT_RATE_JOURNAL;
        }
    }

    it("a new process starts from the window the previous one left (the admission journal): 0 429s, where a fresh count meets them", async () => {
        const r = await twoProcesses(true);
        assert.strictEqual(r.rateLimited, 0, "the second process waited for the first one's window");
        assert.strictEqual(r.live.length, 18, "every group created once");
        assert.deepStrictEqual(r.left, [], "every group deleted");
        // The control: without the journal the second process counts from zero. It can only meet the
        // tenant's 429s if it started inside the first one's window, which a very slow machine may miss.
        const blind = await twoProcesses(false);
        assert.strictEqual(blind.live.length, 18);
        if (blind.secondAfterMs < 2500) assert.ok(blind.rateLimited > 0, `without the journal: ${blind.rateLimited} 429s`);
        else console.log(`    (control inconclusive: the second process began ${blind.secondAfterMs} ms after the first)`);
    });

    it("the window shrunk to 12 per 3 s and the provider told the documented 1000 per 100 s: 429s, Retry-After honoured, every group created once", async () => {
        const r = await underWindow(12, 3, 10);
        assert.ok(r.rateLimited > 0, "the tenant refused some requests");
        assert.strictEqual(r.met, r.rateLimited, "each 429 was met by the provider and resent");
        assert.deepStrictEqual(r.left, [], "every group deleted");
        assert.strictEqual(r.live.length, 10, "every group created once");
        assert.strictEqual(new Set(r.live.map((g) => g.name)).size, 10, "no duplicate");
    });
});
