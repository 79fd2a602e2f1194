import { strict as assert } from "node:assert";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT, samples, unique } from "./client";

describe("simulator: group-policy grants and provision", function () {
    let sim: SimulatorProcess;
    let api: Api;
    let gp: any;

    before(async () => {
        sim = await startSimulatorProcess({ args: NO_RATE_LIMIT });
        api = new Api(sim);
    });
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        api.token = undefined;
        gp = await api.create("/group-policy", { name: unique("gp") });
    });

    it("jumpoint grant: POST 201 with the grant as JSON, GET one, paginated list, DELETE 204", async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint());
        const add = await api.post(`/group-policy/${gp.id}/jumpoint`, { jumpoint_id: jp.id });
        assert.equal(add.status, 201);
        assert.match(String(add.headers["content-type"]), /application\/json/);
        assert.deepEqual(add.body, { jumpoint_id: jp.id });
        const one = await api.get(`/group-policy/${gp.id}/jumpoint/${jp.id}`);
        assert.deepEqual(one.body, { jumpoint_id: jp.id });
        const list = await api.get(`/group-policy/${gp.id}/jumpoint?per_page=5`);
        assert.deepEqual(list.body, [{ jumpoint_id: jp.id }]);
        assert.equal(list.headers["x-bt-pagination-total"], "1");
        assert.equal((await api.post(`/group-policy/${gp.id}/jumpoint`, { jumpoint_id: jp.id })).status, 422);
        assert.equal((await api.del(`/group-policy/${gp.id}/jumpoint/${jp.id}`)).status, 204);
        assert.equal((await api.get(`/group-policy/${gp.id}/jumpoint/${jp.id}`)).status, 404);
        assert.equal((await api.del(`/group-policy/${gp.id}/jumpoint/${jp.id}`)).status, 404);
    });

    it("jump-group grant: GET one is an object with role and policy (0 = default), list not paginated", async () => {
        const jg = await api.create("/jump-group", samples.jumpGroup());
        const pol = await api.create("/jump-policy", { display_name: "P" });
        const add = await api.post(`/group-policy/${gp.id}/jump-group`, { jump_group_id: jg.id, jump_item_role_id: 2, jump_policy_id: pol.id });
        assert.equal(add.status, 201);
        // The vendor's Terraform provider decodes this body; an empty one fails it.
        assert.deepEqual(add.body, { jump_group_id: jg.id, jump_item_role_id: 2, jump_policy_id: pol.id });
        const one = await api.get(`/group-policy/${gp.id}/jump-group/${jg.id}`);
        assert.equal(Array.isArray(one.body), false);
        assert.deepEqual(one.body, { jump_group_id: jg.id, jump_item_role_id: 2, jump_policy_id: pol.id });
        const list = await api.get(`/group-policy/${gp.id}/jump-group`);
        assert.equal(list.headers["x-bt-pagination-total"], undefined);
        assert.equal((await api.get(`/group-policy/${gp.id}/jump-group?per_page=5`)).status, 401);
        const jg2 = await api.create("/jump-group", samples.jumpGroup());
        await api.post(`/group-policy/${gp.id}/jump-group`, { jump_group_id: jg2.id });
        assert.deepEqual((await api.get(`/group-policy/${gp.id}/jump-group/${jg2.id}`)).body, {
            jump_group_id: jg2.id,
            jump_item_role_id: 0,
            jump_policy_id: 0,
        });
        // Deleting the policy falls back to 0 ("Set on Jump Items").
        await api.del(`/jump-policy/${pol.id}`);
        assert.equal((await api.get(`/group-policy/${gp.id}/jump-group/${jg.id}`)).body.jump_policy_id, 0);
        assert.equal((await api.del(`/group-policy/${gp.id}/jump-group/${jg.id}`)).status, 204);
    });

    it("vault grants: POST 201 with the object, role default inject, DELETE answers 200", async () => {
        const acct = await api.create("/vault/account", { type: "opaque_token", name: "t", token: "x" });
        const add = await api.post(`/group-policy/${gp.id}/vault-account`, { account_id: acct.id });
        assert.equal(add.status, 201);
        assert.deepEqual(add.body, { account_id: acct.id, role: "inject" });
        assert.deepEqual((await api.get(`/group-policy/${gp.id}/vault-account`)).body, [{ account_id: acct.id, role: "inject" }]);
        assert.equal((await api.post(`/group-policy/${gp.id}/vault-account`, { account_id: acct.id, role: "admin" })).status, 422);
        assert.equal((await api.del(`/group-policy/${gp.id}/vault-account/${acct.id}`)).status, 200);

        const vg = await api.create("/vault/account-group", { name: unique("vg") });
        const g = await api.post(`/group-policy/${gp.id}/vault-account-group`, { account_group_id: vg.id, role: "inject_and_checkout" });
        assert.equal(g.status, 201);
        assert.deepEqual(g.body, { group_policy_id: gp.id, account_group_id: vg.id, role: "inject_and_checkout" });
        assert.equal((await api.get(`/group-policy/${gp.id}/vault-account-group/${vg.id}`)).body.role, "inject_and_checkout");
        assert.equal((await api.del(`/group-policy/${gp.id}/vault-account-group/${vg.id}`)).status, 200);
    });

    it("grants need an existing group policy (404) and an existing target (422); unknown fields are 401", async () => {
        assert.equal((await api.post("/group-policy/999/jumpoint", { jumpoint_id: 1 })).status, 404);
        const missing = await api.post(`/group-policy/${gp.id}/jumpoint`, { jumpoint_id: 999 });
        assert.equal(missing.status, 422);
        assert.ok(missing.body.errors.jumpoint_id);
        assert.equal((await api.post(`/group-policy/${gp.id}/jumpoint`, {})).status, 422);
        assert.equal((await api.post(`/group-policy/${gp.id}/jumpoint`, { jumpoint_id: 1, extra: 1 })).status, 401);
        assert.equal((await api.post(`/group-policy/${gp.id}/jump-group`, { jump_group_id: 1, jump_item_role_id: 99 })).status, 422);
    });

    it("deleting a granted object, or the group policy, removes the grants", async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint());
        const jg = await api.create("/jump-group", samples.jumpGroup());
        const acct = await api.create("/vault/account", { type: "opaque_token", name: "t", token: "x" });
        await api.post(`/group-policy/${gp.id}/jumpoint`, { jumpoint_id: jp.id });
        await api.post(`/group-policy/${gp.id}/jump-group`, { jump_group_id: jg.id });
        await api.post(`/group-policy/${gp.id}/vault-account`, { account_id: acct.id });
        await api.del(`/jumpoint/${jp.id}`);
        assert.deepEqual((await api.get(`/group-policy/${gp.id}/jumpoint`)).body, []);
        await api.del(`/vault/account/${acct.id}`);
        assert.deepEqual((await api.get(`/group-policy/${gp.id}/vault-account`)).body, []);
        await api.del(`/group-policy/${gp.id}`);
        const state = await sim.control("GET", "/state");
        assert.deepEqual(state.grants["jump-group"], []);
    });

    it("provision answers 204 (404 for an unknown group policy) and is counted", async () => {
        const r = await api.post(`/group-policy/${gp.id}/provision`);
        assert.equal(r.status, 204);
        assert.equal((await api.post("/group-policy/999/provision")).status, 404);
        assert.equal((await sim.counters()).provisions, 1);
    });
});
