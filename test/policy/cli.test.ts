// End to end through a real Pulumi CLI: `preview --policy-pack ./policy` of inline programs (local
// backend, no appliance needed: preview only runs the provider's check). A violating program is
// blocked by the mandatory rules, a clean one passes, and a --policy-pack-config file changes levels
// and allow-lists.
//
// The CLI starts a Node policy pack through the Node language plugin (pulumi-language-nodejs) when
// it has one, and otherwise through an analyzer plugin named pulumi-analyzer-policy-nodejs on PATH;
// this machine has no language plugin, so the test puts the pack's own launcher (policy/bin) on PATH.
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { createInlineStack, ENSURE_SCRIPT, findPulumiCli, makeWorkDir, pulumiCliVersion, pulumiEnv, removeWorkDir } from "../support/pulumi-cli";

const PACK_DIR = path.resolve(__dirname, "..", "..", "policy");
const LAUNCHER_DIR = path.join(PACK_DIR, "bin");

function skipReason(): string | undefined {
    if (!findPulumiCli()) return `no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`;
    try {
        require.resolve("pulumi-beyondtrust");
        require.resolve("pulumi-beyondtrust/provider");
    } catch {
        return "pulumi-beyondtrust does not resolve to a build (run npm run build, and npm install for the self link)";
    }
    return undefined;
}

/** A program that breaks the mandatory rules: Telnet, a grant of an unmanaged Jump Group, checkout. */
function violating() {
    const { pra } = require("pulumi-beyondtrust");
    const jumpoint = new pra.Jumpoint("jp", { name: "vpc-a", platform: "linux-x86", shellJumpEnabled: true });
    const group = new pra.JumpGroup("servers", { name: "vpc-a servers" });
    new pra.ShellJump("switch", {
        name: "legacy switch",
        hostname: "sw-1",
        jumpointId: jumpoint.id,
        jumpGroupId: group.id,
        protocol: "telnet",
        tag: "network",
    });
    const admins = new pra.GroupPolicy("admins", { name: "vpc-a admins", permShellJump: true });
    new pra.GroupPolicyJumpGroup("foreign-grant", { groupPolicyId: admins.id, jumpGroupId: 42 });
    const key = new pra.VaultUsernamePasswordAccount("svc", { name: "vpc-a svc", username: "svc", password: "Xq7#vL9!pT2@wR4m" });
    new pra.GroupPolicyVaultAccount("svc-grant", { groupPolicyId: admins.id, accountId: key.id, role: "inject_and_checkout" });
}

/** The same estate done right: SSH, tags, grants of managed objects, inject only. */
function clean() {
    const { pra } = require("pulumi-beyondtrust");
    const jumpoint = new pra.Jumpoint("jp", { name: "vpc-a", platform: "linux-x86", shellJumpEnabled: true });
    const group = new pra.JumpGroup("servers", { name: "vpc-a servers" });
    new pra.ShellJump("bastion", { name: "vpc-a bastion", hostname: "10.0.0.5", jumpointId: jumpoint.id, jumpGroupId: group.id, tag: "vpc-a" });
    const admins = new pra.GroupPolicy("admins", { name: "vpc-a admins", permShellJump: true });
    new pra.GroupPolicyJumpGroup("grant", { groupPolicyId: admins.id, jumpGroupId: group.id });
    const key = new pra.VaultUsernamePasswordAccount("svc", { name: "vpc-a svc", username: "svc", password: "Xq7#vL9!pT2@wR4m" });
    new pra.GroupPolicyVaultAccount("svc-grant", { groupPolicyId: admins.id, accountId: key.id });
}

