import * as assert from "assert";
import { handler } from "../../provider";
import { setStackConfig } from "../../provider/core/connection";
import { UNKNOWN } from "../../provider/engine/fields";
import { BAD_INPUTS, SSH_KEY } from "../support/bad-inputs";

describe("unit: check", () => {
    describe("bad-input catalogue", () => {
        for (const bad of BAD_INPUTS) {
            it(`${bad.kind}: ${bad.title} fails on ${bad.property}`, async () => {
                const result = await handler(bad.kind).check({}, { ...bad.inputs });
                assert.ok(result.failures && result.failures.length > 0, "expected a check failure");
                const props = result.failures!.map((f) => f.property);
                assert.ok(props.includes(bad.property), `failures named ${props.join(", ")}, not ${bad.property}`);
                for (const f of result.failures!) assert.ok(f.reason.length > 5, `reason too thin: ${f.reason}`);
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
            assert.deepStrictEqual(r.failures?.map((f) => f.property), ["connection.product"]);
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
        assert.deepStrictEqual(bad.failures?.map((f) => f.property), ["remoteAppName"]);
        assert.match(bad.failures![0].reason, /only valid when secureAppType is "remote_app" \(it is "none"\)/);
        const ok = await handler("pra:RemoteRdp").check({}, { ...base, secureAppType: "remote_app", remoteAppName: "notepad", remoteExePath: "" });
        assert.strictEqual(ok.failures, undefined);
    });

    it("accepts a valid input for every kind", async () => {
        const valid: Record<string, Record<string, unknown>> = {
            "pra:Jumpoint": { name: "j", platform: "windows-x86", codeName: "j_1" },
            "pra:JumpGroup": { name: "g", codeName: "g-1" },
            "pra:JumpPolicy": { displayName: "p", codeName: "p_1", scheduleEnabled: false, approvalRequired: true, approvalTeamIds: ["3"], sessionEndNotification: true, notificationEmailAddresses: ["a@b.c"] },
            "pra:ShellJump": { name: "s", jumpointId: 1, hostname: "h", jumpGroupId: 1, sessionPolicyId: 2 },
            "pra:RemoteRdp": { name: "r", jumpointId: 1, hostname: "h", jumpGroupId: "1", secureAppType: "remote_desktop_agent", remoteExePath: "C:\\tools\\a.exe" },
            "pra:RemoteVnc": { name: "v", jumpointId: 1, hostname: "h", jumpGroupId: 1, port: 5901 },
            "pra:ProtocolTunnelJump": { name: "k", jumpointId: 1, hostname: "h", jumpGroupId: 1, tunnelType: "k8s", url: "https://k8s:6443", caCertificates: "pem" },
            "pra:PostgresqlTunnelJump": { name: "p", jumpointId: 1, hostname: "h", jumpGroupId: 1, tunnelListenAddress: "127.0.0.9" },
            "pra:MysqlTunnelJump": { name: "m", jumpointId: 1, hostname: "h", jumpGroupId: 1, username: "u", database: "d" },
            "pra:NetworkTunnelJump": { name: "n", jumpointId: 1, jumpGroupId: 1, filterRules: [{ ipAddresses: { range: { start: "10.0.0.1", end: "10.0.0.9" } }, protocol: "UDP", ports: { list: [53] } }] },
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
