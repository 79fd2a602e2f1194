// Every rule of the BeyondTrust guardrails pack, called directly with the provider's checked inputs:
// at least one passing and one failing case each, plus the configuration knobs.
import * as assert from "assert";
import { generateKeyPairSync } from "crypto";
import { pra } from "../../sdk";
import { DEFAULT_NAME_PATTERN, inspectPrivateKey, policies, rules, TYPES } from "../../policy/rules";
import { handler } from "../../provider";
import { checked, runResource, runStack, stackResource } from "./harness";

const R = {
    ssh: "beyondtrust-shell-jump-ssh-only",
    port: "beyondtrust-shell-jump-port",
    tag: "beyondtrust-jump-item-tag",
    groupName: "beyondtrust-jump-group-naming",
    jumpointName: "beyondtrust-jumpoint-naming",
    vault: "beyondtrust-vault-credential-quality",
    checkout: "beyondtrust-vault-checkout-allowlist",
    grant: "beyondtrust-jump-group-grant-allowlist",
    perms: "beyondtrust-group-policy-permissions",
    unique: "beyondtrust-unique-names",
};

const shellJump = (extra: Record<string, unknown> = {}) =>
    checked("ShellJump", { name: "vpc-a bastion", hostname: "10.0.0.5", jumpointId: 3, jumpGroupId: "7", tag: "vpc-a", ...extra });

function ed25519Pem(passphrase?: string): string {
    const { privateKey } = generateKeyPairSync("ed25519");
    return privateKey.export(passphrase ? { type: "pkcs8", format: "pem", cipher: "aes-256-cbc", passphrase } : { type: "pkcs8", format: "pem" }) as string;
}

/** An openssh-key-v1 file's header part (the part a policy can read): cipher and key algorithm. */
function opensshPem(cipher: string, algorithm: string): string {
    const str = (s: string | Buffer) => {
        const b = Buffer.isBuffer(s) ? s : Buffer.from(s, "latin1");
        const len = Buffer.alloc(4);
        len.writeUInt32BE(b.length);
        return Buffer.concat([len, b]);
    };
    const one = Buffer.alloc(4);
    one.writeUInt32BE(1);
    const pub = Buffer.concat([str(algorithm), str(Buffer.alloc(32, 1))]);
    const blob = Buffer.concat([
        Buffer.from("openssh-key-v1\0", "latin1"),
        str(cipher),
        str(cipher === "none" ? "none" : "bcrypt"),
        str(""),
        one,
        str(pub),
        str(Buffer.alloc(64, 2)),
    ]);
    const lines = blob
        .toString("base64")
        .match(/.{1,70}/g)!
        .join("\n");
    return `-----BEGIN OPENSSH PRIVATE KEY-----\n${lines}\n-----END OPENSSH PRIVATE KEY-----\n`;
}