describe("policy: preview --policy-pack through the Pulumi CLI", function () {
    this.timeout(180_000);
    let workDir: string;
    let env: Record<string, string>;
    let cli: string;

    before(function () {
        const reason = skipReason();
        if (reason) {
            console.log(`    skipping policy pack end-to-end: ${reason}`);
            this.skip();
        }
        cli = findPulumiCli()!;
        console.log(`    using ${pulumiCliVersion(cli)} at ${cli}; pack started by ${path.join(LAUNCHER_DIR, "pulumi-analyzer-policy-nodejs")}`);
        workDir = makeWorkDir("pulumi-bt-policy-");
        env = pulumiEnv(workDir, cli);
        env.PATH = [LAUNCHER_DIR, env.PATH].join(path.delimiter);
    });
    after(() => workDir && removeWorkDir(workDir));

    async function stackFor(name: string, program: () => void): Promise<Stack> {
        const stack = await createInlineStack(
            "bt-policy",
            name,
            async () => program(),
            path.join(workDir, name),
            { ...env, ...pulumiEnv(path.join(workDir, name), cli), PATH: env.PATH },
            cli,
        );
        await stack.setAllConfig({
            "beyondtrust:host": { value: "127.0.0.1:9" },
            "beyondtrust:clientId": { value: "policy-e2e" },
            "beyondtrust:clientSecret": { value: crypto.randomBytes(12).toString("hex"), secret: true },
        });
        return stack;
    }

    async function preview(stack: Stack, configFile?: string): Promise<{ ok: boolean; output: string }> {
        let output = "";
        try {
            await stack.preview({ policyPacks: [PACK_DIR], policyPackConfigs: configFile ? [configFile] : undefined, onOutput: (s) => (output += s) });
            return { ok: true, output };
        } catch (e: any) {
            return { ok: false, output: output + String(e?.message ?? e) };
        }
    }

    it("blocks the violating program with the mandatory rules (resource and stack policies)", async () => {
        const { ok, output } = await preview(await stackFor("violating", violating));
        assert.ok(!ok, "preview must fail");
        assert.match(output, /❌ beyondtrust-guardrails@v0\.1\.0/);
        assert.match(output, /\[mandatory\].*beyondtrust-shell-jump-ssh-only/);
        assert.match(output, /Shell Jump "legacy switch" uses Telnet to host "sw-1"/);
        assert.match(output, /\[mandatory\].*beyondtrust-jump-group-grant-allowlist/);
        assert.match(output, /Jump Group id 42, which this stack does not manage/);
        assert.match(output, /\[mandatory\].*beyondtrust-vault-checkout-allowlist/);
        assert.match(output, /group policy "vpc-a admins" inject_and_checkout/);
        assert.ok(!/Xq7#vL9!pT2@wR4m/.test(output), "no credential in the output");
    });

    it("names that collide ignoring case are blocked by the stack policy (issue 11, item 9)", async () => {
        const { ok, output } = await preview(
            await stackFor("collide", () => {
                const { pra } = require("pulumi-beyondtrust");
                new pra.JumpGroup("servers", { name: "vpc-a servers" });
                new pra.JumpGroup("servers-again", { name: "VPC-A servers" });
            }),
        );
        assert.ok(!ok, "preview must fail");
        assert.match(output, /\[mandatory\].*beyondtrust-unique-names/);
        assert.match(output, /Jump Group "servers-again" has name "VPC-A servers", which collides with name "vpc-a servers" of Jump Group "servers"/);
    });

    it("a check failure never shows a secret's value through the engine (issue 11, item 8)", async () => {
        // The engine prints "property <p> value {<input>} has a problem" for a top-level property, secret or not.
        const marker = "probe-Secret-Value-5";
        const pw = await preview(
            await stackFor("secret-failure", () => {
                const { pra } = require("pulumi-beyondtrust");
                new pra.VaultUsernamePasswordAccount("pw", { name: "a", username: "u", password: "P".repeat(250) + marker });
            }),
        );
        assert.ok(!pw.ok, "preview must fail");
        assert.match(pw.output, /resource 'pw' has a problem: password: must be at most 255 characters/);
        const host = await preview(
            await stackFor("host-failure", () => {
                const { pra } = require("pulumi-beyondtrust");
                new pra.JumpGroup("g", { name: "g", connection: { host: `https://bob:${marker}@pra.example.com` } });
            }),
        );
        assert.ok(!host.ok, "preview must fail");
        assert.match(host.output, /connection\.host .*carries credentials \(user:password@\)/);
        assert.ok(!pw.output.includes(marker) && !host.output.includes(marker), "the secret is not in the engine's output");
    });

    it("a misspelled property given through the SDK fails preview by name (issue 11, item 9)", async () => {
        const { ok, output } = await preview(
            await stackFor("typo", () => {
                const { pra } = require("pulumi-beyondtrust");
                new pra.JumpGroup("servers", { name: "vpc-a servers", comment: "singular" });
            }),
        );
        assert.ok(!ok, "preview must fail");
        assert.match(output, /is not a property of Jump Group \(did you mean "comments"\?\)/);
    });

    it("passes the clean program with no violation", async () => {
        const { ok, output } = await preview(await stackFor("clean", clean));
        assert.ok(ok, output);
        assert.match(output, /✅ beyondtrust-guardrails@v0\.1\.0/);
        assert.ok(!/\[(mandatory|advisory)\]/.test(output), output);
    });

    it("the README's command: the quickstart passes examples/quickstart/guardrails.json; an untagged item is blocked by it", async () => {
        const { quickstart } = require("../../examples/quickstart/program");
        const guardrails = path.resolve(__dirname, "..", "..", "examples", "quickstart", "guardrails.json");
        const passed = await preview(await stackFor("quickstart", () => quickstart({ prefix: "quickstart", hostname: "10.0.0.5" })), guardrails);
        assert.ok(passed.ok, passed.output);
        assert.match(passed.output, /✅ beyondtrust-guardrails@v0\.1\.0/);
        const untagged = () => {
            const { pra } = require("pulumi-beyondtrust");
            quickstart({ prefix: "quickstart", hostname: "10.0.0.5" });
            new pra.ShellJump("untagged", { name: "quickstart db", hostname: "10.0.0.6", jumpointId: 1, jumpGroupId: 1 });
        };
        const blocked = await preview(await stackFor("quickstart-untagged", untagged), guardrails);
        assert.ok(!blocked.ok, "mandatory by guardrails.json (advisory by default)");
        assert.match(blocked.output, /\[mandatory\].*beyondtrust-jump-item-tag/);
    });

    it("a --policy-pack-config file turns the same violations into an allowed exception and an advisory", async () => {
        const configFile = path.join(workDir, "policy-config.json");
        fs.writeFileSync(
            configFile,
            JSON.stringify({
                "beyondtrust-shell-jump-ssh-only": { enforcementLevel: "mandatory", telnetAllowedHosts: ["sw-*"] },
                "beyondtrust-jump-group-grant-allowlist": { allowedJumpGroupIds: [42] },
                "beyondtrust-vault-checkout-allowlist": "advisory",
            }),
        );
        const { ok, output } = await preview(await stackFor("configured", violating), configFile);
        assert.ok(ok, output);
        assert.match(output, /\[advisory\].*beyondtrust-vault-checkout-allowlist/);
        assert.ok(!/beyondtrust-shell-jump-ssh-only|beyondtrust-jump-group-grant-allowlist/.test(output.split("Policies:")[1] ?? ""), output);
    });
});
