// Every operation the simulator implements, called over HTTP and checked against the official
// PRA and RS specs (status, body schema, declared headers, writeOnly secrets absent).
import { strict as assert } from "node:assert";
import { generateKeyPairSync } from "node:crypto";
import { contractSuite } from "./suite";

/** The tunnel Jump Items: PRA only, each its own path and schema. */
const TUNNEL_PATHS = ["/jump-item/protocol-tunnel-jump", "/jump-item/psql-tunnel-jump", "/jump-item/mysql-tunnel-jump", "/jump-item/network-tunnel-jump"];

/** Collections with the full list/create/get/patch/delete set; Web Jump is PRA only (the RS spec has no such path). */
const collections = (product: "pra" | "rs") => [
    "/jumpoint",
    "/jump-group",
    "/jump-item/shell-jump",
    "/jump-item/remote-rdp",
    "/jump-item/remote-vnc",
    ...(product === "pra" ? ["/jump-item/web-jump", ...TUNNEL_PATHS] : []),
    "/vault/account",
    "/vault/account-group",
    "/vault/account-policy",
    "/jump-policy",
    "/group-policy",
];

/** The simulator's operations for one product, as the spec names them. */
export const implemented = (product: "pra" | "rs") => [
    ...collections(product).flatMap((p) => [`GET ${p}`, `POST ${p}`, `GET ${p}/{id}`, `PATCH ${p}/{id}`, `DELETE ${p}/{id}`]),
    "GET /jump-item-role",
    "GET /jump-item-role/{id}",
    "GET /session-policy",
    "GET /jump-policy/{id}/schedule",
    ...[
        ["jumpoint", "jumpoint_id"],
        ["jump-group", "jump_group_id"],
        ["vault-account", "account_id"],
        ["vault-account-group", "account_group_id"],
    ].flatMap(([g, key]) => [
        `GET /group-policy/{id}/${g}`,
        `POST /group-policy/{id}/${g}`,
        `GET /group-policy/{id}/${g}/{${key}}`,
        `DELETE /group-policy/{id}/${g}/{${key}}`,
    ]),
    "GET /jump-client/installer",
    "POST /jump-client/installer",
    "GET /jump-client/installer/{id}",
    "DELETE /jump-client/installer/{id}",
    "GET /jump-client/installer/{installer_id}/{platform}",
    "GET /group-policy/{id}/member",
    "POST /group-policy/{id}/member",
    "GET /group-policy/{id}/member/{member_id}",
    "DELETE /group-policy/{id}/member/{member_id}",
    "POST /group-policy/{id}/provision",
    ...["/vault/account", "/vault/account-group"].flatMap((owner) => [
        `GET ${owner}/{id}/jump-item-association`,
        `PATCH ${owner}/{id}/jump-item-association`,
        ...(owner === "/vault/account" ? [`POST ${owner}/{id}/jump-item-association`, `DELETE ${owner}/{id}/jump-item-association`] : []),
        `POST ${owner}/{id}/jump-item-association/jump-item`,
        `DELETE ${owner}/{id}/jump-item-association/jump-item`,
        `POST ${owner}/{id}/jump-item-association/shared-jump-group`,
        `DELETE ${owner}/{id}/jump-item-association/shared-jump-group`,
    ]),
];

