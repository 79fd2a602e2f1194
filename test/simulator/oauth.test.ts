import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Api, send, useSimulator } from "./client";

describe("simulator: OAuth", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ login: false }, (s, a) => {
        sim = s;
        api = a;
    });

    it("client credentials give a 3600 s bearer token that opens the API", async () => {
        const r = await api.mintToken();
        assert.equal(r.status, 200);
        assert.equal(r.body.token_type, "Bearer");
        assert.equal(r.body.expires_in, 3600);
        assert.equal(typeof r.body.access_token, "string");
        assert.equal((await api.get("/jumpoint", { token: r.body.access_token })).status, 200);
    });

    it("bad credentials are invalid_client; missing or bad grant types are refused", async () => {
        const bad = await api.mintToken(sim.clientId, "wrong");
        assert.equal(bad.status, 401);
        assert.equal(bad.body.error, "invalid_client");
        assert.equal((await api.mintToken("nobody", "x")).body.error, "invalid_client");
        const noAuth = await send(`${sim.apiHost}/oauth2/token`, "POST", undefined, {
            raw: "grant_type=client_credentials",
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        assert.equal(noAuth.status, 401);
        const basic = "Basic " + Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString("base64");
        const wrongGrant = await send(`${sim.apiHost}/oauth2/token`, "POST", undefined, {
            raw: "grant_type=password",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic },
        });
        assert.equal(wrongGrant.status, 400);
        assert.equal(wrongGrant.body.error, "unsupported_grant_type");
        assert.equal((await send(`${sim.apiHost}/oauth2/token`, "GET")).status, 405);
    });

    it("client credentials in the form body work too (RFC 6749 2.3.1); Basic wins when both come", async () => {
        const form = (body: string, headers: Record<string, string> = {}) =>
            send(`${sim.apiHost}/oauth2/token`, "POST", undefined, {
                raw: body,
                headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers },
            });
        const enc = encodeURIComponent;
        const ok = await form(`grant_type=client_credentials&client_id=${enc(sim.clientId)}&client_secret=${enc(sim.clientSecret)}`);
        assert.equal(ok.status, 200, ok.text);
        assert.equal(ok.body.token_type, "Bearer");
        assert.equal((await api.get("/jumpoint", { token: ok.body.access_token })).status, 200);
        const wrong = await form(`grant_type=client_credentials&client_id=${enc(sim.clientId)}&client_secret=nope`);
        assert.equal(wrong.status, 401);
        assert.equal(wrong.body.error, "invalid_client");
        const idOnly = await form(`grant_type=client_credentials&client_id=${enc(sim.clientId)}`);
        assert.equal(idOnly.status, 401);
        assert.equal(idOnly.body.error, "invalid_client");
        const basic = "Basic " + Buffer.from(`${sim.clientId}:${sim.clientSecret}`).toString("base64");
        const both = await form(`grant_type=client_credentials&client_id=${enc(sim.clientId)}`, { Authorization: basic });
        assert.equal(both.status, 200, "a client_id repeated in the body beside Basic is fine");
        const contradicting = await form("grant_type=client_credentials&client_id=someone-else", { Authorization: basic });
        assert.equal(contradicting.status, 400);
        assert.equal(contradicting.body.error, "invalid_request");
        assert.equal((await sim.counters()).tokensMinted, 2);
    });

    it("missing, malformed and unknown tokens get 401 access_denied", async () => {
        for (const token of [null, "not-a-token"]) {
            const r = await api.get("/jumpoint", { token });
            assert.equal(r.status, 401);
            assert.equal(r.body.error, "access_denied");
            assert.equal(typeof r.body.message, "string");
        }
        const basic = await api.get("/jumpoint", { token: null, headers: { Authorization: "Basic abc" } });
        assert.equal(basic.status, 401);
    });

    it("tokens expire after the configured TTL", async () => {
        await sim.control("POST", "/config", { tokenTtlSeconds: 1 });
        // On the simulator's frozen clock: valid for exactly 1 s, however long the requests take.
        await sim.control("POST", "/clock", { frozen: true });
        const t = (await api.mintToken()).body;
        assert.equal(t.expires_in, 1);
        assert.equal((await api.get("/jumpoint", { token: t.access_token })).status, 200);
        await sim.control("POST", "/clock", { advanceMs: 999 });
        assert.equal((await api.get("/jumpoint", { token: t.access_token })).status, 200);
        await sim.control("POST", "/clock", { advanceMs: 1 });
        const r = await api.get("/jumpoint", { token: t.access_token });
        assert.equal(r.status, 401);
        assert.equal(r.body.error, "access_denied");
    });

    it("at most 30 valid tokens per account: the 31st evicts the oldest", async () => {
        const tokens: string[] = [];
        for (let i = 0; i < 31; i++) tokens.push((await api.mintToken()).body.access_token);
        assert.equal((await api.get("/jumpoint", { token: tokens[0] })).status, 401);
        assert.equal((await api.get("/jumpoint", { token: tokens[1] })).status, 200);
        assert.equal((await api.get("/jumpoint", { token: tokens[30] })).status, 200);
        const accounts = await sim.control("GET", "/accounts");
        assert.deepEqual(accounts, [{ client_id: sim.clientId, valid_tokens: 30 }]);
        assert.ok(!JSON.stringify(accounts).includes(sim.clientSecret));
    });

    it("regenerating a secret invalidates every token of that account only", async () => {
        const other = await sim.control("POST", "/accounts", { client_id: "second" });
        const otherApi = new Api(sim, other.client_id, other.client_secret);
        const mine = await api.login();
        const theirs = await otherApi.login();
        const { client_secret } = await sim.control("POST", `/accounts/${sim.clientId}/regenerate`);
        assert.notEqual(client_secret, sim.clientSecret);
        assert.equal((await api.get("/jumpoint", { token: mine })).status, 401);
        assert.equal((await otherApi.get("/jumpoint", { token: theirs })).status, 200);
        assert.equal((await api.mintToken(sim.clientId, sim.clientSecret)).status, 401);
        assert.equal((await api.mintToken(sim.clientId, client_secret)).status, 200);
        // reset restores the startup account and secret
        await sim.reset();
        assert.equal((await api.mintToken(sim.clientId, sim.clientSecret)).status, 200);
        assert.equal((await otherApi.mintToken()).status, 401);
    });

    it("several accounts mint independently and are counted per account", async () => {
        const b = await sim.control("POST", "/accounts", {});
        assert.equal(typeof b.client_secret, "string");
        await api.mintToken();
        await new Api(sim, b.client_id, b.client_secret).mintToken();
        await new Api(sim, b.client_id, b.client_secret).mintToken();
        const c = await sim.counters();
        assert.equal(c.tokensMinted, 3);
        assert.deepEqual(c.tokensMintedByAccount, { [sim.clientId]: 1, [b.client_id]: 2 });
    });
});