describe("policy: rule catalogue", () => {
    it("type tokens match the SDK classes' __pulumiType", () => {
        assert.strictEqual(TYPES.shellJump, pra.ShellJump.__pulumiType);
        assert.strictEqual(TYPES.remoteRdp, pra.RemoteRdp.__pulumiType);
        assert.strictEqual(TYPES.webJump, pra.WebJump.__pulumiType);
        assert.strictEqual(TYPES.remoteVnc, pra.RemoteVnc.__pulumiType);
        assert.strictEqual(TYPES.protocolTunnelJump, pra.ProtocolTunnelJump.__pulumiType);
        assert.strictEqual(TYPES.postgresqlTunnelJump, pra.PostgresqlTunnelJump.__pulumiType);
        assert.strictEqual(TYPES.mysqlTunnelJump, pra.MysqlTunnelJump.__pulumiType);
        assert.strictEqual(TYPES.networkTunnelJump, pra.NetworkTunnelJump.__pulumiType);
        assert.strictEqual(TYPES.jumpGroup, pra.JumpGroup.__pulumiType);
        assert.strictEqual(TYPES.jumpoint, pra.Jumpoint.__pulumiType);
        assert.strictEqual(TYPES.vaultUsernamePasswordAccount, pra.VaultUsernamePasswordAccount.__pulumiType);
        assert.strictEqual(TYPES.vaultSshAccount, pra.VaultSshAccount.__pulumiType);
        assert.strictEqual(TYPES.vaultTokenAccount, pra.VaultTokenAccount.__pulumiType);
        assert.strictEqual(TYPES.groupPolicy, pra.GroupPolicy.__pulumiType);
        assert.strictEqual(TYPES.groupPolicyJumpGroup, pra.GroupPolicyJumpGroup.__pulumiType);
        assert.strictEqual(TYPES.groupPolicyVaultAccount, pra.GroupPolicyVaultAccount.__pulumiType);
        assert.strictEqual(TYPES.groupPolicyVaultAccountGroup, pra.GroupPolicyVaultAccountGroup.__pulumiType);
    });

    it("every rule has a unique name, a level, remediation steps and a config schema with defaults", () => {
        assert.strictEqual(new Set(rules.map((r) => r.name)).size, rules.length);
        assert.strictEqual(policies.length, rules.length);
        for (const r of rules) {
            assert.ok(["advisory", "mandatory"].includes(r.enforcementLevel), r.name);
            assert.ok(r.remediationSteps.length > 20, r.name);
            for (const [k, schema] of Object.entries(r.configSchema)) {
                assert.ok("default" in schema, `${r.name}.${k} has a default`);
                assert.deepStrictEqual(schema.default, (r.defaults as any)[k], `${r.name}.${k} schema default matches`);
            }
            assert.ok(!("enforcementLevel" in r.configSchema), "enforcementLevel is reserved");
        }
    });

    it("default levels: mandatory for security, advisory for hygiene", () => {
        const level = Object.fromEntries(rules.map((r) => [r.name, r.enforcementLevel]));
        assert.deepStrictEqual(level, {
            [R.ssh]: "mandatory",
            [R.port]: "advisory",
            [R.tag]: "advisory",
            [R.groupName]: "advisory",
            [R.jumpointName]: "advisory",
            [R.vault]: "mandatory",
            [R.checkout]: "mandatory",
            [R.grant]: "mandatory",
            [R.perms]: "advisory",
            [R.unique]: "mandatory",
            "beyondtrust-ps-secret-folders": "mandatory",
            "beyondtrust-ps-secret-owners": "advisory",
            "beyondtrust-ps-file-content-not-inline": "mandatory",
            "beyondtrust-epm-production-pinned": "mandatory",
            "beyondtrust-epm-policy-change-described": "mandatory",
        });
    });

    it("resource rules ignore other resource types", async () => {
        const group = await checked("JumpGroup", { name: "Bad Name" });
        assert.deepStrictEqual(await runResource(R.ssh, "JumpGroup", group), []);
        assert.deepStrictEqual(await runResource(R.vault, "JumpGroup", group), []);
    });
});

describe(`policy: ${R.ssh}`, () => {
    it("passes an SSH Shell Jump (the default protocol)", async () => {
        const props = await checked("ShellJump", { name: "a", hostname: "h", jumpointId: 1, jumpGroupId: 1 });
        assert.strictEqual(props.protocol, "ssh");
        assert.deepStrictEqual(await runResource(R.ssh, "ShellJump", props), []);
    });
    it("fails a Telnet Shell Jump, naming item and host, with a fix", async () => {
        const out = await runResource(R.ssh, "ShellJump", await shellJump({ protocol: "telnet", hostname: "sw-core-1" }));
        assert.strictEqual(out.length, 1);
        assert.match(out[0].message, /"vpc-a bastion" uses Telnet to host "sw-core-1"/);
        assert.match(out[0].message, /Fix: set protocol: "ssh"/);
    });
    it("telnetAllowedHosts lets a listed legacy device through, and only it", async () => {
        const config = { telnetAllowedHosts: ["sw-*.legacy.example.com"] };
        assert.deepStrictEqual(
            await runResource(R.ssh, "ShellJump", await shellJump({ protocol: "telnet", hostname: "SW-12.legacy.example.com" }), config),
            [],
        );
        assert.strictEqual((await runResource(R.ssh, "ShellJump", await shellJump({ protocol: "telnet", hostname: "db-1.example.com" }), config)).length, 1);
    });
});

