// The real @pulumi/pulumi dynamic-provider plugin, driven over gRPC like the engine drives it, for
// the resources of the VPC Jumpoint example. Credentials arrive as stack config through Configure
// (the client secret wrapped as a Pulumi secret), never through the serialized provider.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SSH_KEY } from "../support/bad-inputs";
import { linkedProject } from "../support/linked-project";
import { DIFF_NONE, DIFF_SOME, Plugin, Props, providerText, secret, startPlugin } from "../support/plugin";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

describe("plugin: the real dynamic-provider process over gRPC", function () {
    this.timeout(120_000); // spawns the plugin (and a simulator) in before(): seconds each on a loaded machine
    let sim: SimulatorProcess;
    let plugin: Plugin;

    before(async () => {
        sim = await startSimulatorProcess();
        // No BT_* variables: the plugin must get its connection from Configure.
        plugin = await startPlugin(linkedProject(), { BT_API_HOST: "", BT_CLIENT_ID: "", BT_CLIENT_SECRET: "" });
        await plugin.configure({
            "beyondtrust:host": sim.apiHost,
            "beyondtrust:clientId": sim.clientId,
            "beyondtrust:clientSecret": secret(sim.clientSecret),
        });
    });
    after(async () => {
        await plugin?.stop();
        await sim?.stop();
    });

    async function createChecked(kind: string, inputs: Props): Promise<{ id: string; props: Props; inputs: Props }> {
        const checked = await plugin.check(kind, {}, inputs);
        assert.deepStrictEqual(checked.failures, []);
        const created = await plugin.create(kind, checked.inputs);
        assert.ok(created.id, `${kind} got an id`);
        return { ...created, inputs: checked.inputs };
    }

    it("runs the VPC Jumpoint setup: create, no-op diff, drift, update, replace, delete", async () => {
        const jp = await createChecked("pra:Jumpoint", { name: "vpc-0a1b", platform: "linux-x86", shellJumpEnabled: true, codeName: "vpc_0a1b" });
        const jg = await createChecked("pra:JumpGroup", { name: "vpc-0a1b", codeName: "vpc_0a1b" });
        const key = await createChecked("pra:VaultSshAccount", { name: "vpc-0a1b ec2-user", username: "ec2-user", privateKey: SSH_KEY });
        const sj = await createChecked("pra:ShellJump", { name: "jumpoint host", hostname: "10.0.1.10", jumpointId: jp.id, jumpGroupId: jg.id });
        const gp = await createChecked("pra:GroupPolicy", { name: "vpc-0a1b admins", permShellJump: true });
        await createChecked("pra:GroupPolicyJumpoint", { groupPolicyId: gp.id, jumpointId: jp.id });
        await createChecked("pra:GroupPolicyJumpGroup", { groupPolicyId: gp.id, jumpGroupId: jg.id });
        const grant = await createChecked("pra:GroupPolicyVaultAccount", { groupPolicyId: gp.id, accountId: key.id });

        assert.strictEqual(sj.props.port, 22);
        assert.strictEqual(sj.props.jumpointId, Number(jp.id));
        assert.ok(String(key.props.publicKey ?? "").length > 0, "the appliance's public key is an output");
        assert.strictEqual(grant.id, `${gp.id}/${key.id}`);
        assert.strictEqual(sj.props.__provider, await providerText("pra:ShellJump"), "__provider is kept in outputs");
        assert.ok(String(sj.props.__provider).length < 100, "the stored text is the small constant");

        const state = await sim.control("GET", "/state");
        assert.strictEqual(state.collections.jumpoint.length, 1);
        assert.strictEqual(state.grants["vault-account"].length, 1);

        await sim.control("POST", "/counters/reset");
        const same = await plugin.diff("pra:ShellJump", sj.id, sj.props, sj.inputs);
        assert.strictEqual(same.changes, DIFF_NONE);
        assert.strictEqual((await sim.counters()).requests.total, 0, "diff makes no API call");

        await sim.control("PATCH", `/api/jump-item/shell-jump/${sj.id}`, { hostname: "10.0.1.99" });
        const read = await plugin.read("pra:ShellJump", sj.id, sj.props);
        assert.strictEqual(read.props.hostname, "10.0.1.99");
        assert.strictEqual(read.inputs.hostname, "10.0.1.99", "read returns live inputs");
        const drift = await plugin.diff("pra:ShellJump", sj.id, read.props, sj.inputs);
        assert.strictEqual(drift.changes, DIFF_SOME);
        const converged = await plugin.update("pra:ShellJump", sj.id, read.props, sj.inputs);
        assert.strictEqual(converged.hostname, "10.0.1.10");
        assert.ok(converged.__provider, "update keeps __provider in outputs");

        const replaced = (await plugin.check("pra:Jumpoint", jp.inputs, { ...jp.inputs, platform: "windows-x86" })).inputs;
        const d = await plugin.diff("pra:Jumpoint", jp.id, jp.props, replaced);
        assert.deepStrictEqual([d.changes, d.replaces, d.deleteBeforeReplace], [DIFF_SOME, ["platform"], true]);

        await sim.control("DELETE", `/api/vault/account/${key.id}`);
        const gone = await plugin.read("pra:VaultSshAccount", key.id, key.props);
        assert.strictEqual(gone.id, "", "an object deleted out of band reads as an empty id");

        for (const [kind, r] of [
            ["pra:ShellJump", sj],
            ["pra:JumpGroup", jg],
            ["pra:Jumpoint", jp],
            ["pra:GroupPolicy", gp],
        ] as const) {
            await plugin.delete(kind, r.id, r.props);
        }
        const after = await sim.control("GET", "/state");
        assert.strictEqual(after.collections.jumpoint.length, 0);
        assert.strictEqual(after.collections["group-policy"].length, 0);
        assert.ok(!plugin.logs().includes(sim.clientSecret), "the plugin never printed the client secret");
    });

    it("takes over a resource stored by 0.1.0 (the serializer's 2.3 KB text): read, delete and one update with no API call", async () => {
        // Stacks created before the constant shim hold Pulumi's closure serialization in __provider;
        // the plugin evaluates whatever text is stored, so that text must keep working.
        const legacy = fs.readFileSync(path.join(__dirname, "fixtures", "shim-0.1.0-ShellJump.js.txt"), "utf8");
        assert.ok(legacy.length > 2000 && legacy.includes(".handler(kind).create(inputs)"), "the fixture is the old serialized object");
        const jp = await createChecked("pra:Jumpoint", { name: "legacy", platform: "linux-x86", shellJumpEnabled: true });
        const jg = await createChecked("pra:JumpGroup", { name: "legacy" });
        const checked = await plugin.check(
            "pra:ShellJump",
            {},
            { __provider: legacy, name: "legacy", hostname: "10.0.0.7", jumpointId: jp.id, jumpGroupId: jg.id },
        );
        const created = await plugin.create("pra:ShellJump", checked.inputs);
        assert.strictEqual(created.props.__provider, legacy, "created through the old text");
        const read = await plugin.read("pra:ShellJump", created.id, created.props);
        assert.strictEqual(read.props.hostname, "10.0.0.7");
        // The program now stores the new text: diff reports it, the update makes no API call.
        const news = (await plugin.check("pra:ShellJump", checked.inputs, { name: "legacy", hostname: "10.0.0.7", jumpointId: jp.id, jumpGroupId: jg.id }))
            .inputs;
        assert.strictEqual(news.__provider, await providerText("pra:ShellJump"));
        await sim.control("POST", "/counters/reset");
        const d = await plugin.diff("pra:ShellJump", created.id, read.props, news);
        assert.deepStrictEqual([d.changes, d.replaces], [DIFF_SOME, []], "an update in place, not a replacement");
        const outs = await plugin.update("pra:ShellJump", created.id, read.props, news);
        assert.strictEqual(outs.__provider, news.__provider, "state now holds the small text");
        assert.strictEqual(outs.hostname, "10.0.0.7");
        assert.strictEqual((await sim.counters()).requests.total, 0, "rewriting the shim costs no API call");
        await plugin.delete("pra:ShellJump", created.id, { ...created.props, __provider: legacy });
        assert.strictEqual((await sim.control("GET", "/state")).collections["jump-item/shell-jump"].length, 0, "deleted through the old text");
        await plugin.delete("pra:JumpGroup", jg.id, jg.props);
        await plugin.delete("pra:Jumpoint", jp.id, jp.props);
    });

    it("returns check failures with property names and makes no API call for bad input", async () => {
        await sim.control("POST", "/counters/reset");
        const r = await plugin.check("pra:ShellJump", {}, { name: "x", hostname: "h", jumpointId: 1, jumpGroupId: 1, port: 65536, protocol: "rdp" });
        assert.deepStrictEqual(r.failures.map((f) => f.property).sort(), ["port", "protocol"]);
        assert.strictEqual((await sim.counters()).requests.total, 0);
    });

    it("reports a grant whose provision failed as created-but-unhealthy, keeping its id", async () => {
        const gp = await createChecked("pra:GroupPolicy", { name: "provision fails" });
        const jg = await createChecked("pra:JumpGroup", { name: "provision fails" });
        await sim.control("POST", "/faults", {
            rules: [{ kind: "status", status: 500, match: { method: "POST", path: `/group-policy/${gp.id}/provision` }, count: 50 }],
        });
        try {
            const checked = await plugin.check("pra:GroupPolicyJumpGroup", {}, { groupPolicyId: gp.id, jumpGroupId: jg.id });
            const err = await plugin.create("pra:GroupPolicyJumpGroup", checked.inputs).then(
                () => undefined,
                (e) => e,
            );
            assert.ok(err, "create failed");
            assert.ok(err.details, `the error carries ErrorResourceInitFailed details: ${err.message}`);
            assert.match(err.message, /provision|HTTP 500/);
        } finally {
            await sim.control("DELETE", "/faults");
        }
    });
});
