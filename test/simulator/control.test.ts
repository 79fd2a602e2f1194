import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Api, samples, useSimulator } from "./client";

describe("simulator: control API (reset, state, seed, out-of-band edits)", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ login: false }, (s, a) => {
        sim = s;
        api = a;
    });

    it("reset returns to the small built-in seed", async () => {
        await api.create("/jump-group", samples.jumpGroup());
        await sim.reset();
        const state = await sim.control("GET", "/state");
        assert.deepEqual(state.collections["jump-group"], []);
        assert.deepEqual(
            state.collections["vault/account-group"].map((g: any) => g.id),
            [1],
        );
        assert.ok(state.collections["session-policy"].length >= 1);
        assert.ok(state.collections["jump-item-role"].length >= 1);
        assert.deepEqual(state.collections["group-policy"], []);
    });

    it("state dumps every collection and the grants; seed adds objects keeping or allocating ids", async () => {
        const r = await sim.control("POST", "/seed", {
            collections: {
                jumpoint: [{ id: 40, name: "seeded", platform: "linux-x86" }],
                "jump-group": [{ name: "auto id" }],
                "group-policy": [{ id: 7, name: "gp" }],
            },
            grants: { jumpoint: [{ group_policy_id: 7, jumpoint_id: 40 }] },
        });
        assert.equal(r.added, 4);
        const jp = await api.get("/jumpoint/40");
        assert.equal(jp.status, 200);
        assert.equal(jp.body.enabled, true, "seeded objects get defaults");
        assert.equal((await api.get("/jump-group")).body[0].name, "auto id");
        assert.deepEqual((await api.get("/group-policy/7/jumpoint/40")).body, { jumpoint_id: 40 });
        const created = await api.create("/jumpoint", samples.jumpoint());
        assert.equal(created.id, 41, "ids continue after seeded ones");
        const state = await sim.control("GET", "/state");
        assert.deepEqual(state.grants.jumpoint, [{ group_policy_id: 7, jumpoint_id: 40 }]);
        await assert.rejects(sim.control("POST", "/seed", { collections: { nope: [] } }), /422/);
    });

    it("PATCH /_sim/api/... merges raw fields with no validation, auth or counting (drift)", async () => {
        const jg = await api.create("/jump-group", samples.jumpGroup());
        await sim.control("POST", "/counters/reset");
        const patched = await sim.control("PATCH", `/api/jump-group/${jg.id}`, { comments: "changed out of band", name: "" });
        assert.equal(patched.comments, "changed out of band");
        const read = await api.get(`/jump-group/${jg.id}`);
        assert.equal(read.body.comments, "changed out of band");
        assert.equal(read.body.name, "");
        assert.equal((await sim.counters()).requests.total, 1);
    });

    it("DELETE /_sim/api/... deletes with the usual cascades; GET reads secrets", async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint());
        const jg = await api.create("/jump-group", samples.jumpGroup());
        const sj = await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id));
        await sim.control("DELETE", `/api/jumpoint/${jp.id}`);
        assert.equal((await api.get(`/jump-item/shell-jump/${sj.id}`)).status, 404);
        await assert.rejects(sim.control("GET", `/api/jumpoint/${jp.id}`), /404/);

        const acct = await api.create("/vault/account", { type: "ssh", name: "k", username: "u", private_key: "PRIVATE", private_key_passphrase: "PP" });
        const raw = await sim.control("GET", `/api/vault/account/${acct.id}`);
        assert.equal(raw.private_key, "PRIVATE");
        assert.equal(raw.private_key_passphrase, "PP");
    });

    it("grants can be read, edited and deleted out of band", async () => {
        const gp = await api.create("/group-policy", { name: "gp" });
        const acct = await api.create("/vault/account", { type: "opaque_token", name: "t", token: "x" });
        await api.post(`/group-policy/${gp.id}/vault-account`, { account_id: acct.id });
        await sim.control("PATCH", `/api/group-policy/${gp.id}/vault-account/${acct.id}`, { role: "inject_and_checkout" });
        assert.equal((await api.get(`/group-policy/${gp.id}/vault-account/${acct.id}`)).body.role, "inject_and_checkout");
        await sim.control("DELETE", `/api/group-policy/${gp.id}/vault-account/${acct.id}`);
        assert.equal((await api.get(`/group-policy/${gp.id}/vault-account/${acct.id}`)).status, 404);
    });

    it("config changes latency and can be read back; unknown keys are refused", async () => {
        await sim.control("POST", "/config", { latencyMs: 200 });
        const t = Date.now();
        await api.get("/jumpoint");
        assert.ok(Date.now() - t >= 190);
        assert.equal((await sim.control("GET", "/config")).latencyMs, 200);
        await assert.rejects(sim.control("POST", "/config", { speed: 1 }), /422/);
        await sim.reset();
        assert.equal((await sim.control("GET", "/config")).latencyMs, 0);
    });

    it("the clock freezes, advances and thaws; bad bodies are refused; reset returns it to real time", async () => {
        const frozen = await sim.control("POST", "/clock", { frozen: true });
        assert.equal(frozen.frozen, true);
        assert.equal((await sim.control("GET", "/clock")).now, frozen.now, "a frozen clock stands still");
        assert.equal((await sim.control("POST", "/clock", { advanceMs: 1500 })).now, frozen.now + 1500);
        const thawed = await sim.control("POST", "/clock", { frozen: false });
        assert.equal(thawed.frozen, false);
        assert.ok(thawed.now >= frozen.now + 1500, "thawing never moves time back");
        await assert.rejects(sim.control("POST", "/clock", { advanceMs: -1 }), /422/);
        await assert.rejects(sim.control("POST", "/clock", { frozen: "yes" }), /422/);
        await assert.rejects(sim.control("POST", "/clock", { speed: 2 }), /422/);
        await sim.reset();
        const after = await sim.control("GET", "/clock");
        assert.equal(after.frozen, false);
        assert.ok(Math.abs(after.now - Date.now()) < 60_000, "back on the wall clock (the offset is gone)");
    });

    it("unknown control paths are 404 and control bodies must be JSON objects", async () => {
        await assert.rejects(sim.control("GET", "/nope"), /404/);
        await assert.rejects(sim.control("POST", "/seed", [1, 2]), /422/);
    });
});