describe(`policy: ${R.port}`, () => {
    it("passes the default port", async () => {
        assert.deepStrictEqual(await runResource(R.port, "ShellJump", await shellJump()), []);
        assert.deepStrictEqual(await runResource(R.port, "ShellJump", await shellJump({ port: 22 })), []);
    });
    it("fails a non-standard port", async () => {
        const out = await runResource(R.port, "ShellJump", await shellJump({ port: 2222 }));
        assert.strictEqual(out.length, 1);
        assert.match(out[0].message, /port 2222, not the standard 22/);
        assert.match(out[0].message, /allowedPorts/);
    });
    it("allowedPorts sanctions a port", async () => {
        assert.deepStrictEqual(await runResource(R.port, "ShellJump", await shellJump({ port: 2222 }), { allowedPorts: [2222] }), []);
    });
    it("Telnet's standard port is 23 (the protocol itself is the other rule's business)", async () => {
        assert.deepStrictEqual(await runResource(R.port, "ShellJump", await shellJump({ protocol: "telnet" })), []);
        assert.strictEqual((await runResource(R.port, "ShellJump", await shellJump({ protocol: "telnet", port: 22 }))).length, 1);
    });
});

describe(`policy: ${R.tag}`, () => {
    it("passes a tagged Jump Item", async () => {
        assert.deepStrictEqual(await runResource(R.tag, "ShellJump", await shellJump({ tag: "prod-db" })), []);
    });
    it('fails an untagged one (the provider defaults tag to "")', async () => {
        const props = await checked("ShellJump", { name: "web-1", hostname: "h", jumpointId: 1, jumpGroupId: 1 });
        assert.strictEqual(props.tag, "");
        const out = await runResource(R.tag, "ShellJump", props);
        assert.strictEqual(out.length, 1);
        assert.match(out[0].message, /"web-1" has no tag/);
        assert.strictEqual((await runResource(R.tag, "ShellJump", await shellJump({ tag: "   " }))).length, 1, "blank counts as none");
    });
    it("covers every Jump Item kind: Remote RDP and Web Jump too", async () => {
        const rdp = await checked("RemoteRdp", { name: "dc-1", hostname: "10.0.0.10", jumpointId: 1, jumpGroupId: 1 });
        const web = await checked("WebJump", { name: "router ui", url: "https://10.0.0.1/", jumpointId: 1, jumpGroupId: 1 });
        assert.match((await runResource(R.tag, "RemoteRdp", rdp))[0].message, /"dc-1" has no tag/);
        assert.match((await runResource(R.tag, "WebJump", web))[0].message, /"router ui" has no tag/);
        assert.deepStrictEqual(await runResource(R.tag, "WebJump", { ...web, tag: "network" }), []);
        assert.deepStrictEqual(await runResource(R.ssh, "RemoteRdp", rdp), [], "shell-jump rules leave other kinds alone");
    });
    it("allowedTags restricts the values", async () => {
        const config = { allowedTags: ["prod-*", "staging"] };
        assert.deepStrictEqual(await runResource(R.tag, "ShellJump", await shellJump({ tag: "prod-db" }), config), []);
        const out = await runResource(R.tag, "ShellJump", await shellJump({ tag: "misc" }), config);
        assert.match(out[0].message, /tag "misc", which is not an allowed tag/);
        assert.match(out[0].message, /prod-\*, staging/);
    });
});

