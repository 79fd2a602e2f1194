import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Api, samples, useSimulator } from "./client";

describe("simulator: fault injection and counters", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ login: true }, (s, a) => {
        sim = s;
        api = a;
    });

    const faults = (rules: unknown[], seed?: number) => sim.control("POST", "/faults", { rules, ...(seed === undefined ? {} : { seed }) });

    it("latency delays matching responses only", async () => {
        await faults([{ kind: "latency", ms: 300, match: { method: "GET", path: "/jump-group" } }]);
        let t = Date.now();
        assert.equal((await api.get("/jump-group")).status, 200);
        assert.ok(Date.now() - t >= 290, `took ${Date.now() - t} ms`);
        await api.get("/jumpoint");
        // Whether the other request was delayed is read from the simulator, not from a stopwatch that
        // a loaded machine slows down: the rule fired once, for the matching request only.
        assert.deepEqual((await sim.counters()).faultsInjected, { latency: 1 });
    });

    it("status returns the 5xx without performing the operation, for the next N matching requests", async () => {
        await faults([{ kind: "status", status: 503, count: 1, match: { method: "POST", path: "/jump-group" } }]);
        const r = await api.post("/jump-group", samples.jumpGroup());
        assert.equal(r.status, 503);
        assert.equal(typeof r.body.message, "string");
        assert.deepEqual((await api.get("/jump-group")).body, []);
        assert.equal((await api.post("/jump-group", samples.jumpGroup())).status, 201);
        assert.deepEqual((await sim.control("GET", "/faults")).rules, []);
    });

    it("rate-limit returns 429 with or without Retry-After and performs nothing", async () => {
        await faults([
            { kind: "rate-limit", count: 1, retryAfter: 7 },
            { kind: "rate-limit", count: 1, retryAfter: null },
        ]);
        const a = await api.post("/jump-group", samples.jumpGroup());
        assert.equal(a.status, 429);
        assert.equal(a.headers["retry-after"], "7");
        const b = await api.get("/jump-group");
        assert.equal(b.status, 429);
        assert.equal(b.headers["retry-after"], undefined);
        assert.deepEqual((await api.get("/jump-group")).body, []);
        assert.equal((await sim.counters()).rateLimited, 2);
    });

    it("drop destroys the connection before the operation", async () => {
        await faults([{ kind: "drop", count: 1, match: { method: "POST" } }]);
        await assert.rejects(api.post("/jump-group", samples.jumpGroup({ name: "dropped" })));
        assert.deepEqual((await api.get("/jump-group")).body, []);
    });

    it("lose-response commits the operation, then destroys the connection", async () => {
        await faults([{ kind: "lose-response", count: 1, match: { method: "POST", path: "/jump-group" } }]);
        await assert.rejects(api.post("/jump-group", samples.jumpGroup({ name: "lost" })));
        const list = await api.get("/jump-group");
        assert.deepEqual(
            list.body.map((g: any) => g.name),
            ["lost"],
        );
    });

    it("faults can target the token endpoint", async () => {
        await faults([{ kind: "status", status: 500, count: 1, match: { path: "/oauth2/token" } }]);
        assert.equal((await api.mintToken()).status, 500);
        assert.equal((await api.mintToken()).status, 200);
    });

    it("probabilistic rules are reproducible with a seed", async () => {
        const run = async () => {
            await sim.control("DELETE", "/faults");
            await faults([{ kind: "status", status: 502, rate: 0.5, match: { path: "/jumpoint" } }], 42);
            const statuses: number[] = [];
            for (let i = 0; i < 16; i++) statuses.push((await api.get("/jumpoint")).status);
            return statuses;
        };
        const first = await run();
        assert.deepEqual(await run(), first);
        assert.ok(first.includes(502) && first.includes(200), first.join(","));
    });

    it("lists rules with remaining counts, clears them, and rejects malformed rules", async () => {
        await faults([{ kind: "status", status: 500, count: 3, match: { path: "/nothing" } }]);
        const listed = await sim.control("GET", "/faults");
        assert.equal(listed.rules.length, 1);
        assert.equal(listed.rules[0].remaining, 3);
        await sim.control("DELETE", "/faults");
        assert.deepEqual((await sim.control("GET", "/faults")).rules, []);
        await assert.rejects(faults([{ kind: "explode" }]), /422/);
        await assert.rejects(faults([{ kind: "status", status: 404 }]), /422/);
    });

    it("counters count every request that reached the server, by method and route, plus writes and faults", async () => {
        await sim.control("POST", "/counters/reset");
        const jg = await api.create("/jump-group", samples.jumpGroup());
        await api.get(`/jump-group/${jg.id}`);
        await api.get(`/jump-group/999`);
        await api.get("/jump-group", { token: "bogus" });
        await faults([{ kind: "status", status: 500, count: 1 }]);
        await api.patch(`/jump-group/${jg.id}`, { comments: "x" });
        await api.del(`/jump-group/${jg.id}`);
        await sim.control("PATCH", "/api/vault/account-group/1", { description: "oob" });
        const c = await sim.counters();
        assert.equal(c.requests.total, 6);
        assert.deepEqual(c.requests.byMethod, { POST: 1, GET: 3, PATCH: 1, DELETE: 1 });
        assert.deepEqual(c.requests.byRoute, {
            "POST /jump-group": 1,
            "GET /jump-group/{id}": 2,
            "GET /jump-group": 1,
            "PATCH /jump-group/{id}": 1,
            "DELETE /jump-group/{id}": 1,
        });
        assert.equal(c.writes, 2);
        assert.deepEqual(c.faultsInjected, { status: 1 });
        assert.ok(c.controlRequests > 0);
        await sim.control("POST", "/counters/reset");
        assert.equal((await sim.counters()).requests.total, 0);
    });
});
