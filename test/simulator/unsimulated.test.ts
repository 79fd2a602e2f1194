// The spec's paths the simulator does not model yet (simulator/pra/unsimulated.ts) answer as an
// appliance holding none of those objects: empty lists with page headers, 404 {message} for ids,
// parents checked first. Only paths in no spec are "Unknown path".
import { strict as assert } from "node:assert";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT, samples, useSimulator } from "./client";

describe("simulator: spec paths not simulated yet", function () {
    let api: Api;
    useSimulator({ login: true }, (_s, a) => {
        api = a;
    });

    it("a list of a kind not simulated is an empty page with the pagination headers", async () => {
        const r = await api.get("/team?per_page=5&name=ops");
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, []);
        assert.equal(r.headers["x-bt-pagination-total"], "0");
        assert.equal(r.headers["x-bt-pagination-per-page"], "5");
        assert.equal(r.headers["x-bt-pagination-last-page"], "1");
        assert.match(String(r.headers.link), /rel="first"/);
        assert.match(String(r.headers.link), /rel="last"/);
        assert.match(String(r.headers.link), /name=ops/, "other query parameters stay in the links");
        assert.equal((await api.get("/team?per_page=500")).status, 422, "page parameters are still validated");
        // A list below an object of a kind not simulated is 404: no such object exists.
        const below = await api.get("/user/1/group-policies");
        assert.equal(below.status, 404, "user 1 does not exist: users are not simulated");
        assert.equal(typeof below.body.message, "string");
    });

    it("ids of kinds not simulated are 404 with {message}, never 'Unknown path'", async () => {
        for (const path of ["/team/3", "/vault/account-policy/1", "/jump-client/installer/2", "/api-account/9", "/openapi.yaml"]) {
            const r = await api.get(path);
            assert.equal(r.status, 404, path);
            assert.equal(typeof r.body.message, "string", path);
            assert.doesNotMatch(r.body.message, /unknown path/i, path);
        }
        const w = await api.post("/team", { name: "ops" });
        assert.equal(w.status, 404);
        assert.match(w.body.message, /not simulated/);
        assert.match((await api.get("/no-such-thing")).body.message, /Unknown path/);
        const odd = await api.get("/team/%E0%A4%A");
        assert.equal(odd.status, 404, "a malformed escape in a path segment is a 404, not a server error");
    });

    it("parents are checked first: a sub-list of an existing object is empty, of a missing one 404", async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint());
        const users = await api.get(`/jumpoint/${jp.id}/user`);
        assert.equal(users.status, 200);
        assert.deepEqual(users.body, []);
        assert.equal(users.headers["x-bt-pagination-total"], "0");
        const missing = await api.get(`/jumpoint/${jp.id + 1}/user`);
        assert.equal(missing.status, 404);
        assert.match(missing.body.message, /Jumpoint/);
        assert.equal((await api.get("/jumpoint/abc/user")).status, 422, "a malformed id is 422, as on every route");
        const gp = await api.create("/group-policy", { name: "gp" });
        assert.deepEqual((await api.get(`/group-policy/${gp.id}/member`)).body, []);
        assert.equal((await api.get(`/group-policy/${gp.id}/member/4`)).status, 404);
        const copy = await api.post(`/group-policy/${gp.id}/copy`, { name: "copy" });
        assert.equal(copy.status, 404);
        assert.match(copy.body.message, /not simulated/);
        // Methods the spec does not list for a path stay 405, with Allow.
        const put = await api.call("PUT", "/team");
        assert.equal(put.status, 405);
        assert.match(String(put.headers.allow), /GET/);
    });

    it("rows follow the product: /vendor is PRA only, /rep-status RS only", async () => {
        assert.equal((await api.get("/vendor")).status, 200);
        assert.match((await api.get("/rep-status")).body.message, /Unknown path/);
        const rs: SimulatorProcess = await startSimulatorProcess({ product: "rs", args: NO_RATE_LIMIT });
        try {
            const rsApi = new Api(rs);
            assert.equal((await rsApi.get("/rep-status")).status, 200);
            assert.match((await rsApi.get("/vendor")).body.message, /Unknown path/);
        } finally {
            await rs.stop();
        }
    });
});
