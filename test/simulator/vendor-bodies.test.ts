// Request bodies shaped the way BeyondTrust's own Terraform provider (terraform-provider-sra) sends
// them, and its acceptance fixtures, which pass against live PRA and RS appliances: the simulator
// must accept them as those appliances do. Fields and values below restate what that provider
// marshals (its api/models.go structs) and what its test-tf-files fixtures configure.
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { SimulatorProcess } from "../support/simulator";
import { Api, samples, useSimulator } from "./client";

describe("simulator: bodies the vendor's Terraform provider sends", function () {
    let api: Api;
    let sim: SimulatorProcess;
    useSimulator({ login: true }, (s, a) => {
        sim = s;
        api = a;
    });

    const ok = async (method: string, path: string, body: unknown, status: number) => {
        const r = await api.call(method, path, body);
        assert.equal(r.status, status, `${method} ${path} ${JSON.stringify(body)} -> ${r.status} ${r.text}`);
        return r.body;
    };

    it("Jumpoint POST and PATCH carrying the read-only `connected` (sent on every write)", async () => {
        const body = {
            name: "vendor jp",
            code_name: "vendor_jp",
            platform: "linux-x86",
            enabled: true,
            connected: false,
            clustered: false,
            shell_jump_enabled: true,
            protocol_tunnel_enabled: true,
        };
        const jp = await ok("POST", "/jumpoint", body, 201);
        assert.equal(jp.connected, true, "the appliance decides connected, not the client");
        const patched = await ok("PATCH", `/jumpoint/${jp.id}`, { ...body, id: jp.id, connected: false, shell_jump_enabled: false }, 200);
        assert.equal(patched.connected, true);
        assert.equal(patched.shell_jump_enabled, false);
    });

    it('a Jumpoint created without external_jump_item_network_id answers none (the provider fails on ""), one set to "" answers ""', async () => {
        const jp = await ok("POST", "/jumpoint", { name: "vendor jp unset", code_name: "vendor_jp_unset", platform: "linux-x86" }, 201);
        assert.equal("external_jump_item_network_id" in jp, false, JSON.stringify(jp));
        const read = await ok("GET", `/jumpoint/${jp.id}`, undefined, 200);
        assert.equal("external_jump_item_network_id" in read, false);
        const set = await ok("PATCH", `/jumpoint/${jp.id}`, { external_jump_item_network_id: "" }, 200);
        assert.equal(set.external_jump_item_network_id, "");
    });

    it("a Jump Client installer POST as the provider marshals it (max_offline_minutes and allow_override_max_offline_minutes on every create)", async () => {
        const jg = await ok("POST", "/jump-group", { name: "vendor installer group", code_name: "vendor_installer_group" }, 201);
        const body = {
            jump_group_id: jg.id,
            name: "",
            tag: "",
            comments: "",
            connection_type: "active",
            jump_group_type: "shared",
            max_offline_minutes: 0,
            elevate_install: true,
            elevate_prompt: true,
            allow_override_jump_group: false,
            allow_override_jump_policy: false,
            allow_override_name: false,
            allow_override_tag: false,
            allow_override_comments: false,
            allow_override_max_offline_minutes: true,
            allow_override_session_policy: false,
        };
        const created = await ok("POST", "/jump-client/installer", body, 201);
        assert.equal(created.allow_override_max_offline_minutes, true);
        const read = await ok("GET", `/jump-client/installer/${created.id}`, undefined, 200);
        assert.equal(read.allow_override_max_offline_minutes, true);
    });

    it("vault accounts of each type carrying last_checkout_timestamp: null and personal: false", async () => {
        const shared = { description: "", personal: false, account_group_id: 1, last_checkout_timestamp: null };
        const bodies = [
            { type: "username_password", name: "vendor up", username: "u", password: "p", account_policy: null, ...shared },
            { type: "opaque_token", name: "vendor tok", token: "t", account_policy: null, ...shared },
            { type: "ssh", name: "vendor ssh", username: "u", private_key: "k", private_key_passphrase: "", ...shared },
        ];
        for (const body of bodies) {
            const acct = await ok("POST", "/vault/account", body, 201);
            assert.equal(acct.last_checkout_timestamp, null);
            assert.equal(acct.personal, false);
            await ok("PATCH", `/vault/account/${acct.id}`, { ...body, id: acct.id, description: "changed" }, 200);
            assert.equal((await api.get(`/vault/account/${acct.id}`)).body.description, "changed");
        }
        // A read-only value that differs from the stored one is ignored too, not an error.
        const up = (await api.get("/vault/account?type=username_password")).body[0];
        const r = await ok("PATCH", `/vault/account/${up.id}`, { personal: true, last_checkout_timestamp: "2026-01-01T00:00:00+00:00" }, 200);
        assert.equal(r.personal, false);
        assert.equal(r.last_checkout_timestamp, null);
    });

    it("a GET answer sent back whole as a PATCH is accepted and changes nothing", async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint({ clustered: true }));
        const jg = await api.create("/jump-group", samples.jumpGroup());
        const rdp = await api.create("/jump-item/remote-rdp", samples.remoteRdp(jp.id, jg.id));
        const key = generateKeyPairSync("ed25519").privateKey.export({ format: "pem", type: "pkcs8" }).toString();
        const ssh = await api.create("/vault/account", { type: "ssh", name: "round trip", username: "u", private_key: key });
        assert.match(ssh.public_key, /^ssh-ed25519 /);
        for (const path of [`/jumpoint/${jp.id}`, `/jump-group/${jg.id}`, `/jump-item/remote-rdp/${rdp.id}`, `/vault/account/${ssh.id}`]) {
            const before = (await api.get(path)).body;
            const answer = await ok("PATCH", path, before, 200);
            assert.deepEqual(answer, before, path);
            assert.deepEqual((await api.get(path)).body, before, path);
        }
    });

    it("fields in no model at all are still refused with 401 (the spec's rule; no vendor evidence against it)", async () => {
        const r = await api.post("/jumpoint", samples.jumpoint({ colour: "blue" }));
        assert.equal(r.status, 401);
        assert.match(r.body.message, /colour/);
    });

    it('secure_app_type "" means SecureApp is not used, and is kept as sent', async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint());
        const jg = await api.create("/jump-group", samples.jumpGroup());
        // The provider plans "" (with empty SecureApp fields) when none is configured, and sends it.
        const blank = await ok(
            "POST",
            "/jump-item/remote-rdp",
            samples.remoteRdp(jp.id, jg.id, {
                secure_app_type: "",
                remote_app_name: "",
                remote_app_params: "",
                remote_exe_path: "",
                target_system: "",
                credential_type: "",
                session_forensics: false,
            }),
            201,
        );
        assert.equal(blank.secure_app_type, "");
        const dflt = await api.create("/jump-item/remote-rdp", samples.remoteRdp(jp.id, jg.id));
        assert.equal(dflt.secure_app_type, "none");
        assert.equal((await ok("PATCH", `/jump-item/remote-rdp/${dflt.id}`, { secure_app_type: "" }, 200)).secure_app_type, "");
        assert.equal((await api.post("/jump-item/remote-rdp", samples.remoteRdp(jp.id, jg.id, { secure_app_type: "blank" }))).status, 422);
    });

    it('ssh keys with private_key_passphrase "" (every fixture key) and ssh_ca accounts with no key', async () => {
        const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
        const withKey = await ok(
            "POST",
            "/vault/account",
            { type: "ssh", name: "fixture key", username: "u", private_key: pem, private_key_passphrase: "" },
            201,
        );
        assert.match(withKey.public_key, /^ssh-rsa [A-Za-z0-9+/=]+$/, "an empty passphrase is no passphrase");
        const caKey = await ok(
            "POST",
            "/vault/account",
            { type: "ssh_ca", name: "fixture ca key", username: "u", private_key: pem, private_key_passphrase: "" },
            201,
        );
        assert.equal(caKey.public_key, withKey.public_key);

        // The fixtures' stand_alone_ca: type ssh_ca, a name and a username, nothing else.
        const ca1 = await ok("POST", "/vault/account", { type: "ssh_ca", name: "fixture ca", username: "u" }, 201);
        const ca2 = await ok("POST", "/vault/account", { type: "ssh_ca", name: "fixture ca 2", username: "u" }, 201);
        assert.match(ca1.public_key, /^ssh-ed25519 [A-Za-z0-9+/=]+$/, "the appliance generates the CA key");
        assert.notEqual(ca1.public_key, ca2.public_key, "each generated key is fresh");
        const stored = await sim.control("GET", `/api/vault/account/${ca1.id}`);
        assert.match(stored.private_key, /BEGIN PRIVATE KEY/);
        assert.ok(!JSON.stringify(ca1).includes("PRIVATE KEY"));

        // Only ssh_ca: a plain ssh account still needs its key (no fixture creates one without).
        const noKey = await api.post("/vault/account", { type: "ssh", name: "no key", username: "u" });
        assert.equal(noKey.status, 422);
        assert.ok(noKey.body.errors.private_key);
    });
});