for (const product of ["pra", "rs"] as const) {
    describe(`contract: ${product.toUpperCase()} Configuration API vs the official spec`, function () {
        const ctx = contractSuite(product);
        const ids: Record<string, number> = {};

        it("the simulator's operations all exist in the spec", () => {
            for (const op of implemented(product)) {
                const [method, template] = op.split(" ");
                ctx.spec.operation(method, template);
            }
        });

        it("read-only seeds: jump item roles and session policies", async () => {
            const roles = await ctx.call("GET", "/jump-item-role", "/jump-item-role");
            await ctx.call("GET", "/jump-item-role/{id}", `/jump-item-role/${roles.body[0].id}`);
            await ctx.call("GET", "/jump-item-role/{id}", "/jump-item-role/999");
            await ctx.call("GET", "/jump-item-role", "/jump-item-role?name=administrator&per_page=5");
            await ctx.call("GET", "/session-policy", "/session-policy");
        });

        it("jumpoint CRUD", async () => {
            const r = await ctx.call("POST", "/jumpoint", "/jumpoint", {
                name: "contract jp",
                platform: "linux-x86",
                code_name: "contract_jp",
                clustered: true,
                ...(product === "pra" ? { managed_ip_ranges: [{ start: "10.0.0.1", end: "10.0.0.9" }] } : {}),
            });
            assert.equal(r.status, 201);
            ids.jumpoint = r.body.id;
            await ctx.call("GET", "/jumpoint", "/jumpoint?per_page=5&name=contract%20jp");
            await ctx.call("GET", "/jumpoint/{id}", `/jumpoint/${ids.jumpoint}`);
            await ctx.call("PATCH", "/jumpoint/{id}", `/jumpoint/${ids.jumpoint}`, { comments: "c", shell_jump_enabled: true });
            await ctx.call("PATCH", "/jumpoint/{id}", `/jumpoint/${ids.jumpoint}`, { platform: "windows-x86" });
            await ctx.call("POST", "/jumpoint", "/jumpoint", { name: "" });
            await ctx.call("GET", "/jumpoint/{id}", "/jumpoint/999");
            await ctx.call("POST", "/jumpoint", "/jumpoint", { name: "x", platform: "linux-x86", bogus: 1 });
        });

        it("jump group CRUD", async () => {
            const r = await ctx.call("POST", "/jump-group", "/jump-group", { name: "contract jg", code_name: "contract_jg", comments: null });
            ids.jumpGroup = r.body.id;
            await ctx.call("GET", "/jump-group", "/jump-group?code_name=contract_jg");
            await ctx.call("GET", "/jump-group/{id}", `/jump-group/${ids.jumpGroup}`);
            await ctx.call("PATCH", "/jump-group/{id}", `/jump-group/${ids.jumpGroup}`, { comments: "now set" });
            await ctx.call("PATCH", "/jump-group/{id}", `/jump-group/999`, { comments: "x" });
        });

        it("jump policy CRUD", async () => {
            const r = await ctx.call("POST", "/jump-policy", "/jump-policy", { display_name: "contract policy", code_name: "cp" });
            ids.jumpPolicy = r.body.id;
            await ctx.call("GET", "/jump-policy", "/jump-policy?code_name=cp");
            await ctx.call("GET", "/jump-policy/{id}", `/jump-policy/${ids.jumpPolicy}`);
            await ctx.call("PATCH", "/jump-policy/{id}", `/jump-policy/${ids.jumpPolicy}`, { ticket_id_required: true });
            await ctx.call("GET", "/jump-policy/{id}/schedule", `/jump-policy/${ids.jumpPolicy}/schedule`);
            await ctx.sim.control("PATCH", `/api/jump-policy/${ids.jumpPolicy}`, {
                schedule: { timezone: "America/New_York", entries: [{ start_day: 0, start_time: "09:00", end_day: 0, end_time: "17:00" }] },
            });
            const s = await ctx.call("GET", "/jump-policy/{id}/schedule", `/jump-policy/${ids.jumpPolicy}/schedule`);
            assert.equal(s.body.entries.length, 1);
            await ctx.call("GET", "/jump-policy/{id}/schedule", "/jump-policy/999/schedule");
        });

        it("shell jump CRUD", async () => {
            const r = await ctx.call("POST", "/jump-item/shell-jump", "/jump-item/shell-jump", {
                name: "contract sj",
                jumpoint_id: ids.jumpoint,
                jump_group_id: ids.jumpGroup,
                hostname: "10.1.2.3",
                protocol: "ssh",
                jump_policy_id: ids.jumpPolicy,
                session_policy_id: 2,
            });
            ids.shellJump = r.body.id;
            await ctx.call("GET", "/jump-item/shell-jump", `/jump-item/shell-jump?jumpoint_id=${ids.jumpoint}&per_page=5`);
            await ctx.call("GET", "/jump-item/shell-jump/{id}", `/jump-item/shell-jump/${ids.shellJump}`);
            await ctx.call("PATCH", "/jump-item/shell-jump/{id}", `/jump-item/shell-jump/${ids.shellJump}`, {
                protocol: "telnet",
                port: 2323,
                jump_policy_id: null,
            });
            await ctx.call("POST", "/jump-item/shell-jump", "/jump-item/shell-jump", { name: "bad", jumpoint_id: "1" });
        });

        it("remote RDP CRUD", async () => {
            const pra = product === "pra" ? { session_forensics: true, secure_app_type: "remote_app", remote_app_name: "notepad" } : {};
            const r = await ctx.call("POST", "/jump-item/remote-rdp", "/jump-item/remote-rdp", {
                name: "contract rdp",
                jumpoint_id: ids.jumpoint,
                jump_group_id: ids.jumpGroup,
                hostname: "10.1.2.4",
                quality: "lossless",
                rdp_username: "admin",
                domain: "CORP",
                jump_policy_id: ids.jumpPolicy,
                ...pra,
            });
            assert.equal(r.status, 201, r.text);
            ids.remoteRdp = r.body.id;
            await ctx.call("GET", "/jump-item/remote-rdp", `/jump-item/remote-rdp?jump_group_id=${ids.jumpGroup}&per_page=5`);
            await ctx.call("GET", "/jump-item/remote-rdp", "/jump-item/remote-rdp?endpoint_id=1");
            await ctx.call("GET", "/jump-item/remote-rdp/{id}", `/jump-item/remote-rdp/${ids.remoteRdp}`);
            await ctx.call("PATCH", "/jump-item/remote-rdp/{id}", `/jump-item/remote-rdp/${ids.remoteRdp}`, { console: true, jump_policy_id: null });
            await ctx.call("POST", "/jump-item/remote-rdp", "/jump-item/remote-rdp", { name: "bad", jumpoint_id: ids.jumpoint, quality: "ultra" });
        });

        it("remote vnc CRUD", async () => {
            const r = await ctx.call("POST", "/jump-item/remote-vnc", "/jump-item/remote-vnc", {
                name: "contract vnc",
                jumpoint_id: ids.jumpoint,
                jump_group_id: ids.jumpGroup,
                hostname: "10.0.0.20",
                tag: "lab",
            });
            assert.equal(r.status, 201, r.text);
            assert.equal(r.body.port, 5900);
            ids.remoteVnc = r.body.id;
            await ctx.call("GET", "/jump-item/remote-vnc", `/jump-item/remote-vnc?hostname=10.0.0.20&per_page=5`);
            await ctx.call("GET", "/jump-item/remote-vnc/{id}", `/jump-item/remote-vnc/${ids.remoteVnc}`);
            await ctx.call("PATCH", "/jump-item/remote-vnc/{id}", `/jump-item/remote-vnc/${ids.remoteVnc}`, { port: 5901, session_policy_id: null });
            await ctx.call("POST", "/jump-item/remote-vnc", "/jump-item/remote-vnc", { name: "bad", jumpoint_id: ids.jumpoint, port: 99 });
        });

        it("web jump: CRUD on PRA, absent from the RS spec", async function () {
            if (product === "rs") {
                assert.equal(ctx.spec.doc.paths["/jump-item/web-jump"], undefined, "the RS spec has no Web Jump");
                return;
            }
            const r = await ctx.call("POST", "/jump-item/web-jump", "/jump-item/web-jump", {
                name: "contract web",
                jumpoint_id: ids.jumpoint,
                jump_group_id: ids.jumpGroup,
                url: "https://intranet.example.com",
                username_format: "force_upn_format",
                username_field: "#user",
                session_policy_id: 2,
            });
            assert.equal(r.status, 201, r.text);
            ids.webJump = r.body.id;
            await ctx.call("GET", "/jump-item/web-jump", `/jump-item/web-jump?jumpoint_id=${ids.jumpoint}&per_page=5`);
            await ctx.call("GET", "/jump-item/web-jump/{id}", `/jump-item/web-jump/${ids.webJump}`);
            await ctx.call("PATCH", "/jump-item/web-jump/{id}", `/jump-item/web-jump/${ids.webJump}`, { verify_certificate: false, username_field: null });
            await ctx.call("POST", "/jump-item/web-jump", "/jump-item/web-jump", { name: "bad", url: "", authentication_timeout: 31 });
        });

        it("tunnel jump items: CRUD of each on PRA, absent from the RS spec", async function () {
            if (product === "rs") {
                for (const p of TUNNEL_PATHS) assert.equal(ctx.spec.doc.paths[p], undefined, `the RS spec has no ${p}`);
                return;
            }
            const owners = { jumpoint_id: ids.jumpoint, jump_group_id: ids.jumpGroup };
            const bodies: Record<string, { create: object; patch: object; bad: object }> = {
                "/jump-item/protocol-tunnel-jump": {
                    create: { name: "contract tcp", hostname: "10.0.0.30", tunnel_definitions: "15432;5432;0;6379", ...owners },
                    patch: { tunnel_type: "k8s", url: "https://k8s.example.com:6443", ca_certificates: "-----BEGIN CERTIFICATE-----" },
                    bad: { name: "bad", hostname: "h", tunnel_type: "tcp", tunnel_definitions: "22", ...owners },
                },
                "/jump-item/psql-tunnel-jump": {
                    create: { name: "contract psql", hostname: "db", username: "app", database: "orders", ...owners },
                    patch: { tunnel_listen_address: "127.0.0.2", jump_policy_id: ids.jumpPolicy },
                    bad: { name: "bad", hostname: "db", tunnel_listen_address: "10.0.0.1", ...owners },
                },
                "/jump-item/mysql-tunnel-jump": {
                    create: { name: "contract mysql", hostname: "db", ...owners },
                    patch: { database: "shop", session_policy_id: 2 },
                    bad: { name: "bad", ...owners },
                },
                "/jump-item/network-tunnel-jump": {
                    create: { name: "contract net", filter_rules: [{ ip_addresses: { cidr: "10.1.0.0/16" } }], ...owners },
                    patch: {
                        filter_rules: [
                            { ip_addresses: { range: { start: "10.0.0.1", end: "10.0.0.9" } }, protocol: "TCP", ports: { range: { start: 1, end: 1024 } } },
                        ],
                    },
                    bad: { name: "bad", filter_rules: [{ ip_addresses: { cidr: "10.0.0.0/8", list: ["10.0.0.1"] } }], ...owners },
                },
            };
            for (const [p, b] of Object.entries(bodies)) {
                const r = await ctx.call("POST", p, p, b.create);
                assert.equal(r.status, 201, `${p}: ${r.text}`);
                ids[p] = r.body.id;
                await ctx.call("GET", p, `${p}?jumpoint_id=${ids.jumpoint}&per_page=5`);
                await ctx.call("GET", `${p}/{id}`, `${p}/${ids[p]}`);
                const patched = await ctx.call("PATCH", `${p}/{id}`, `${p}/${ids[p]}`, b.patch);
                assert.equal(patched.status, 200, `${p}: ${patched.text}`);
                assert.equal((await ctx.call("POST", p, p, b.bad)).status, 422, `${p}: a bad body is refused`);
            }
            assert.deepEqual((await ctx.api.get(`/jump-item/network-tunnel-jump/${ids["/jump-item/network-tunnel-jump"]}`)).body.filter_rules[0].ports, {
                range: { start: 1, end: 1024 },
            });
        });

        it("vault account groups and accounts of every creatable type", async () => {
            const g = await ctx.call("POST", "/vault/account-group", "/vault/account-group", { name: "contract vg", description: "d" });
            ids.accountGroup = g.body.id;
            await ctx.call("GET", "/vault/account-group", "/vault/account-group");
            await ctx.call("GET", "/vault/account-group/{id}", `/vault/account-group/${ids.accountGroup}`);
            await ctx.call("PATCH", "/vault/account-group/{id}", `/vault/account-group/${ids.accountGroup}`, { account_policy: null });

            const pem = generateKeyPairSync("rsa", { modulusLength: 1024 }).privateKey.export({ format: "pem", type: "pkcs8" }).toString();
            const bodies = [
                { type: "username_password", name: "up", username: "u", password: "p", account_group_id: ids.accountGroup },
                { type: "opaque_token", name: "tok", token: "t", account_policy: null },
                { type: "ssh", name: "ssh", username: "u", private_key: pem, private_key_public_cert: null },
                { type: "ssh_ca", name: "ssh ca", username: "u", private_key: "not parseable", private_key_passphrase: "pp" },
            ];
            for (const body of bodies) {
                const r = await ctx.call("POST", "/vault/account", "/vault/account", body);
                assert.equal(r.status, 201, r.text);
                ids[`account_${body.type}`] = r.body.id;
            }
            ids.account = ids.account_username_password;
            await ctx.call("GET", "/vault/account", "/vault/account?per_page=5");
            await ctx.call("GET", "/vault/account", "/vault/account?type=ssh");
            for (const t of ["username_password", "opaque_token", "ssh", "ssh_ca"]) {
                await ctx.call("GET", "/vault/account/{id}", `/vault/account/${ids[`account_${t}`]}`);
            }
            await ctx.call("PATCH", "/vault/account/{id}", `/vault/account/${ids.account}`, { password: "new", description: "x" });
            await ctx.call("PATCH", "/vault/account/{id}", `/vault/account/${ids.account}`, { type: "ssh" });
        });

        it("vault account policy CRUD", async () => {
            const r = await ctx.call("POST", "/vault/account-policy", "/vault/account-policy", {
                name: "contract ap",
                code_name: "contract_ap",
                scheduled_password_rotation: true,
                maximum_password_age: 30,
            });
            assert.equal(r.status, 201, r.text);
            ids.accountPolicy = r.body.id;
            await ctx.call("GET", "/vault/account-policy", "/vault/account-policy?code_name=contract_ap&per_page=5");
            await ctx.call("GET", "/vault/account-policy/{id}", `/vault/account-policy/${ids.accountPolicy}`);
            const off = await ctx.call("PATCH", "/vault/account-policy/{id}", `/vault/account-policy/${ids.accountPolicy}`, {
                scheduled_password_rotation: false,
            });
            assert.equal(off.body.maximum_password_age, undefined, "no age while rotation is off");
            await ctx.call("POST", "/vault/account-policy", "/vault/account-policy", { name: "bad", scheduled_password_rotation: true });
            await ctx.call("POST", "/vault/account-policy", "/vault/account-policy", { name: "contract ap" });
        });

        it("group policy CRUD", async () => {
            const body = product === "pra" ? { name: "contract gp", perm_access_allowed: true } : { name: "contract gp", perm_support_allowed: "full_support" };
            const r = await ctx.call("POST", "/group-policy", "/group-policy", body);
            ids.groupPolicy = r.body.id;
            await ctx.call("GET", "/group-policy", "/group-policy?name=contract%20gp");
            await ctx.call("GET", "/group-policy/{id}", `/group-policy/${ids.groupPolicy}`);
            await ctx.call("PATCH", "/group-policy/{id}", `/group-policy/${ids.groupPolicy}`, { perm_shell_jump: true });
        });

        it("group policy grants and provision", async () => {
            const gp = ids.groupPolicy;
            await ctx.call("POST", "/group-policy/{id}/jumpoint", `/group-policy/${gp}/jumpoint`, { jumpoint_id: ids.jumpoint });
            await ctx.call("GET", "/group-policy/{id}/jumpoint", `/group-policy/${gp}/jumpoint?per_page=5`);
            await ctx.call("GET", "/group-policy/{id}/jumpoint/{jumpoint_id}", `/group-policy/${gp}/jumpoint/${ids.jumpoint}`);

            const jgBody =
                product === "pra"
                    ? { jump_group_id: ids.jumpGroup, jump_item_role_id: 1, jump_policy_id: ids.jumpPolicy }
                    : { jump_group_id: ids.jumpGroup, jump_item_role_id: 1 };
            await ctx.call("POST", "/group-policy/{id}/jump-group", `/group-policy/${gp}/jump-group`, jgBody);
            await ctx.call("GET", "/group-policy/{id}/jump-group", `/group-policy/${gp}/jump-group`);
            await ctx.call("GET", "/group-policy/{id}/jump-group/{jump_group_id}", `/group-policy/${gp}/jump-group/${ids.jumpGroup}`);
            await ctx.call("GET", "/group-policy/{id}/jump-group/{jump_group_id}", `/group-policy/${gp}/jump-group/999`);

            await ctx.call("POST", "/group-policy/{id}/vault-account", `/group-policy/${gp}/vault-account`, {
                account_id: ids.account,
                role: "inject_and_checkout",
            });
            await ctx.call("GET", "/group-policy/{id}/vault-account", `/group-policy/${gp}/vault-account`);
            await ctx.call("GET", "/group-policy/{id}/vault-account/{account_id}", `/group-policy/${gp}/vault-account/${ids.account}`);
            await ctx.call("POST", "/group-policy/{id}/vault-account", `/group-policy/${gp}/vault-account`, { account_id: 999 });

            await ctx.call("POST", "/group-policy/{id}/vault-account-group", `/group-policy/${gp}/vault-account-group`, { account_group_id: ids.accountGroup });
            await ctx.call("GET", "/group-policy/{id}/vault-account-group", `/group-policy/${gp}/vault-account-group`);
            await ctx.call("GET", "/group-policy/{id}/vault-account-group/{account_group_id}", `/group-policy/${gp}/vault-account-group/${ids.accountGroup}`);

            await ctx.call("POST", "/group-policy/{id}/provision", `/group-policy/${gp}/provision`);
            await ctx.call("POST", "/group-policy/{id}/provision", `/group-policy/999/provision`);

            await ctx.call("DELETE", "/group-policy/{id}/jumpoint/{jumpoint_id}", `/group-policy/${gp}/jumpoint/${ids.jumpoint}`);
            await ctx.call("DELETE", "/group-policy/{id}/jumpoint/{jumpoint_id}", `/group-policy/${gp}/jumpoint/${ids.jumpoint}`);
            await ctx.call("DELETE", "/group-policy/{id}/jump-group/{jump_group_id}", `/group-policy/${gp}/jump-group/${ids.jumpGroup}`);
            await ctx.call("DELETE", "/group-policy/{id}/vault-account/{account_id}", `/group-policy/${gp}/vault-account/${ids.account}`);
            await ctx.call(
                "DELETE",
                "/group-policy/{id}/vault-account-group/{account_group_id}",
                `/group-policy/${gp}/vault-account-group/${ids.accountGroup}`,
            );
        });

        it("jump client installers: create (with its key), list, read (without it), download, delete; no PATCH", async () => {
            const policies =
                product === "pra"
                    ? { session_policy_id: 2, allow_override_session_policy: true }
                    : { attended_session_policy_id: 2, customer_client_start_mode: "minimized" };
            const r = await ctx.call("POST", "/jump-client/installer", "/jump-client/installer", {
                jump_group_id: ids.jumpGroup,
                name: "contract installer",
                tag: "contract",
                jump_policy_id: ids.jumpPolicy,
                valid_duration: 60,
                ...policies,
            });
            assert.equal(r.status, 201, r.text);
            assert.equal(typeof r.body.key_info.encodedInfo, "string", "the create answer carries the key");
            assert.equal(r.body.valid_duration, undefined, "valid_duration is never answered");
            ids.installer = r.body.id;
            const listed = await ctx.call("GET", "/jump-client/installer", "/jump-client/installer?tag=contract&per_page=5");
            assert.equal(listed.body.length, 1);
            assert.equal(listed.body[0].key_info.encodedInfo, undefined, "no key in lists");
            const read = await ctx.call("GET", "/jump-client/installer/{id}", `/jump-client/installer/${ids.installer}`);
            assert.equal(read.body.key_info.encodedInfo, undefined, "no key in reads");
            assert.equal(read.body.key_info.filename, r.body.key_info.filename);
            const dl = await ctx.call(
                "GET",
                "/jump-client/installer/{installer_id}/{platform}",
                `/jump-client/installer/${r.body.installer_id}/windows-64-msi`,
            );
            assert.equal(dl.status, 200);
            await ctx.call("GET", "/jump-client/installer/{installer_id}/{platform}", `/jump-client/installer/${"0".repeat(32)}/linux-64`);
            await ctx.call("GET", "/jump-client/installer", "/jump-client/installer?hostname=pc1");
            assert.equal((await ctx.call("POST", "/jump-client/installer", "/jump-client/installer", { name: "no group" })).status, 422);
            assert.equal(
                (await ctx.call("POST", "/jump-client/installer", "/jump-client/installer", { jump_group_id: ids.jumpGroup, valid_duration: 5 })).status,
                422,
            );
            assert.equal((await ctx.api.patch(`/jump-client/installer/${ids.installer}`, { tag: "x" })).status, 405, "an installer cannot be changed");
            await ctx.call("DELETE", "/jump-client/installer/{id}", `/jump-client/installer/${ids.installer}`);
            await ctx.call("DELETE", "/jump-client/installer/{id}", `/jump-client/installer/${ids.installer}`);
            await ctx.call("GET", "/jump-client/installer/{id}", `/jump-client/installer/${ids.installer}`);
        });

        it("group policy members: users and security-provider groups, each named one way", async () => {
            const gp = ids.groupPolicy;
            const members = `/group-policy/${gp}/member`;
            const added = await ctx.call("POST", "/group-policy/{id}/member", members, { group_policy_id: gp, security_provider_id: 1, user_id: 7 });
            assert.equal(added.status, 201, added.text);
            await ctx.call("POST", "/group-policy/{id}/member", members, { security_provider_id: 2, group_name: "Admins" });
            const dn = await ctx.call("POST", "/group-policy/{id}/member", members, { security_provider_id: 3, distinguished_name: "CN=Ops,DC=corp" });
            assert.equal(dn.status, 201, dn.text);
            const list = await ctx.call("GET", "/group-policy/{id}/member", `${members}?per_page=5`);
            assert.equal(list.body.length, 3);
            const user = list.body.find((m: any) => m.user_id === 7);
            await ctx.call("GET", "/group-policy/{id}/member/{member_id}", `${members}/${user.id}`);
            assert.equal((await ctx.call("POST", "/group-policy/{id}/member", members, { security_provider_id: 1, user_id: 7 })).status, 422, "twice");
            const both = await ctx.call("POST", "/group-policy/{id}/member", members, { security_provider_id: 3, user_id: 8, distinguished_name: "CN=x" });
            assert.equal(both.status, 422, "user_id and distinguished_name together");
            assert.equal((await ctx.call("POST", "/group-policy/{id}/member", members, { security_provider_id: 1 })).status, 422, "no name");
            assert.equal((await ctx.call("POST", "/group-policy/{id}/member", members, { security_provider_id: 1, user: 7 })).status, 401, "unknown field");
            await ctx.call("DELETE", "/group-policy/{id}/member/{member_id}", `${members}/${user.id}`);
            await ctx.call("DELETE", "/group-policy/{id}/member/{member_id}", `${members}/${user.id}`);
            await ctx.call("GET", "/group-policy/{id}/member/{member_id}", `/group-policy/999/member/1`);
        });

        it("jump-item associations of an account (own, or inherited from its group) and of a group", async () => {
            const acct = `/vault/account/${ids.account}/jump-item-association`;
            const T = "/vault/account/{id}/jump-item-association";
            assert.equal((await ctx.call("GET", T, acct)).status, 404, "inheriting: nothing of its own to show");
            assert.equal((await ctx.call("PATCH", T, acct, { filter_type: "no_jump_items" })).status, 422, "nothing to change while inheriting");
            assert.equal((await ctx.call("DELETE", T, acct)).status, 422, "nothing to delete while inheriting");
            const made = await ctx.call("POST", T, acct, {
                filter_type: "criteria",
                criteria: { shared_jump_groups: [ids.jumpGroup], tag: ["Prod*"], host: ["10.0.*"] },
                jump_items: [{ id: ids.shellJump, type: "shell_jump" }],
            });
            assert.equal(made.status, 201, made.text);
            assert.deepEqual(made.body.criteria.tag, ["prod*"], "patterns are stored in lower case");
            assert.equal((await ctx.call("POST", T, acct, { filter_type: "any_jump_items" })).status, 422, "a second POST");
            const patched = await ctx.call("PATCH", T, acct, { filter_type: "criteria", criteria: { name: ["web-*"] } });
            assert.deepEqual([patched.body.criteria.tag, patched.body.criteria.name], [["prod*"], ["web-*"]], "omitted criteria are kept");
            await ctx.call("POST", `${T}/jump-item`, `${acct}/jump-item`, { id: ids.remoteRdp, type: "remote_rdp" });
            await ctx.call("POST", `${T}/jump-item`, `${acct}/jump-item`, { id: 999, type: "shell_jump" });
            await ctx.call("DELETE", `${T}/jump-item`, `${acct}/jump-item`, { id: ids.remoteRdp, type: "remote_rdp" });
            await ctx.call("POST", `${T}/shared-jump-group`, `${acct}/shared-jump-group`, { shared_jump_group_id: ids.jumpGroup });
            await ctx.call("DELETE", `${T}/shared-jump-group`, `${acct}/shared-jump-group`, { shared_jump_group_id: ids.jumpGroup });
            await ctx.call("GET", T, acct);
            const none = await ctx.call("PATCH", T, acct, { filter_type: "no_jump_items" });
            assert.deepEqual(none.body, { filter_type: "no_jump_items", jump_items: [] }, "criteria dropped");
            assert.equal((await ctx.call("POST", `${T}/jump-item`, `${acct}/jump-item`, { id: ids.shellJump, type: "shell_jump" })).status, 422);
            assert.equal((await ctx.call("DELETE", T, acct)).status, 204, "back to inheriting");
            assert.equal((await ctx.call("GET", T, acct)).status, 404);

            const group = `/vault/account-group/${ids.accountGroup}/jump-item-association`;
            const G = "/vault/account-group/{id}/jump-item-association";
            assert.deepEqual((await ctx.call("GET", G, group)).body, { filter_type: "any_jump_items", jump_items: [] }, "a new group's association");
            await ctx.call("PATCH", G, group, { filter_type: "criteria", criteria: { comment: ["db"] } });
            await ctx.call("PATCH", G, group, { criteria: { comment: ["x"] } });
            await ctx.call("POST", `${G}/jump-item`, `${group}/jump-item`, { id: ids.shellJump, type: "shell_jump" });
            await ctx.call("DELETE", `${G}/jump-item`, `${group}/jump-item`, { id: ids.shellJump, type: "shell_jump" });
            const sg = await ctx.call("POST", `${G}/shared-jump-group`, `${group}/shared-jump-group`, { shared_jump_group_id: ids.jumpGroup });
            assert.equal(sg.status, 200, sg.text);
            await ctx.call("DELETE", `${G}/shared-jump-group`, `${group}/shared-jump-group`, { shared_jump_group_id: ids.jumpGroup });
            await ctx.call("GET", G, "/vault/account-group/999/jump-item-association");
        });

        it("deletes", async () => {
            await ctx.call("DELETE", "/jump-item/shell-jump/{id}", `/jump-item/shell-jump/${ids.shellJump}`);
            await ctx.call("DELETE", "/jump-item/shell-jump/{id}", `/jump-item/shell-jump/${ids.shellJump}`);
            await ctx.call("DELETE", "/jump-item/remote-rdp/{id}", `/jump-item/remote-rdp/${ids.remoteRdp}`);
            await ctx.call("DELETE", "/jump-item/remote-rdp/{id}", `/jump-item/remote-rdp/${ids.remoteRdp}`);
            await ctx.call("DELETE", "/jump-item/remote-vnc/{id}", `/jump-item/remote-vnc/${ids.remoteVnc}`);
            if (product === "pra") for (const p of TUNNEL_PATHS) await ctx.call("DELETE", `${p}/{id}`, `${p}/${ids[p]}`);
            if (product === "pra") await ctx.call("DELETE", "/jump-item/web-jump/{id}", `/jump-item/web-jump/${ids.webJump}`);
            await ctx.call("DELETE", "/jump-group/{id}", `/jump-group/${ids.jumpGroup}`);
            await ctx.call("DELETE", "/jumpoint/{id}", `/jumpoint/${ids.jumpoint}`);
            await ctx.call("DELETE", "/jump-policy/{id}", `/jump-policy/${ids.jumpPolicy}`);
            await ctx.call("DELETE", "/vault/account/{id}", `/vault/account/${ids.account}`);
            await ctx.call("DELETE", "/vault/account-group/{id}", `/vault/account-group/${ids.accountGroup}`);
            await ctx.call("DELETE", "/vault/account-group/{id}", `/vault/account-group/1`);
            await ctx.call("DELETE", "/vault/account-policy/{id}", `/vault/account-policy/${ids.accountPolicy}`);
            await ctx.call("DELETE", "/vault/account-policy/{id}", `/vault/account-policy/${ids.accountPolicy}`);
            await ctx.call("DELETE", "/group-policy/{id}", `/group-policy/${ids.groupPolicy}`);
        });

        it("every implemented operation was exercised", () => {
            const missing = implemented(product).filter((op) => !ctx.spec.exercised.has(op));
            assert.deepEqual(missing, []);
        });
    });
}
