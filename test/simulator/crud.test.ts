import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Api, samples, unique, useSimulator } from "./client";

describe("simulator: objects (CRUD, validation, references, cascades)", function () {
    let sim: SimulatorProcess;
    let api: Api;
    useSimulator({ login: false }, (s, a) => {
        sim = s;
        api = a;
    });

    describe("status codes", () => {
        it("POST answers 201 with Location and the object", async () => {
            const r = await api.post("/jumpoint", samples.jumpoint({ code_name: "vpc_a" }));
            assert.equal(r.status, 201);
            assert.match(r.headers["content-type"] ?? "", /application\/json/);
            assert.equal(r.headers.location, `${sim.apiHost}/api/config/v1/jumpoint/${r.body.id}`);
            assert.equal(r.body.code_name, "vpc_a");
            const again = await api.get(`/jumpoint/${r.body.id}`);
            assert.equal(again.status, 200);
            assert.deepEqual(again.body, r.body);
        });

        it("PATCH answers 200 with the whole updated object", async () => {
            const jg = await api.create("/jump-group", samples.jumpGroup({ comments: "x" }));
            const r = await api.patch(`/jump-group/${jg.id}`, { comments: "changed" });
            assert.equal(r.status, 200);
            assert.deepEqual(r.body, { ...jg, comments: "changed" });
        });

        it("DELETE answers 204 with no body, then GET is 404 {message}", async () => {
            const jg = await api.create("/jump-group", samples.jumpGroup());
            const d = await api.del(`/jump-group/${jg.id}`);
            assert.equal(d.status, 204);
            assert.equal(d.text, "");
            const g = await api.get(`/jump-group/${jg.id}`);
            assert.equal(g.status, 404);
            assert.equal(typeof g.body.message, "string");
            assert.equal((await api.del(`/jump-group/${jg.id}`)).status, 404);
            assert.equal((await api.patch(`/jump-group/${jg.id}`, { name: "x" })).status, 404);
        });

        it("405 with Allow for methods a path does not have; OPTIONS lists them", async () => {
            const r = await api.call("PUT", "/jumpoint");
            assert.equal(r.status, 405);
            assert.equal(typeof r.body.message, "string");
            assert.equal(r.headers.allow, "GET,POST,HEAD,OPTIONS");
            assert.equal((await api.call("DELETE", "/jump-item-role/1")).status, 405);
            assert.equal((await api.call("POST", "/session-policy")).status, 405);
            const o = await api.call("OPTIONS", "/jumpoint/1");
            assert.equal(o.status, 200);
            assert.equal(o.headers.allow, "GET,PATCH,DELETE,HEAD,OPTIONS");
        });

        it("HEAD works wherever GET does, with headers and no body", async () => {
            await api.create("/jump-group", samples.jumpGroup());
            const r = await api.call("HEAD", "/jump-group");
            assert.equal(r.status, 200);
            assert.equal(r.text, "");
            assert.equal(r.headers["x-bt-pagination-total"], "1");
            assert.equal((await api.call("HEAD", "/jump-group/999")).status, 404);
        });

        it("unknown paths are 404; non-numeric or out-of-range ids are 422", async () => {
            assert.equal((await api.get("/no-such-thing")).status, 404);
            const bad = await api.get("/jumpoint/abc");
            assert.equal(bad.status, 422);
            assert.ok(bad.body.errors.id);
            assert.equal((await api.get("/jumpoint/0")).status, 422);
            assert.equal((await api.get("/jumpoint/2147483648")).status, 422);
        });

        it("unknown body fields and unknown query parameters are 401, as the spec says", async () => {
            const f = await api.post("/jumpoint", samples.jumpoint({ colour: "red" }));
            assert.equal(f.status, 401);
            assert.match(f.body.message, /colour/);
            const q = await api.get("/jumpoint?colour=red");
            assert.equal(q.status, 401);
            assert.match(q.body.message, /colour/);
            assert.equal((await api.get("/jumpoint/1?x=1")).status, 401);
        });
    });

    describe("validation (422 with an error bag per field)", () => {
        const expect422 = async (path: string, body: unknown, field: string, method = "POST") => {
            const r = await api.call(method, path, body);
            assert.equal(r.status, 422, `${method} ${path} ${JSON.stringify(body)} -> ${r.status} ${r.text}`);
            assert.equal(typeof r.body.message, "string");
            assert.ok(Array.isArray(r.body.errors[field]) && r.body.errors[field].length > 0, `no error for ${field}: ${r.text}`);
            return r;
        };

        it("required fields", async () => {
            await expect422("/jumpoint", { name: "x" }, "platform");
            await expect422("/jump-group", {}, "name");
            const r = await expect422("/jump-item/shell-jump", {}, "name");
            for (const f of ["jumpoint_id", "hostname", "protocol", "jump_group_id"]) assert.ok(r.body.errors[f], f);
        });

        it("string lengths (min and max)", async () => {
            await expect422("/jump-group", { name: "" }, "name");
            await expect422("/jump-group", { name: "x".repeat(256) }, "name");
            assert.equal((await api.post("/jump-group", { name: "x".repeat(255) })).status, 201);
            await expect422("/jumpoint", samples.jumpoint({ comments: "c".repeat(1025) }), "comments");
        });

        it("enums", async () => {
            await expect422("/jumpoint", samples.jumpoint({ platform: "mac" }), "platform");
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { protocol: "rdp" }), "protocol");
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { terminal: "vt220" }), "terminal");
        });

        it("patterns", async () => {
            await expect422("/jump-group", samples.jumpGroup({ code_name: "has space" }), "code_name");
            await expect422("/jump-group", samples.jumpGroup({ code_name: "" }), "code_name");
            assert.equal((await api.post("/jump-group", samples.jumpGroup({ code_name: "ok_Name-1" }))).status, 201);
        });

        it("integer ranges", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { port: 0 }), "port");
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { port: 65536 }), "port");
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { keep_alive: 301 }), "keep_alive");
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { session_policy_id: 1 }), "session_policy_id");
        });

        it("types: integers must be JSON numbers, booleans booleans, null only where nullable", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { port: "22" }), "port");
            await expect422("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { port: 22.5 }), "port");
            await expect422("/jump-item/shell-jump", samples.shellJump(String(jp.id) as any, jg.id), "jumpoint_id");
            await expect422("/jumpoint", samples.jumpoint({ enabled: "true" }), "enabled");
            await expect422("/jumpoint", samples.jumpoint({ name: 5 }), "name");
            await expect422("/jumpoint", samples.jumpoint({ name: null }), "name");
            const ok = await api.post("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { jump_policy_id: null }));
            assert.equal(ok.status, 201);
            assert.equal(ok.body.jump_policy_id, null);
        });

        it("read-only fields in a body are ignored, whatever their value (as live appliances do)", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint({ connected: false, key_info: "x" }));
            assert.equal(jp.connected, true);
            assert.notEqual(jp.key_info, "x");
            const jg = await api.create("/jump-group", samples.jumpGroup({ id: 77 }));
            assert.notEqual(jg.id, 77);
            assert.equal((await api.get("/jump-group/77")).status, 404);
        });
    });

    describe("defaults", () => {
        it("jumpoint defaults (PRA)", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            assert.equal(jp.enabled, true);
            assert.equal(jp.clustered, false);
            assert.equal(jp.shell_jump_enabled, false);
            assert.equal(jp.protocol_tunnel_enabled, true);
            assert.equal(jp.rdp_service_account_id, null);
        });

        it("shell jump: port 22 for ssh, 23 for telnet, xterm, shared, keep_alive 0", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            const ssh = await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id));
            assert.equal(ssh.port, 22);
            assert.equal(ssh.terminal, "xterm");
            assert.equal(ssh.jump_group_type, "shared");
            assert.equal(ssh.keep_alive, 0);
            const telnet = await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { protocol: "telnet" }));
            assert.equal(telnet.port, 23);
        });

        it("vault accounts default to account group 1 (seeded)", async () => {
            const acct = await api.create("/vault/account", { type: "username_password", name: "a", username: "u", password: "p" });
            assert.equal(acct.account_group_id, 1);
            assert.equal((await api.get("/vault/account-group/1")).status, 200);
        });
    });

    describe("uniqueness", () => {
        it("names and code names are unique (case-insensitively) where the spec says so", async () => {
            await api.create("/jumpoint", samples.jumpoint({ name: "Edge", code_name: "edge" }));
            const dupName = await api.post("/jumpoint", samples.jumpoint({ name: "edge" }));
            assert.equal(dupName.status, 422);
            assert.ok(dupName.body.errors.name);
            const dupCode = await api.post("/jumpoint", samples.jumpoint({ code_name: "EDGE" }));
            assert.equal(dupCode.status, 422);
            assert.ok(dupCode.body.errors.code_name);
            await api.create("/jump-group", { name: "G" });
            assert.equal((await api.post("/jump-group", { name: "g" })).status, 422);
            await api.create("/vault/account-group", { name: "VG" });
            assert.equal((await api.post("/vault/account-group", { name: "VG" })).status, 422);
        });

        it("PATCH to another object's name is refused; keeping one's own name is fine", async () => {
            const a = await api.create("/jump-group", { name: "A" });
            await api.create("/jump-group", { name: "B" });
            assert.equal((await api.patch(`/jump-group/${a.id}`, { name: "B" })).status, 422);
            assert.equal((await api.patch(`/jump-group/${a.id}`, { name: "A" })).status, 200);
        });

        it("external_jump_item_network_id is unique only when not empty", async () => {
            await api.create("/jumpoint", samples.jumpoint({ external_jump_item_network_id: "" }));
            await api.create("/jumpoint", samples.jumpoint({ external_jump_item_network_id: "" }));
            await api.create("/jumpoint", samples.jumpoint({ external_jump_item_network_id: "net1" }));
            assert.equal((await api.post("/jumpoint", samples.jumpoint({ external_jump_item_network_id: "net1" }))).status, 422);
        });
    });

    describe("references", () => {
        it("a shell jump needs an existing jumpoint and jump group", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            const noJp = await api.post("/jump-item/shell-jump", samples.shellJump(999, jg.id));
            assert.equal(noJp.status, 422);
            assert.ok(noJp.body.errors.jumpoint_id);
            const noJg = await api.post("/jump-item/shell-jump", samples.shellJump(jp.id, 999));
            assert.equal(noJg.status, 422);
            assert.ok(noJg.body.errors.jump_group_id);
            const noPolicy = await api.post("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { jump_policy_id: 42 }));
            assert.equal(noPolicy.status, 422);
            const withSession = await api.post("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { session_policy_id: 2 }));
            assert.equal(withSession.status, 201);
        });

        it("vault account_group_id must exist", async () => {
            const r = await api.post("/vault/account", { type: "opaque_token", name: "t", token: "x", account_group_id: 55 });
            assert.equal(r.status, 422);
            assert.ok(r.body.errors.account_group_id);
        });
    });

    describe("cascades", () => {
        it("deleting a jump group deletes its jump items", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            const other = await api.create("/jump-group", samples.jumpGroup());
            const sj = await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id));
            const kept = await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, other.id));
            assert.equal((await api.del(`/jump-group/${jg.id}`)).status, 204);
            assert.equal((await api.get(`/jump-item/shell-jump/${sj.id}`)).status, 404);
            assert.equal((await api.get(`/jump-item/shell-jump/${kept.id}`)).status, 200);
        });

        it("deleting a jumpoint deletes the jump items using it", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            const sj = await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id));
            assert.equal((await api.del(`/jumpoint/${jp.id}`)).status, 204);
            assert.equal((await api.get(`/jump-item/shell-jump/${sj.id}`)).status, 404);
            assert.equal((await api.get(`/jump-group/${jg.id}`)).status, 200);
        });

        it("deleting a jump policy clears it from jump items; deleting an account group moves accounts to group 1", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint());
            const jg = await api.create("/jump-group", samples.jumpGroup());
            const pol = await api.create("/jump-policy", { display_name: "P", code_name: "p" });
            const sj = await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { jump_policy_id: pol.id }));
            await api.del(`/jump-policy/${pol.id}`);
            assert.equal((await api.get(`/jump-item/shell-jump/${sj.id}`)).body.jump_policy_id, null);

            const group = await api.create("/vault/account-group", { name: "team" });
            const acct = await api.create("/vault/account", { type: "opaque_token", name: "t", token: "x", account_group_id: group.id });
            await api.del(`/vault/account-group/${group.id}`);
            assert.equal((await api.get(`/vault/account/${acct.id}`)).body.account_group_id, 1);
            const def = await api.del("/vault/account-group/1");
            assert.equal(def.status, 422);
        });
    });

    describe("write-only secrets", () => {
        it("passwords, tokens, private keys and passphrases are stored but never returned", async () => {
            const up = await api.create("/vault/account", { type: "username_password", name: "db", username: "admin", password: "s3cret!" });
            const tok = await api.create("/vault/account", { type: "opaque_token", name: "tok", token: "tkn-123" });
            const ssh = await api.create("/vault/account", {
                type: "ssh",
                name: "k",
                username: "root",
                private_key: "-----BEGIN NOT A KEY-----",
                private_key_passphrase: "pp",
            });
            const list = await api.get("/vault/account");
            const everything = JSON.stringify([up, tok, ssh, list.body, (await api.get(`/vault/account/${ssh.id}`)).body]);
            for (const secret of ["s3cret!", "tkn-123", "NOT A KEY", '"pp"']) assert.ok(!everything.includes(secret), secret);
            for (const f of ["password", "token", "private_key", "private_key_passphrase"]) assert.ok(!everything.includes(`"${f}"`), f);
            const stored = await sim.control("GET", `/api/vault/account/${up.id}`);
            assert.equal(stored.password, "s3cret!");
            const patched = await api.patch(`/vault/account/${up.id}`, { password: "n3w" });
            assert.equal(patched.status, 200);
            assert.equal(patched.body.password, undefined);
            assert.equal((await sim.control("GET", `/api/vault/account/${up.id}`)).password, "n3w");
        });

        it("ssh accounts get a public_key: the real one for a PEM or OpenSSH key (encrypted too), a stable placeholder otherwise", async () => {
            const { generateKeyPairSync } = await import("node:crypto");
            const { privateKey } = generateKeyPairSync("ed25519");
            const pem = privateKey.export({ format: "pem", type: "pkcs8" }).toString();
            const real = await api.create("/vault/account", { type: "ssh", name: "real", username: "u", private_key: pem });
            assert.match(real.public_key, /^ssh-ed25519 [A-Za-z0-9+/=]+$/);
            // The same key in OpenSSH's own format (node cannot read it) gives the same public key.
            const raw = Buffer.from((privateKey.export({ format: "jwk" }) as { x: string }).x, "base64url");
            const sshString = (b: Buffer | string) => {
                const data = typeof b === "string" ? Buffer.from(b, "latin1") : b;
                const len = Buffer.alloc(4);
                len.writeUInt32BE(data.length);
                return Buffer.concat([len, data]);
            };
            const one = Buffer.alloc(4);
            one.writeUInt32BE(1);
            const pubBlob = Buffer.concat([sshString("ssh-ed25519"), sshString(raw)]);
            for (const cipher of ["none", "aes256-ctr"]) {
                const file = Buffer.concat([
                    Buffer.from("openssh-key-v1\0", "latin1"),
                    sshString(cipher),
                    sshString(cipher === "none" ? "none" : "bcrypt"),
                    sshString(""),
                    one,
                    sshString(pubBlob),
                    sshString(Buffer.alloc(64, 7)),
                ]);
                const openssh = `-----BEGIN OPENSSH PRIVATE KEY-----\n${file
                    .toString("base64")
                    .match(/.{1,70}/g)!
                    .join("\n")}\n-----END OPENSSH PRIVATE KEY-----\n`;
                const acct = await api.create("/vault/account", {
                    type: "ssh",
                    name: `openssh ${cipher}`,
                    username: "u",
                    private_key: openssh,
                    ...(cipher === "none" ? {} : { private_key_passphrase: "pw" }),
                });
                assert.equal(acct.public_key, real.public_key, `an OpenSSH key (cipher ${cipher}) reads as its own public key`);
            }
            const a = await api.create("/vault/account", { type: "ssh_ca", name: "a", username: "u", private_key: "junk" });
            const b = await api.create("/vault/account", { type: "ssh", name: "b", username: "u", private_key: "junk" });
            assert.equal(a.public_key, b.public_key);
            assert.ok(!a.public_key.includes("junk"));
        });
    });

    describe("immutability", () => {
        it("jumpoint platform and clustered, vault account type: 422 on change, fine when unchanged", async () => {
            const jp = await api.create("/jumpoint", samples.jumpoint({ clustered: true }));
            const p = await api.patch(`/jumpoint/${jp.id}`, { platform: "windows-x86" });
            assert.equal(p.status, 422);
            assert.ok(p.body.errors.platform);
            const c = await api.patch(`/jumpoint/${jp.id}`, { clustered: false });
            assert.equal(c.status, 422);
            assert.ok(c.body.errors.clustered);
            assert.equal((await api.patch(`/jumpoint/${jp.id}`, { platform: "linux-x86", name: "renamed" })).status, 200);
            const acct = await api.create("/vault/account", { type: "ssh", name: "k", username: "u", private_key: "k" });
            const t = await api.patch(`/vault/account/${acct.id}`, { type: "ssh_ca" });
            assert.equal(t.status, 422);
            assert.ok(t.body.errors.type);
        });
    });

    describe("read-only kinds", () => {
        it("jump item roles can be listed and read, session policies listed", async () => {
            const roles = await api.get("/jump-item-role");
            assert.equal(roles.status, 200);
            assert.ok(roles.body.length >= 1);
            assert.equal((await api.get(`/jump-item-role/${roles.body[0].id}`)).body.name, roles.body[0].name);
            const sp = await api.get("/session-policy");
            assert.equal(sp.status, 200);
            assert.ok(sp.body.every((p: any) => typeof p.display_name === "string"));
            assert.equal((await api.get("/session-policy/1")).status, 404);
        });
    });

    describe("vault account typing", () => {
        it("each type has its own required fields and unknown-field rules", async () => {
            const noType = await api.post("/vault/account", { name: "x" });
            assert.equal(noType.status, 422);
            assert.ok(noType.body.errors.type);
            assert.equal((await api.post("/vault/account", { type: "windows_local", name: "x" })).status, 422);
            const up = await api.post("/vault/account", { type: "username_password", name: "x", username: "u" });
            assert.equal(up.status, 422);
            assert.ok(up.body.errors.password);
            // The spec's VaultSSHAccount has no account_policy.
            const ssh = await api.post("/vault/account", { type: "ssh", name: unique("s"), username: "u", private_key: "k", account_policy: "p" });
            assert.equal(ssh.status, 401);
        });
    });
});