describe(`policy: ${R.groupName} and ${R.jumpointName}`, () => {
    it("default pattern", () => {
        const re = new RegExp(DEFAULT_NAME_PATTERN);
        for (const ok of ["vpc-a servers", "vpc-0abc Jump Group", "prod-db", "eu1"]) assert.ok(re.test(ok), ok);
        for (const bad of ["Servers", "vpc-a  servers", " vpc", "vpc_a", "vpc-a servers "]) assert.ok(!re.test(bad), bad);
    });
    it("passes conforming names", async () => {
        assert.deepStrictEqual(await runResource(R.groupName, "JumpGroup", await checked("JumpGroup", { name: "vpc-a servers" })), []);
        assert.deepStrictEqual(await runResource(R.jumpointName, "Jumpoint", await checked("Jumpoint", { name: "vpc-a", platform: "linux-x86" })), []);
    });
    it("fails names off the convention", async () => {
        const g = await runResource(R.groupName, "JumpGroup", await checked("JumpGroup", { name: "Linux Servers" }));
        assert.strictEqual(g.length, 1);
        assert.match(g[0].message, /Jump Group name "Linux Servers" does not match/);
        const j = await runResource(R.jumpointName, "Jumpoint", await checked("Jumpoint", { name: "JP_1", platform: "linux-x86" }));
        assert.match(j[0].message, /Jumpoint name "JP_1" does not match/);
    });
    it("namePattern and requireCodeName are configurable", async () => {
        const config = { namePattern: "^(prod|dev)-[a-z0-9-]+$", requireCodeName: true };
        const good = await checked("JumpGroup", { name: "prod-web", codeName: "prod_web" });
        assert.deepStrictEqual(await runResource(R.groupName, "JumpGroup", good, config), []);
        const out = await runResource(R.groupName, "JumpGroup", await checked("JumpGroup", { name: "vpc-a servers" }), config);
        assert.strictEqual(out.length, 2);
        assert.match(out[1].message, /has no codeName/);
    });
});

