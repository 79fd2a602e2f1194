// Remote RDP and Web Jump items: spec defaults, a validation rule each, the documented cascades,
// and the product differences (RS drops the PRA-only RDP fields and has no Web Jump at all).
import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Api, samples, useSimulator } from "./client";

async function owners(api: Api): Promise<{ jp: number; jg: number }> {
    const jp = await api.create("/jumpoint", samples.jumpoint());
    const jg = await api.create("/jump-group", samples.jumpGroup());
    return { jp: jp.id, jg: jg.id };
}

describe("simulator: Remote RDP Jump Items (PRA)", function () {
    let api: Api;
    useSimulator({ login: true }, (_s: SimulatorProcess, a) => (api = a));

    it("applies the spec's defaults, with no endpoint linked", async () => {
        const { jp, jg } = await owners(api);
        const r = await api.create("/jump-item/remote-rdp", samples.remoteRdp(jp, jg));
        assert.deepEqual(
            {
                jump_group_type: r.jump_group_type,
                quality: r.quality,
                console: r.console,
                ignore_untrusted: r.ignore_untrusted,
                session_forensics: r.session_forensics,
                secure_app_type: r.secure_app_type,
                tag: r.tag,
                jump_policy_id: r.jump_policy_id,
                session_policy_id: r.session_policy_id,
                endpoint_id: r.endpoint_id,
            },
            {
                jump_group_type: "shared",
                quality: "best_performance",
                console: false,
                ignore_untrusted: false,
                session_forensics: false,
                secure_app_type: "none",
                tag: "",
                jump_policy_id: null,
                session_policy_id: null,
                endpoint_id: null,
            },
        );
        assert.equal((await api.get(`/jump-item/remote-rdp?jumpoint_id=${jp}&hostname=10.0.0.7`)).body.length, 1);
    });

    it("refuses a quality outside the spec's enum and ignores a read-only endpoint_id", async () => {
        const { jp, jg } = await owners(api);
        const bad = await api.post("/jump-item/remote-rdp", samples.remoteRdp(jp, jg, { quality: "ultra" }));
        assert.equal(bad.status, 422);
        assert.deepEqual(Object.keys(bad.body.errors), ["quality"]);
        const ro = await api.post("/jump-item/remote-rdp", samples.remoteRdp(jp, jg, { endpoint_id: 3 }));
        assert.equal(ro.status, 201);
        assert.equal(ro.body.endpoint_id, null);
    });

    it("is deleted with its jump group or its jumpoint", async () => {
        const { jp, jg } = await owners(api);
        const other = await owners(api);
        const byGroup = await api.create("/jump-item/remote-rdp", samples.remoteRdp(other.jp, jg));
        const byJumpoint = await api.create("/jump-item/remote-rdp", samples.remoteRdp(jp, other.jg));
        assert.equal((await api.del(`/jump-group/${jg}`)).status, 204);
        assert.equal((await api.get(`/jump-item/remote-rdp/${byGroup.id}`)).status, 404);
        assert.equal((await api.get(`/jump-item/remote-rdp/${byJumpoint.id}`)).status, 200);
        assert.equal((await api.del(`/jumpoint/${jp}`)).status, 204);
        assert.equal((await api.get(`/jump-item/remote-rdp/${byJumpoint.id}`)).status, 404);
    });
});

describe("simulator: Web Jump Items (PRA)", function () {
    let api: Api;
    useSimulator({ login: true }, (_s: SimulatorProcess, a) => (api = a));

    it("applies the spec's defaults; selectors default to null (auto-detection)", async () => {
        const { jp, jg } = await owners(api);
        const w = await api.create("/jump-item/web-jump", samples.webJump(jp, jg));
        assert.deepEqual(
            {
                username_format: w.username_format,
                verify_certificate: w.verify_certificate,
                jump_group_type: w.jump_group_type,
                authentication_timeout: w.authentication_timeout,
                username_field: w.username_field,
                password_field: w.password_field,
                submit_field: w.submit_field,
                session_policy_id: w.session_policy_id,
            },
            {
                username_format: "default",
                verify_certificate: true,
                jump_group_type: "shared",
                authentication_timeout: 3,
                username_field: null,
                password_field: null,
                submit_field: null,
                session_policy_id: null,
            },
        );
        const patched = await api.patch(`/jump-item/web-jump/${w.id}`, { username_field: "#user", authentication_timeout: 30 });
        assert.equal(patched.status, 200);
        assert.equal(patched.body.username_field, "#user");
        assert.equal((await api.get("/jump-item/web-jump?url=HTTPS://intranet.example.com/login")).body.length, 1);
    });

    it("refuses an authentication timeout outside 1..30", async () => {
        const { jp, jg } = await owners(api);
        for (const t of [0, 31]) {
            const r = await api.post("/jump-item/web-jump", samples.webJump(jp, jg, { authentication_timeout: t }));
            assert.equal(r.status, 422, `timeout ${t}`);
            assert.deepEqual(Object.keys(r.body.errors), ["authentication_timeout"]);
        }
    });

    it("is deleted with its jumpoint; deleting a jump policy clears its reference", async () => {
        const { jp, jg } = await owners(api);
        const pol = await api.create("/jump-policy", { display_name: "P", code_name: "p" });
        const w = await api.create("/jump-item/web-jump", samples.webJump(jp, jg, { jump_policy_id: pol.id }));
        assert.equal((await api.del(`/jump-policy/${pol.id}`)).status, 204);
        assert.equal((await api.get(`/jump-item/web-jump/${w.id}`)).body.jump_policy_id, null);
        assert.equal((await api.del(`/jumpoint/${jp}`)).status, 204);
        assert.equal((await api.get(`/jump-item/web-jump/${w.id}`)).status, 404);
    });
});

describe("simulator: --product rs jump items", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ product: "rs", login: true }, (s, a) => {
        sim = s;
        api = a;
    });

    it("remote RDP items exist without the PRA-only fields", async () => {
        const { jp, jg } = await owners(api);
        const r = await api.create("/jump-item/remote-rdp", samples.remoteRdp(jp, jg));
        assert.equal(r.quality, "best_performance");
        for (const f of ["session_forensics", "secure_app_type", "remote_app_name", "target_system"]) assert.equal(r[f], undefined, f);
        assert.equal((await api.post("/jump-item/remote-rdp", samples.remoteRdp(jp, jg, { session_forensics: true }))).status, 401);
    });

    it("web jump is not served at all", async () => {
        const { jp, jg } = await owners(api);
        assert.equal((await api.get("/jump-item/web-jump")).status, 404);
        assert.equal((await api.post("/jump-item/web-jump", samples.webJump(jp, jg))).status, 404);
        assert.equal((await api.get("/jump-item/web-jump/1")).status, 404);
        const state = await sim.control("GET", "/state");
        assert.equal(state.collections["jump-item/web-jump"], undefined);
        await assert.rejects(sim.control("POST", "/seed", { collections: { "jump-item/web-jump": [{ name: "x" }] } }));
    });
});
