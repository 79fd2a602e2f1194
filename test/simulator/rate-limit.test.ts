import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Api, useSimulator } from "./client";

describe("simulator: rate limits", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ args: [], login: true }, (s, a) => {
        sim = s;
        api = a;
    });

    it("defaults to 15,000/h and reports it on every API response", async () => {
        const r = await api.get("/jumpoint");
        assert.equal(r.headers["x-ratelimit-limit"], "15000");
        assert.equal(r.headers["x-ratelimit-remaining"], "14999");
        const notFound = await api.get("/jumpoint/12345");
        assert.equal(notFound.status, 404);
        assert.equal(notFound.headers["x-ratelimit-remaining"], "14998");
    });

    it("the per-second limit answers 429 with {message} and Retry-After, then recovers", async () => {
        await sim.control("POST", "/config", { ratePerSecond: 3 });
        // The simulator's clock stands still, so the five requests fall in one second however slow
        // the machine is, and the window is moved on exactly (reset in beforeEach thaws it).
        await sim.control("POST", "/clock", { frozen: true });
        const results = [];
        for (let i = 0; i < 5; i++) results.push(await api.get("/jumpoint"));
        assert.deepEqual(
            results.map((r) => r.status),
            [200, 200, 200, 429, 429],
        );
        const limited = results[3];
        assert.equal(typeof limited.body.message, "string");
        assert.equal(limited.headers["retry-after"], "1");
        assert.ok(limited.headers["x-ratelimit-limit"]);
        assert.equal((await sim.counters()).rateLimited, 2);
        await sim.control("POST", "/clock", { advanceMs: 999 });
        assert.equal((await api.get("/jumpoint")).status, 429, "still inside the second");
        await sim.control("POST", "/clock", { advanceMs: 1 });
        assert.equal((await api.get("/jumpoint")).status, 200);
    });

    it("the per-hour limit counts down X-RateLimit-Remaining to 0", async () => {
        await sim.control("POST", "/config", { ratePerHour: 4 });
        const remaining = [];
        for (let i = 0; i < 4; i++) remaining.push((await api.get("/jumpoint")).headers["x-ratelimit-remaining"]);
        assert.deepEqual(remaining, ["3", "2", "1", "0"]);
        const r = await api.get("/jumpoint");
        assert.equal(r.status, 429);
        assert.ok(Number(r.headers["retry-after"]) > 3000, `Retry-After ${r.headers["retry-after"]}`);
    });

    it("limits are per account; the token endpoint and the control API are not limited", async () => {
        await sim.control("POST", "/config", { ratePerSecond: 2 });
        await sim.control("POST", "/clock", { frozen: true });
        await api.get("/jumpoint");
        await api.get("/jumpoint");
        assert.equal((await api.get("/jumpoint")).status, 429);
        const other = await sim.control("POST", "/accounts", {});
        const otherApi = new Api(sim, other.client_id, other.client_secret);
        for (let i = 0; i < 5; i++) assert.equal((await otherApi.mintToken()).status, 200);
        await otherApi.login();
        assert.equal((await otherApi.get("/jumpoint")).status, 200);
        for (let i = 0; i < 5; i++) await sim.control("GET", "/counters");
    });
});