describe(`policy: ${R.vault}`, () => {
    const up = (password: string, username = "svc-backup") => checked("VaultUsernamePasswordAccount", { name: "vpc-a backup", username, password });
    it("passes a strong password, token and Ed25519 key", async () => {
        assert.deepStrictEqual(await runResource(R.vault, "VaultUsernamePasswordAccount", await up("x7#Qv9!mLp2@Rt")), []);
        const token = await checked("VaultTokenAccount", { name: "api", token: "ghp_4f9a8c7e6d5b4a3f2e1d0c9b" });
        assert.deepStrictEqual(await runResource(R.vault, "VaultTokenAccount", token), []);
        const key = await checked("VaultSshAccount", { name: "vpc-a ssh", username: "ec2-user", privateKey: ed25519Pem() });
        assert.deepStrictEqual(await runResource(R.vault, "VaultSshAccount", key), []);
        const openssh = await checked("VaultSshAccount", { name: "k", username: "u", privateKey: opensshPem("none", "ssh-ed25519") });
        assert.deepStrictEqual(await runResource(R.vault, "VaultSshAccount", openssh), []);
    });
    it("fails placeholder, short, repeated and username-equal passwords", async () => {
        for (const pw of ["changeme", "P@ssw0rd", "aaaaaaaaaaaaaaaa", "Sh0rt!pw"]) {
            const out = await runResource(R.vault, "VaultUsernamePasswordAccount", await up(pw));
            assert.strictEqual(out.length, 1, pw);
            assert.match(
                out[0].message,
                /the password does not meet the credential rules \(at least 12 characters; not a placeholder or well-known value, not one repeated character, not the username\)/,
            );
            assert.ok(!out[0].message.includes(pw), "the message never echoes the credential");
            assert.match(out[0].message, /Fix: take it from a secret/);
        }
        const same = await runResource(R.vault, "VaultUsernamePasswordAccount", await up("svc-backup-account", "svc-backup-account"));
        assert.strictEqual(same.length, 1);
    });
    it("never reveals a password by its relation to the username or name: every reason reads the same (issue 11, item 8)", async () => {
        // The username is in the preview's diff and in state in clear: "equals the username" would print the password.
        const account = (name: string, username: string, password: string) => checked("VaultUsernamePasswordAccount", { name, username, password });
        const messages = new Set<string>();
        for (const props of [
            await account("bob", "bob", "bob"),
            await account("svc-backup-account", "svc-backup-account", "SVC-BACKUP-ACCOUNT"),
            await account("svc-backup-account", "svc-backup-account", "changeme"),
            await account("svc-backup-account", "svc-backup-account", "Sh0rt!pw"),
        ]) {
            const out = await runResource(R.vault, "VaultUsernamePasswordAccount", props);
            assert.strictEqual(out.length, 1);
            assert.doesNotMatch(out[0].message, /equals|same as|matches/i);
            assert.ok(!out[0].message.toLowerCase().includes(String(props.username).toLowerCase()), "neither the username nor the name is printed");
            messages.add(out[0].message);
        }
        assert.strictEqual(messages.size, 1, "a username-equal password cannot be told from a short or placeholder one");
    });
    it("fails a placeholder or short token", async () => {
        const t = await runResource(R.vault, "VaultTokenAccount", await checked("VaultTokenAccount", { name: "api", token: "your-token-here" }));
        assert.match(
            t[0].message,
            /the token does not meet the credential rules \(at least 16 characters; not a placeholder or well-known value, not one repeated character\)/,
        );
        const s = await runResource(R.vault, "VaultTokenAccount", await checked("VaultTokenAccount", { name: "api", token: "abc123def" }));
        assert.strictEqual(s[0].message, t[0].message);
        assert.ok(!s[0].message.includes("9"), "the length is not given");
    });
    it("fails DSA keys, in PKCS#8 and OpenSSH format", async () => {
        const { privateKey } = generateKeyPairSync("dsa", { modulusLength: 1024, divisorLength: 160 });
        const pkcs8 = privateKey.export({ type: "pkcs8", format: "pem" }) as string;
        for (const pem of [pkcs8, opensshPem("none", "ssh-dss")]) {
            const out = await runResource(R.vault, "VaultSshAccount", await checked("VaultSshAccount", { name: "old", username: "u", privateKey: pem }));
            assert.strictEqual(out.length, 1);
            assert.match(out[0].message, /DSA key/);
        }
    });
    it("config: minPasswordLength, forbiddenValues, requireKeyPassphrase", async () => {
        assert.deepStrictEqual(await runResource(R.vault, "VaultUsernamePasswordAccount", await up("Sh0rt!pw"), { minPasswordLength: 8 }), []);
        const forbidden = await runResource(R.vault, "VaultUsernamePasswordAccount", await up("Acme-Winter-2024"), { forbiddenValues: ["acme-winter-2024"] });
        assert.match(forbidden[0].message, /placeholder or well-known/);
        const strict = { requireKeyPassphrase: true };
        const bare = await checked("VaultSshAccount", { name: "k", username: "u", privateKey: ed25519Pem() });
        assert.match((await runResource(R.vault, "VaultSshAccount", bare, strict))[0].message, /unencrypted private key without a passphrase/);
        const encrypted = await checked("VaultSshAccount", { name: "k", username: "u", privateKey: ed25519Pem("correct horse") });
        assert.deepStrictEqual(await runResource(R.vault, "VaultSshAccount", encrypted, strict), []);
        const openssh = await checked("VaultSshAccount", { name: "k", username: "u", privateKey: opensshPem("aes256-ctr", "ssh-ed25519") });
        assert.deepStrictEqual(await runResource(R.vault, "VaultSshAccount", openssh, strict), []);
        const withPassphrase = await checked("VaultSshAccount", { name: "k", username: "u", privateKey: ed25519Pem(), privateKeyPassphrase: "from-config" });
        assert.deepStrictEqual(await runResource(R.vault, "VaultSshAccount", withPassphrase, strict), []);
    });
    it("reads key facts without decrypting", () => {
        assert.deepStrictEqual(inspectPrivateKey(opensshPem("aes256-ctr", "ssh-rsa")), { algorithm: "ssh-rsa", encrypted: true });
        assert.deepStrictEqual(inspectPrivateKey(ed25519Pem("p")), { encrypted: true });
        assert.strictEqual(inspectPrivateKey(ed25519Pem()).algorithm, "ed25519");
    });
    it("a credential computed elsewhere (unknown during preview) is not reported", async () => {
        const { unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy");
        const props = unknownCheckingProxy({ name: "gen", username: "svc", password: unknownStringValue, accountGroupId: 1, description: "" });
        assert.deepStrictEqual(await runResource(R.vault, "VaultUsernamePasswordAccount", props), []);
    });
});

describe(`policy: ${R.checkout}`, () => {
    async function stack(role: string | undefined, policyName = "vpc-a admins") {
        const gp = stackResource("GroupPolicy", "admins", await checked("GroupPolicy", { name: policyName }));
        const account = stackResource("VaultSshAccount", "key", await checked("VaultSshAccount", { name: "k", username: "u", privateKey: ed25519Pem() }));
        const grant = stackResource(
            "GroupPolicyVaultAccount",
            "key-grant",
            await checked("GroupPolicyVaultAccount", { groupPolicyId: 5, accountId: 9, ...(role ? { role } : {}) }),
            { groupPolicyId: [gp], accountId: [account] },
        );
        return { resources: [gp, account, grant], grant };
    }
    it("passes inject grants (the default role)", async () => {
        const { resources, grant } = await stack(undefined);
        assert.strictEqual(grant.props.role, "inject");
        assert.deepStrictEqual(await runStack(R.checkout, resources), []);
    });
    it("fails inject_and_checkout for a group policy not on the allow-list, reporting the grant's URN", async () => {
        const { resources, grant } = await stack("inject_and_checkout");
        const out = await runStack(R.checkout, resources);
        assert.strictEqual(out.length, 1);
        assert.strictEqual(out[0].urn, grant.urn);
        assert.match(out[0].message, /gives group policy "vpc-a admins" inject_and_checkout/);
    });
    it("allowedGroupPolicies (by name) and allowedGroupPolicyIds (literal ids) allow checkout", async () => {
        const { resources } = await stack("inject_and_checkout", "Break-Glass Admins");
        assert.deepStrictEqual(await runStack(R.checkout, resources, { allowedGroupPolicies: ["break-glass*"] }), []);
        const literal = stackResource(
            "GroupPolicyVaultAccountGroup",
            "g",
            await checked("GroupPolicyVaultAccountGroup", { groupPolicyId: 12, accountGroupId: 3, role: "inject_and_checkout" }),
        );
        assert.deepStrictEqual(await runStack(R.checkout, [literal], { allowedGroupPolicyIds: [12] }), []);
        assert.match((await runStack(R.checkout, [literal], { allowedGroupPolicyIds: [13] }))[0].message, /group policy id 12/);
    });
});

describe(`policy: ${R.grant}`, () => {
    async function grantTo(group: ReturnType<typeof stackResource> | number) {
        const props = await checked("GroupPolicyJumpGroup", { groupPolicyId: 5, jumpGroupId: typeof group === "number" ? group : 7 });
        return stackResource("GroupPolicyJumpGroup", "grant", props, typeof group === "number" ? {} : { jumpGroupId: [group] });
    }
    it("passes a grant of a Jump Group managed in the stack (default config)", async () => {
        const group = stackResource("JumpGroup", "servers", await checked("JumpGroup", { name: "vpc-a servers" }));
        assert.deepStrictEqual(await runStack(R.grant, [group, await grantTo(group)]), []);
    });
    it("fails a grant of a Jump Group outside the stack by literal id", async () => {
        const grant = await grantTo(42);
        const out = await runStack(R.grant, [grant]);
        assert.strictEqual(out.length, 1);
        assert.strictEqual(out[0].urn, grant.urn);
        assert.match(out[0].message, /Jump Group id 42, which this stack does not manage/);
        assert.deepStrictEqual(await runStack(R.grant, [grant], { allowedJumpGroupIds: [42] }), []);
    });
    it("allowedJumpGroups narrows the stack's Jump Groups by name", async () => {
        const prod = stackResource("JumpGroup", "prod", await checked("JumpGroup", { name: "prod-db servers" }));
        const config = { allowedJumpGroups: ["dev-*", "staging-*"] };
        const out = await runStack(R.grant, [prod, await grantTo(prod)], config);
        assert.match(out[0].message, /Jump Group "prod-db servers", which is not in allowedJumpGroups/);
        const dev = stackResource("JumpGroup", "dev", await checked("JumpGroup", { name: "dev-web" }));
        assert.deepStrictEqual(await runStack(R.grant, [dev, await grantTo(dev)], config), []);
    });
    it("an id that is unknown and not from a Jump Group in the stack cannot be verified", async () => {
        const { unknownCheckingProxy, unknownNumberValue } = require("@pulumi/policy/proxy");
        const props = unknownCheckingProxy({ groupPolicyId: 5, jumpGroupId: unknownNumberValue, jumpItemRoleId: 0, jumpPolicyId: 0 });
        const out = await runStack(R.grant, [stackResource("GroupPolicyJumpGroup", "g", props)]);
        assert.match(out[0].message, /cannot be identified/);
    });
});

describe(`policy: ${R.perms}`, () => {
    it("passes a group policy with the forbidden permissions off (the default)", async () => {
        assert.deepStrictEqual(await runResource(R.perms, "GroupPolicy", await checked("GroupPolicy", { name: "vpc-a admins", permShellJump: true })), []);
    });
    it("fails one that lets members invite external users", async () => {
        const out = await runResource(R.perms, "GroupPolicy", await checked("GroupPolicy", { name: "vendors", permInviteExternalUser: true }));
        assert.strictEqual(out.length, 1);
        assert.match(out[0].message, /"vendors" turns on permInviteExternalUser/);
    });
    it("forbiddenPermissions is configurable", async () => {
        const props = await checked("GroupPolicy", { name: "ops", permProtocolTunnel: true, permInviteExternalUser: true });
        const out = await runResource(R.perms, "GroupPolicy", props, { forbiddenPermissions: ["permProtocolTunnel"] });
        assert.match(out[0].message, /turns on permProtocolTunnel\./);
        assert.deepStrictEqual(await runResource(R.perms, "GroupPolicy", props, { forbiddenPermissions: [] }), []);
    });
});

describe(`policy: ${R.unique} (issue 11, item 9)`, () => {
    const jg = async (name: string, props: Record<string, unknown>) => stackResource("JumpGroup", name, await checked("JumpGroup", props));

    it("fails names and code names that collide ignoring case on one appliance; the provider's check cannot see other resources", async () => {
        const resources = [
            await jg("ops", { name: "Ops", codeName: "ops_1" }),
            await jg("ops-again", { name: "ops", codeName: "OPS_1" }),
            stackResource("Jumpoint", "jp", await checked("Jumpoint", { name: "ops", platform: "linux-x86" })),
        ];
        const out = await runStack(R.unique, resources);
        assert.deepStrictEqual(
            out.map((o) => o.urn),
            [resources[1].urn, resources[1].urn],
            "the second Jump Group, twice; a Jumpoint named alike is another kind",
        );
        assert.match(
            out[0].message,
            /Jump Group "ops-again" has name "ops", which collides with name "Ops" of Jump Group "ops" on \(the stack's appliance\): the appliance keeps name unique ignoring case/,
        );
        assert.match(out[1].message, /codeName "OPS_1", which collides with codeName "ops_1"/);
        assert.match(out[0].message, /Fix: give one of them another name/);
        // The provider's check passes both: it sees one resource at a time.
        assert.strictEqual((await handler("pra:JumpGroup").check({}, { name: "ops" })).failures, undefined);
    });

    it("passes distinct names, the same name on two appliances, and names not known yet", async () => {
        const { unknownCheckingProxy, unknownStringValue } = require("@pulumi/policy/proxy");
        const a = { host: "https://pra-a.example.com", clientId: "a", clientSecret: "unit-policy-secret-a" };
        const b = { host: "pra-b.example.com", clientId: "b", clientSecret: "unit-policy-secret-b" };
        const resources = [
            await jg("one", { name: "ops", connection: a }),
            await jg("two", { name: "OPS", connection: b }),
            await jg("three", { name: "dev" }),
            stackResource("VaultAccountGroup", "vg", await checked("VaultAccountGroup", { name: "Ops" })),
            stackResource("JumpGroup", "later", unknownCheckingProxy({ name: unknownStringValue })),
        ];
        assert.deepStrictEqual(await runStack(R.unique, resources), []);
        const sameHost = [
            await jg("one", { name: "ops", connection: a }),
            await jg("two", { name: "OPS", connection: { ...a, host: "HTTPS://PRA-A.example.com/" } }),
        ];
        assert.strictEqual((await runStack(R.unique, sameHost)).length, 1, "hosts compare as the provider normalizes them");
    });
});
