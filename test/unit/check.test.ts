import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { handler } from "../../provider";
import { failureNames } from "../../provider/engine/handlers";
import { setStackConfig } from "../../provider/core/connection";
import { UNKNOWN } from "../../provider/engine/fields";
import { BAD_INPUTS, SSH_KEY } from "../support/bad-inputs";

describe("unit: check", () => {
    describe("bad-input catalogue", () => {
        for (const bad of BAD_INPUTS) {
            it(`${bad.kind}: ${bad.title} fails on ${bad.property}`, async () => {
                const result = await handler(bad.kind).check({}, { ...bad.inputs });
                assert.ok(result.failures && result.failures.length > 0, "expected a check failure");
                const props = result.failures!.map((f) => f.property || f.reason);
                assert.ok(
                    result.failures!.some((f) => failureNames(f, bad.property)),
                    `failures named ${props.join(", ")}, not ${bad.property}`,
                );
                for (const f of result.failures!) assert.ok(f.reason.length > 5, `reason too thin: ${f.reason}`);
                for (const hidden of bad.mustNotShow ?? []) assert.ok(!JSON.stringify(result.failures).includes(hidden), "a failure shows what it must not");
            });
        }
        it("has at least 25 cases across at least 8 kinds", () => {
            assert.ok(BAD_INPUTS.length >= 25);
            assert.ok(new Set(BAD_INPUTS.map((b) => b.kind)).size >= 8);
        });
    });

    it("never echoes a secret value in a failure reason", async () => {
        const secret = "p".repeat(256);
        const result = await handler("pra:VaultUsernamePasswordAccount").check({}, { name: "a", username: "u", password: secret });
        assert.ok(result.failures?.length);
        assert.ok(!JSON.stringify(result.failures).includes(secret));
    });

    describe("bad input that used to pass check (issue 11, item 9)", () => {
        const shell = { name: "a", jumpointId: 1, hostname: "h", jumpGroupId: 1 };
        afterEach(() => {
            delete process.env.BT_API_HOST;
            delete process.env.BT_CA_FILE;
        });

        it("property names that objects inherit are refused like any unknown property", async () => {
            const own = Object.assign(JSON.parse('{"__proto__": {"hostname": "inherited"}}'), { name: "a", jumpointId: 1, jumpGroupId: 1 });
            for (const [key, news] of [
                ["constructor", { ...shell, constructor: "x" }],
                ["toString", { ...shell, toString: "x" }],
                ["__proto__", own],
            ] as const) {
                const r = await handler("pra:ShellJump").check({}, news as Record<string, unknown>);
                const f = r.failures?.find((x) => failureNames(x, key));
                assert.ok(f, `${key}: ${JSON.stringify(r.failures)}`);
                assert.strictEqual(f.property, "", "reported without a property, so that the engine prints no value");
                assert.match(f.reason, new RegExp(`^${key}: is not a property of Shell Jump`));
            }
            // An inherited value is not an input: the hostname above is still missing.
            const r = await handler("pra:ShellJump").check({}, own);
            assert.ok(
                r.failures?.some((f) => f.property === "hostname" && /is required/.test(f.reason)),
                JSON.stringify(r.failures),
            );
        });

        it("a misspelled property names the one it resembles", async () => {
            const r = await handler("pra:ShellJump").check({}, { ...shell, hostName: "h2", prot: "ssh", jumpointID: 2 });
            const reasons = Object.fromEntries(r.failures!.map((f) => f.reason.split(": ")).map(([p, ...rest]) => [p, rest.join(": ")]));
            assert.match(reasons.hostName, /is not a property of Shell Jump \(did you mean "hostname"\?\)/);
            assert.match(reasons.jumpointID, /did you mean "jumpointId"/);
            assert.match(reasons.prot, /did you mean "port"\?|did you mean "protocol"\?|^is not a property of Shell Jump$/);
            const far = await handler("pra:ShellJump").check({}, { ...shell, completelyDifferent: 1 });
            assert.strictEqual(far.failures![0].reason, "completelyDifferent: is not a property of Shell Jump");
        });

        it("a failure on a secret, the connection or an unknown property names no property: the engine would print its value (issue 11, item 8)", async () => {
            // Pulumi prints "property <p> value {<input value>} has a problem" for any top-level <p>, secret or not.
            const pw = await handler("pra:VaultUsernamePasswordAccount").check({}, { name: "a", username: "u", password: "p".repeat(256) });
            assert.deepStrictEqual(pw.failures, [{ property: "", reason: "password: must be at most 255 characters" }]);
            const conn = await handler("pra:JumpGroup").check({}, { name: "g", connection: "looks-like-a-client-secret" });
            assert.deepStrictEqual(conn.failures, [{ property: "", reason: "connection: must be an object {host, clientId, clientSecret, ...}" }]);
            const ssh = await handler("pra:VaultSshAccount").check({}, { name: "k", username: "u", privateKey: "ssh-rsa AAAA" });
            assert.strictEqual(ssh.failures![0].property, "");
            assert.match(ssh.failures![0].reason, /^privateKey: /);
            // Ordinary fields and dotted paths (which the engine does not look up) keep their property.
            const port = await handler("pra:ShellJump").check({}, { ...shell, port: 0 });
            assert.strictEqual(port.failures![0].property, "port");
            const host = await handler("pra:JumpGroup").check({}, { name: "g", connection: { host: "https://h/x" } });
            assert.strictEqual(host.failures![0].property, "connection.host");
        });

        it("port NaN is reported as NaN, not as null", async () => {
            const r = await handler("pra:ShellJump").check({}, { ...shell, port: NaN });
            assert.deepStrictEqual(r.failures, [{ property: "port", reason: "must be a whole number from 1 to 65535, not NaN" }]);
        });

        it('adopt takes true, an id, or for grants "<groupPolicyId>/<objectId>"; anything else is refused with the value', async () => {
            for (const adopt of [true, 12, "12", " 12 "]) {
                const r = await handler("pra:JumpGroup").check({}, { name: "g", adopt });
                assert.strictEqual(r.failures, undefined, `${JSON.stringify(adopt)}: ${JSON.stringify(r.failures)}`);
            }
            const grant = await handler("pra:GroupPolicyJumpoint").check({}, { groupPolicyId: 3, jumpointId: 7, adopt: "3/7" });
            assert.strictEqual(grant.failures, undefined);
            assert.strictEqual(grant.inputs!.adopt, "3/7");
            const bad = await handler("pra:JumpGroup").check({}, { name: "g", adopt: "-5" });
            assert.match(bad.failures![0].reason, /a whole number from 1 to 2147483647; not "-5"/);
            const badGrant = await handler("pra:GroupPolicyJumpoint").check({}, { groupPolicyId: 3, jumpointId: 7, adopt: 3 });
            assert.match(badGrant.failures![0].reason, /"<groupPolicyId>\/<objectId>"/);
        });

        it("a host with credentials is refused without echoing them, from the input or the environment", async () => {
            const r = await handler("pra:JumpGroup").check({}, { name: "g", connection: { host: "https://bob:S3cret-in-host@pra.example.com:8443" } });
            assert.strictEqual(r.failures!.length, 1);
            assert.strictEqual(r.failures![0].property, "connection.host");
            assert.match(
                r.failures![0].reason,
                /"https:\/\/…@pra\.example\.com:8443" carries credentials \(user:password@\): give them as clientId and clientSecret/,
            );
            process.env.BT_API_HOST = "bob:S3cret-in-host@pra.example.com";
            const env = await handler("pra:JumpGroup").check({}, { name: "g" });
            assert.match(env.failures![0].reason, /\(from BT_API_HOST\)/);
            assert.ok(!JSON.stringify([r.failures, env.failures]).includes("S3cret") && !JSON.stringify([r.failures, env.failures]).includes("bob"));
        });

        it("a host with a path, query or fragment is refused, not trimmed; a trailing slash is fine", async () => {
            const reason = async (host: string) => (await handler("pra:JumpGroup").check({}, { name: "g", connection: { host } })).failures?.[0]?.reason;
            assert.match(
                (await reason("https://pra.example.com/login"))!,
                /has a path \("\/login"\): give only the appliance's host name and port, e\.g\. "https:\/\/pra\.example\.com"/,
            );
            assert.match((await reason("pra.example.com?x=secret-q"))!, /"pra\.example\.com\?…" has a query string/);
            assert.match((await reason("https://pra.example.com/#top"))!, /has a fragment/);
            assert.strictEqual(await reason("https://pra.example.com/"), undefined);
            assert.strictEqual(await reason("pra.example.com:8443"), undefined);
        });

        it("a caFile that cannot be used fails check, naming the property and where it came from", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bt-ca-"));
            const good = path.join(dir, "ca.pem");
            fs.writeFileSync(good, "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n");
            try {
                const ok = await handler("pra:JumpGroup").check({}, { name: "g", connection: { caFile: good } });
                assert.strictEqual(ok.failures, undefined);
                const missing = await handler("pra:JumpGroup").check({}, { name: "g", connection: { caFile: path.join(dir, "nope.pem") } });
                assert.deepStrictEqual(
                    missing.failures?.map((f) => f.property),
                    ["connection.caFile"],
                );
                assert.match(missing.failures![0].reason, /names a file that does not exist: ".*nope\.pem"/);
                process.env.BT_CA_FILE = path.join(dir, "nope.pem");
                const env = await handler("pra:JumpGroup").check({}, { name: "g" });
                assert.match(env.failures![0].reason, /does not exist: .*\(from BT_CA_FILE\)/);
                // A caCert wins over caFile, as in resolveConnection: the file is never read.
                const cert = await handler("pra:JumpGroup").check({}, { name: "g", connection: { caCert: "-----BEGIN CERTIFICATE-----" } });
                assert.strictEqual(cert.failures, undefined);
            } finally {
                fs.rmSync(dir, { recursive: true, force: true });
            }
        });
    });

    it("applies defaults, including one that depends on another input", async () => {
        const ssh = await handler("pra:ShellJump").check({}, { name: "a", jumpointId: "3", hostname: "h", jumpGroupId: 2 });
        assert.deepStrictEqual(ssh.failures, undefined);
        assert.strictEqual(ssh.inputs!.port, 22);
        assert.strictEqual(ssh.inputs!.protocol, "ssh");
        assert.strictEqual(ssh.inputs!.terminal, "xterm");
        assert.strictEqual(ssh.inputs!.jumpointId, 3, "string ids become numbers");
        const telnet = await handler("pra:ShellJump").check({}, { name: "a", jumpointId: 3, hostname: "h", jumpGroupId: 2, protocol: "telnet" });
        assert.strictEqual(telnet.inputs!.port, 23);
    });

    it("tolerates unknown values during preview and skips cross-field rules", async () => {
        const r = await handler("pra:ShellJump").check({}, { name: UNKNOWN, jumpointId: UNKNOWN, hostname: "h", jumpGroupId: UNKNOWN });
        assert.strictEqual(r.failures, undefined);
        assert.strictEqual(r.inputs!.jumpointId, UNKNOWN);
        const ssh = await handler("pra:VaultSshAccount").check({}, { name: "k", username: "u", privateKey: UNKNOWN });
        assert.strictEqual(ssh.failures, undefined);
    });

    it("works with empty olds (the engine re-checks with {} before a replacement)", async () => {
        const r = await handler("pra:Jumpoint").check({}, { name: "vpc", platform: "linux-x86" });
        assert.strictEqual(r.failures, undefined);
        assert.deepStrictEqual(
            { enabled: r.inputs!.enabled, clustered: r.inputs!.clustered, shell: r.inputs!.shellJumpEnabled },
            { enabled: true, clustered: false, shell: false },
        );
    });

    describe("kinds that only some products have", () => {
        const web = { name: "w", jumpointId: 1, url: "https://h/", jumpGroupId: 1 };
        afterEach(() => delete process.env.BT_PRODUCT);

        it("a PRA-only kind fails check on RS, naming where the product came from", async () => {
            const r = await handler("pra:WebJump").check({}, { ...web, connection: { product: "rs" } });
            assert.deepStrictEqual(
                r.failures?.map((f) => f.property),
                ["connection.product"],
            );
            assert.match(r.failures![0].reason, /"rs" \(from connection\.product\): Web Jump does not exist on RS; it is only available on PRA/);
            process.env.BT_PRODUCT = "rs";
            const env = await handler("pra:WebJump").check({}, web);
            assert.match(env.failures![0].reason, /from BT_PRODUCT/);
        });

        it("passes on PRA, and kinds without a product list pass on both", async () => {
            assert.strictEqual((await handler("pra:WebJump").check({}, { ...web, connection: { product: "pra" } })).failures, undefined);
            process.env.BT_PRODUCT = "rs";
            const rdp = await handler("pra:RemoteRdp").check({}, { name: "r", jumpointId: 1, hostname: "h", jumpGroupId: 1 });
            assert.strictEqual(rdp.failures, undefined);
            assert.strictEqual(rdp.inputs!.secureAppType, undefined, "PRA-only fields get no default on RS");
            assert.strictEqual(rdp.inputs!.quality, "best_performance");
        });

        it("check sees stack config beyondtrust:product (delivered by configure before any check)", async () => {
            setStackConfig({ get: (key) => (key === "beyondtrust:product" ? "rs" : undefined) });
            try {
                const r = await handler("pra:WebJump").check({}, web);
                assert.match(r.failures![0].reason, /"rs" \(from stack config beyondtrust:product\): Web Jump does not exist on RS/);
                // create keeps its own guard for inputs that never went through check.
                const inputs = { ...web, connection: { host: "https://127.0.0.1:9", clientId: "id", clientSecret: "unit-test-secret" } };
                await assert.rejects(handler("pra:WebJump").create(inputs), /Web Jump does not exist on RS; .*beyondtrust:product or BT_PRODUCT says "rs"/);
            } finally {
                setStackConfig({ get: () => undefined });
            }
        });
    });

    it("remote RDP: SecureApp fields only with the secureAppType the spec names", async () => {
        const base = { name: "r", jumpointId: 1, hostname: "h", jumpGroupId: 1 };
        const bad = await handler("pra:RemoteRdp").check({}, { ...base, remoteAppName: "notepad" });
        assert.deepStrictEqual(
            bad.failures?.map((f) => f.property),
            ["remoteAppName"],
        );
        assert.match(bad.failures![0].reason, /only valid when secureAppType is "remote_app" \(it is "none"\)/);
        const ok = await handler("pra:RemoteRdp").check({}, { ...base, secureAppType: "remote_app", remoteAppName: "notepad", remoteExePath: "" });
        assert.strictEqual(ok.failures, undefined);
    });

    it("accepts a valid input for every kind", async () => {
        const valid: Record<string, Record<string, unknown>> = {
            "pra:Jumpoint": { name: "j", platform: "windows-x86", codeName: "j_1" },
            "pra:JumpGroup": { name: "g", codeName: "g-1" },
            "pra:JumpPolicy": {
                displayName: "p",
                codeName: "p_1",
                scheduleEnabled: false,
                approvalRequired: true,
                approvalTeamIds: ["3"],
                sessionEndNotification: true,
                notificationEmailAddresses: ["a@b.c"],
            },
            "pra:ShellJump": { name: "s", jumpointId: 1, hostname: "h", jumpGroupId: 1, sessionPolicyId: 2 },
            "pra:RemoteRdp": {
                name: "r",
                jumpointId: 1,
                hostname: "h",
                jumpGroupId: "1",
                secureAppType: "remote_desktop_agent",
                remoteExePath: "C:\\tools\\a.exe",
            },
            "pra:RemoteVnc": { name: "v", jumpointId: 1, hostname: "h", jumpGroupId: 1, port: 5901 },
            "pra:ProtocolTunnelJump": {
                name: "k",
                jumpointId: 1,
                hostname: "h",
                jumpGroupId: 1,
                tunnelType: "k8s",
                url: "https://k8s:6443",
                caCertificates: "pem",
            },
            "pra:PostgresqlTunnelJump": { name: "p", jumpointId: 1, hostname: "h", jumpGroupId: 1, tunnelListenAddress: "127.0.0.9" },
            "pra:MysqlTunnelJump": { name: "m", jumpointId: 1, hostname: "h", jumpGroupId: 1, username: "u", database: "d" },
            "pra:NetworkTunnelJump": {
                name: "n",
                jumpointId: 1,
                jumpGroupId: 1,
                filterRules: [{ ipAddresses: { range: { start: "10.0.0.1", end: "10.0.0.9" } }, protocol: "UDP", ports: { list: [53] } }],
            },
            "pra:WebJump": { name: "w", jumpointId: 1, url: "https://h/", jumpGroupId: 1, usernameField: null, authenticationTimeout: 30 },
            "pra:VaultUsernamePasswordAccount": { name: "a", username: "u", password: "p" },
            "pra:VaultSshAccount": { name: "k", username: "u", privateKey: SSH_KEY, type: "ssh_ca" },
            "pra:VaultTokenAccount": { name: "t", token: "tok" },
            "pra:VaultAccountPolicy": { name: "p", codeName: "p", scheduledPasswordRotation: true, maximumPasswordAge: 90 },
            "pra:VaultAccountGroup": { name: "vg" },
            "pra:GroupPolicy": { name: "gp", permShellJump: true },
            "pra:GroupPolicyJumpoint": { groupPolicyId: "1", jumpointId: "2" },
            "pra:GroupPolicyJumpGroup": { groupPolicyId: 1, jumpGroupId: 2, jumpItemRoleId: 3 },
            "pra:GroupPolicyVaultAccount": { groupPolicyId: 1, accountId: 2, role: "inject_and_checkout" },
            "pra:GroupPolicyVaultAccountGroup": { groupPolicyId: 1, accountGroupId: 2 },
        };
        for (const [kind, inputs] of Object.entries(valid)) {
            const r = await handler(kind).check({}, inputs);
            assert.strictEqual(r.failures, undefined, `${kind}: ${JSON.stringify(r.failures)}`);
        }
    });
});
