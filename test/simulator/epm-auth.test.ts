import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { send } from "./client";
import { Epm, EPM_ID, problemOf, useEpmSimulator } from "./epm-client";

describe("simulator: EPM OAuth (both token paths, form and Basic, expiry, regeneration)", function () {
    let sim: SimulatorProcess;
    let epm: Epm;
    useEpmSimulator({ login: false }, (s, e) => {
        sim = s;
        epm = e;
    });

    for (const path of ["/oauth/connect/token", "/oauth/token"]) {
        for (const basic of [false, true]) {
            it(`${path} issues a 3600 s bearer token with credentials in the ${basic ? "Basic header" : "form body"}`, async () => {
                const r = await epm.requestToken({ path, basic });
                assert.equal(r.status, 200, r.text);
                assert.equal(r.body.token_type, "Bearer");
                assert.equal(r.body.expires_in, 3600);
                assert.equal(r.body.scope, "urn:management:api");
                const groups = await epm.call("GET", "/Groups", undefined, { token: r.body.access_token });
                assert.equal(groups.status, 200);
            });
        }
    }

    it("refuses a wrong secret, an unknown client and a wrong grant with OAuth's 400 bodies, and accepts the scope", async () => {
        assert.deepEqual((await epm.requestToken({ secret: "wrong" })).body.error, "invalid_client");
        assert.equal((await epm.requestToken({ id: "nobody", basic: true })).status, 400);
        const grant = await send(`${sim.apiHost}/oauth/connect/token`, "POST", undefined, {
            raw: `grant_type=password&client_id=${EPM_ID}&client_secret=x`,
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        assert.equal(grant.status, 400);
        assert.equal(grant.body.error, "unsupported_grant_type");
        const scoped = await epm.requestToken({ extra: "scope=urn:management:api" });
        assert.equal(scoped.status, 200);
        const badScope = await epm.requestToken({ extra: "scope=other" });
        assert.equal(badScope.status, 400);
        assert.equal(badScope.body.error, "invalid_scope");
        const get = await epm.call("GET", "/Groups", undefined, { token: null });
        const p = problemOf(get, 401);
        assert.match(String(get.headers["www-authenticate"]), /^Bearer/);
        assert.equal(p.status, 401);
    });

    it("a token stops working when the clock passes its lifetime (no sleeping)", async () => {
        await sim.control("POST", "/clock", { frozen: true });
        const token = await epm.login();
        await sim.control("POST", "/clock", { advanceMs: 3599_000 });
        assert.equal((await epm.call("GET", "/Groups", undefined, { token })).status, 200);
        await sim.control("POST", "/clock", { advanceMs: 1000 });
        problemOf(await epm.call("GET", "/Groups", undefined, { token }), 401);
    });

    it("a trailing slash on the token URL is a 405, and a GET of the token URL too", async () => {
        problemOf(await epm.requestToken({ path: "/oauth/connect/token/" }), 405);
        problemOf(await epm.requestToken({ path: "/OAuth/Token/" }), 405);
        problemOf(await send(`${sim.apiHost}/oauth/connect/token`, "GET"), 405);
    });

    it("the token lifetime is configurable and expire-all ends every token", async () => {
        await sim.control("POST", "/epm/config", { tokenTtlSeconds: 60 });
        assert.equal((await epm.requestToken()).body.expires_in, 60);
        const token = await epm.login();
        await sim.control("POST", "/epm/tokens/expire");
        problemOf(await epm.call("GET", "/Groups", undefined, { token }), 401);
    });

    it("several accounts; regenerating one's secret kills its tokens and its old secret, not the other's", async () => {
        const added = await sim.control("POST", "/epm/accounts", { clientId: "second-account" });
        assert.equal(added.clientId, "second-account");
        const second = new Epm(sim, added.clientId, added.clientSecret);
        const secondToken = await second.login();
        const firstToken = await epm.login();
        const accounts = await sim.control("GET", "/epm/accounts");
        assert.deepEqual(accounts.map((a: any) => a.clientId).sort(), [EPM_ID, "second-account"].sort());
        assert.ok(!JSON.stringify(accounts).includes(added.clientSecret), "the account list shows no secret");

        const regen = await sim.control("POST", "/epm/accounts/second-account/regenerate");
        assert.notEqual(regen.clientSecret, added.clientSecret);
        problemOf(await second.call("GET", "/Groups", undefined, { token: secondToken }), 401);
        assert.equal((await second.requestToken()).status, 400, "the old secret no longer works");
        assert.equal((await second.requestToken({ secret: regen.clientSecret })).status, 200);
        assert.equal((await epm.call("GET", "/Groups", undefined, { token: firstToken })).status, 200);
    });

    it("counts tokens issued by account", async () => {
        await epm.login();
        await epm.login();
        const counters = await sim.control("GET", "/epm/counters");
        assert.equal(counters.tokensMinted, 2);
        assert.equal(counters.tokensMintedByAccount[EPM_ID], 2);
        assert.equal(counters.requests.byRoute["POST /oauth/connect/token"], 2);
    });
});

describe("simulator: EPM rate limit (1000 requests per 100 s per account, 429)", function () {
    let sim: SimulatorProcess;
    let epm: Epm;
    useEpmSimulator({ login: false, limits: true }, (s, e) => {
        sim = s;
        epm = e;
    });

    it("the 1001st request inside 100 s is a 429 ProblemDetails with Retry-After; the window slides on", async () => {
        // The clock stands still, so all requests fall in one window however slow the machine is.
        await sim.control("POST", "/clock", { frozen: true });
        await epm.login(); // request 1 (the token endpoint counts)
        const statuses: number[] = [];
        for (let i = 0; i < 999; i++) statuses.push((await epm.get("/Groups?Pagination.PageSize=1")).status);
        assert.ok(
            statuses.every((s) => s === 200),
            "1000 requests pass",
        );
        const limited = await epm.get("/Groups");
        const p = problemOf(limited, 429);
        assert.match(p.detail, /1000 requests in 100 seconds/);
        assert.equal(limited.headers["retry-after"], "100");
        assert.equal((await epm.requestToken()).status, 429, "the token endpoint is limited too, per client id");
        const counters = await sim.control("GET", "/epm/counters");
        assert.equal(counters.rateLimited, 2);
        await sim.control("POST", "/clock", { advanceMs: 99_999 });
        problemOf(await epm.get("/Groups"), 429);
        await sim.control("POST", "/clock", { advanceMs: 1 });
        assert.equal((await epm.get("/Groups")).status, 200, "the first requests left the window");
    });

    it("a configured small window applies per account: another account is not limited", async () => {
        await sim.control("POST", "/clock", { frozen: true });
        await sim.control("POST", "/epm/config", { rateLimit: 3, rateWindowSeconds: 10 });
        const other = await sim.control("POST", "/epm/accounts", { clientId: "other" });
        const second = new Epm(sim, other.clientId, other.clientSecret);
        await epm.login();
        assert.deepEqual([(await epm.get("/Groups")).status, (await epm.get("/Groups")).status, (await epm.get("/Groups")).status], [200, 200, 429]);
        await second.login();
        assert.equal((await second.get("/Groups")).status, 200);
        await sim.control("POST", "/clock", { advanceMs: 10_000 });
        assert.equal((await epm.get("/Groups")).status, 200);
    });
});
