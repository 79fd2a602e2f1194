import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Api, samples, useSimulator } from "./client";

describe("simulator: --product rs (RS spec differences)", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ product: "rs", login: true }, (s, a) => {
        sim = s;
        api = a;
    });

    it("jumpoints have no PRA-only fields (protocol tunnel, RDP service account, managed IP ranges)", async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint());
        for (const f of ["protocol_tunnel_enabled", "rdp_service_account_id", "managed_ip_ranges"]) assert.equal(jp[f], undefined, f);
        assert.equal((await api.post("/jumpoint", samples.jumpoint({ protocol_tunnel_enabled: true }))).status, 401);
    });

    it("jump groups have no ecm_group_id; jump-group grants have no jump_policy_id", async () => {
        assert.equal((await api.post("/jump-group", samples.jumpGroup({ ecm_group_id: 1 }))).status, 401);
        const jg = await api.create("/jump-group", samples.jumpGroup());
        const gp = await api.create("/group-policy", { name: "gp" });
        assert.equal((await api.post(`/group-policy/${gp.id}/jump-group`, { jump_group_id: jg.id, jump_policy_id: 0 })).status, 401);
        assert.equal((await api.post(`/group-policy/${gp.id}/jump-group`, { jump_group_id: jg.id })).status, 201);
        assert.deepEqual((await api.get(`/group-policy/${gp.id}/jump-group/${jg.id}`)).body, { jump_group_id: jg.id, jump_item_role_id: 0 });
    });

    it("group policies and jump policies use the RS field sets", async () => {
        const gp = await api.create("/group-policy", { name: "support", perm_support_allowed: "full_support" });
        assert.equal(gp.perm_routing_idle_timeout, 900);
        assert.equal(gp.perm_access_allowed, undefined);
        assert.equal((await api.post("/group-policy", { name: "x", perm_web_jump: true })).status, 401);
        assert.equal((await api.post("/jump-policy", { display_name: "p", approval_required: true })).status, 401);
        const jpol = await api.create("/jump-policy", { display_name: "p" });
        assert.equal(jpol.recordings_disabled, undefined);
    });

    it("jump item roles carry the RS-only permissions; x509 vault types are not in the RS enum", async () => {
        const role = (await api.get("/jump-item-role/1")).body;
        assert.equal(typeof role.perm_edit_public_portal, "boolean");
        assert.equal((await api.get("/vault/account?type=x509_ca")).status, 422);
        assert.equal((await api.get("/vault/account?type=ssh")).status, 200);
    });
});
