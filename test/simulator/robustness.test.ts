import { strict as assert } from "node:assert";
import * as net from "node:net";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT, samples } from "./client";

/**
 * Raw bytes to the server; resolves with what came back when the socket closes. `idleMs` gives up
 * on a server that keeps a half-sent request open (any reply, even none, is then acceptable);
 * without it only the server's close ends the wait (the test's timeout bounds it).
 */
function rawRequest(host: string, text: string | Buffer, idleMs?: number): Promise<string> {
    const u = new URL(host);
    return new Promise((resolve) => {
        const socket = net.connect(Number(u.port), u.hostname);
        let out = "";
        socket.on("data", (d) => (out += d.toString("latin1")));
        socket.on("error", () => resolve(out));
        socket.on("close", () => resolve(out));
        if (idleMs !== undefined) socket.setTimeout(idleMs, () => socket.destroy());
        socket.write(text);
    });
}

describe("simulator: robustness", function () {
    let sim: SimulatorProcess;
    let api: Api;

    before(async () => {
        sim = await startSimulatorProcess({ args: NO_RATE_LIMIT });
        api = new Api(sim);
        await api.login();
    });
    after(async () => sim?.stop());

    afterEach(async () => {
        // Whatever the test threw at it, the server still answers.
        assert.equal((await api.get("/jumpoint")).status, 200);
    });

    it("malformed JSON and non-object bodies are 422 with a message", async () => {
        for (const raw of ["{", '{"name":', "nul", "[1,2]", '"text"', "42", "null"]) {
            const r = await api.post("/jump-group", undefined, { raw });
            assert.equal(r.status, 422, raw);
            assert.equal(typeof r.body.message, "string");
        }
    });

    it("bodies over 1 MiB are 413", async () => {
        const big = JSON.stringify({ name: "x".repeat(1024 * 1024 + 10) });
        const r = await api.post("/jump-group", undefined, { raw: big });
        assert.equal(r.status, 413);
        assert.equal(typeof r.body.message, "string");
    });

    it("odd but valid JSON is validated, never crashes", async () => {
        const odd: Array<Record<string, unknown>> = [
            { name: { nested: { deep: [1, 2, 3] } } },
            { name: ["array"] },
            { name: "\u0000\uffff😀" },
            { name: "ok", code_name: 12 },
            { name: "x", constructor: "y" },
        ];
        for (const body of odd) {
            const r = await api.post("/jump-group", body);
            assert.ok([201, 401, 422].includes(r.status), `${JSON.stringify(body)} -> ${r.status}`);
        }
        const proto = await api.post("/jump-group", undefined, { raw: '{"__proto__":{"polluted":true},"name":"proto-test"}' });
        assert.equal(proto.status, 201);
        assert.equal(proto.body.polluted, undefined);
        const nested = "[".repeat(5000) + "]".repeat(5000);
        assert.equal((await api.post("/jump-group", undefined, { raw: `{"name":${nested}}` })).status, 422);
        const jp = await api.create("/jumpoint", samples.jumpoint());
        assert.equal((await api.patch(`/jumpoint/${jp.id}`, { managed_ip_ranges: [{ start: 1 }] })).status, 422);
        assert.equal((await api.patch(`/jumpoint/${jp.id}`, { managed_ip_ranges: "x" })).status, 422);
    });

    it("unknown paths, odd methods and encoded paths are answered", async () => {
        assert.equal((await api.get("/../../etc/passwd")).status, 404);
        assert.equal((await api.get("/jumpoint/%00")).status, 422);
        assert.equal((await api.call("PROPFIND", "/jumpoint")).status, 405);
        assert.equal((await api.call("TRACE", "/jumpoint")).status, 405);
        assert.equal((await api.get("/jumpoint/1/2/3/4")).status, 404);
        const root = await rawRequest(sim.apiHost, "GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
        assert.match(root, /^HTTP\/1\.1 404/);
    });

    it("garbage on the wire gets a 400 or a closed socket, not a dead server", async () => {
        const replies = await Promise.all([
            rawRequest(sim.apiHost, "GARBAGE\r\n\r\n", 2000),
            rawRequest(sim.apiHost, "GET /api/config/v1/jumpoint HTTP/1.1\r\nHost: x\r\nBad Header Line\r\n\r\n", 2000),
            rawRequest(sim.apiHost, "POST /api/config/v1/jump-group HTTP/1.1\r\nHost: x\r\nContent-Length: 99999\r\n\r\n{", 2000),
            rawRequest(sim.apiHost, Buffer.from([0x16, 0x03, 0x01, 0x00, 0xff, 0x00, 0x00]), 2000),
            rawRequest(sim.apiHost, "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\nHost: x\r\n\r\n", 2000),
        ]);
        for (const r of replies) assert.ok(r === "" || /^HTTP\/1\.1 (400|404|413|431)/.test(r), r.slice(0, 80));
    });

    it("garbage Authorization headers are 401, never 500", async () => {
        for (const h of ["Bearer", "Bearer  ", "Basic ::::", "Bearer " + "x".repeat(8000), "bearer\tzzz"]) {
            const r = await api.get("/jumpoint", { token: null, headers: { Authorization: h } });
            assert.equal(r.status, 401, h.slice(0, 20));
        }
        const tok = await api.mintToken("a:b", "c");
        assert.equal(tok.status, 401);
    });

    it("many concurrent requests all get answers", async () => {
        const results = await Promise.all(Array.from({ length: 60 }, (_, i) => (i % 2 ? api.get("/jumpoint") : api.post("/jump-group", samples.jumpGroup()))));
        assert.ok(results.every((r) => r.status === 200 || r.status === 201));
    });
});
