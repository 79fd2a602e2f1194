// The serialized provider is what Pulumi stores in state and evaluates in its plugin. Build every
// resource class under Pulumi's mocks (the constructor really serializes), then load each captured
// text exactly as the plugin does (require-from-string, from the project directory of a program
// that has the package installed) in a separate Node process.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { allKinds } from "../../provider/registry";
import { SSH_KEY } from "../support/bad-inputs";
import { linkedProject } from "../support/linked-project";

const CANARY = "canary-client-secret-7f3a9";
const PS_FOLDER = "0f8fad5b-d9cb-469f-a165-70867728950e";

interface Captured {
    type: string;
    name: string;
    provider: string;
    inputs: Record<string, unknown>;
}

function unwrapSecret(v: unknown): unknown {
    const sig = "4dabf18193072939515e22adb298388d";
    return v && typeof v === "object" && sig in (v as object) ? (v as { value: unknown }).value : v;
}

describe("serialization: the provider shim", function () {
    this.timeout(60_000);
    const captured: Captured[] = [];
    let project: string;

    before(async () => {
        process.env.BT_CLIENT_SECRET = CANARY;
        pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    captured.push({ type: args.type, name: args.name, provider: String(unwrapSecret(args.inputs.__provider)), inputs: args.inputs });
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: () => ({}),
            },
            "proj",
            "stack",
            false,
        );
        // Required after setMocks so resources register against the mocks.
        const { pra, passwordsafe, epm } = await import("../../sdk");
        const conn = { host: "https://pra.example.com", clientId: "id", clientSecret: CANARY };
        const all = [
            new pra.Jumpoint("jp1", { name: "a", platform: "linux-x86" }),
            new pra.Jumpoint("jp2", { name: "b", platform: "windows-x86", connection: conn }),
            new pra.JumpGroup("jg", { name: "g" }),
            new pra.JumpPolicy("pol", { displayName: "p", approvalUserIds: ["1"] }),
            new pra.ShellJump("sj", { name: "s", hostname: "h", jumpointId: 1, jumpGroupId: 1 }),
            new pra.RemoteRdp("rdp", { name: "r", hostname: "h", jumpointId: 1, jumpGroupId: 1 }),
            new pra.RemoteVnc("vnc", { name: "v", hostname: "h", jumpointId: 1, jumpGroupId: 1 }),
            new pra.ProtocolTunnelJump("tcp", {
                name: "t",
                hostname: "h",
                jumpointId: 1,
                jumpGroupId: 1,
                tunnelDefinitions: [{ localPort: 1, remotePort: 2 }],
            }),
            new pra.PostgresqlTunnelJump("psql", { name: "p", hostname: "h", jumpointId: 1, jumpGroupId: 1 }),
            new pra.MysqlTunnelJump("mysql", { name: "m", hostname: "h", jumpointId: 1, jumpGroupId: 1 }),
            new pra.NetworkTunnelJump("net", { name: "n", jumpointId: 1, jumpGroupId: 1, filterRules: [{ ipAddresses: { cidr: "10.0.0.0/8" } }] }),
            new pra.WebJump("web", { name: "w", url: "https://h/", jumpointId: 1, jumpGroupId: 1 }),
            new pra.VaultUsernamePasswordAccount("up", { name: "u", username: "u", password: CANARY }),
            new pra.VaultSshAccount("ssh", { name: "k", username: "u", privateKey: SSH_KEY }),
            new pra.VaultTokenAccount("tok", { name: "t", token: CANARY }),
            new pra.VaultAccountPolicy("vp", { name: "vp" }),
            new pra.VaultAccountGroup("vg", { name: "vg" }),
            new pra.GroupPolicy("gp", { name: "gp" }),
            new pra.GroupPolicyJumpoint("g1", { groupPolicyId: 1, jumpointId: 1 }),
            new pra.GroupPolicyJumpGroup("g2", { groupPolicyId: 1, jumpGroupId: 1 }),
            new pra.GroupPolicyVaultAccount("g3", { groupPolicyId: 1, accountId: 1 }),
            new pra.GroupPolicyVaultAccountGroup("g4", { groupPolicyId: 1, accountGroupId: 1 }),
            new passwordsafe.Safe("safe", { name: "s", connection: { url: "ps.example.com", apiKey: CANARY, runAs: "u" } }),
            new passwordsafe.Folder("folder", { name: "f", parentPath: "s" }),
            new passwordsafe.CredentialSecret("cred", { folderId: PS_FOLDER, title: "t", username: "u", password: CANARY }),
            new passwordsafe.TextSecret("text", { folderId: PS_FOLDER, title: "t", text: CANARY }),
            new passwordsafe.FileSecret("file", { folderId: PS_FOLDER, title: "t", fileName: "f", content: CANARY }),
            new epm.PolicyAssignment("assignment", { groupId: PS_FOLDER, policyId: PS_FOLDER }),
            new epm.ComputerGroupMembership("membership", { groupId: PS_FOLDER, hostNames: ["h"] }),
            new epm.ComputerGroup("epm-group", { name: "g", connection: { url: "epm.example.com", clientId: "id", clientSecret: CANARY } }),
            new epm.Policy("epm-policy", { name: "p", content: "<Configuration/>" }),
        ];
        await Promise.all(all.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
        project = linkedProject();
    });

    after(() => {
        delete process.env.BT_CLIENT_SECRET;
    });

    it("gives every class its own stable type token", () => {
        const types = captured.map((c) => c.type);
        assert.ok(types.includes("pulumi-nodejs:dynamic/beyondtrust/pra:ShellJump"), types.join(", "));
        assert.strictEqual(new Set(types).size, allKinds().length, "one token per registered kind, each class created once");
        assert.ok(types.includes("pulumi-nodejs:dynamic/beyondtrust/passwordsafe:CredentialSecret"), types.join(", "));
    });

    it("stores the same small text for every resource of a kind, with no credential in it", () => {
        const jps = captured.filter((c) => c.type.endsWith(":Jumpoint"));
        assert.strictEqual(jps.length, 2);
        assert.strictEqual(jps[0].provider, jps[1].provider, "one text per kind, whatever the inputs");
        for (const c of captured) {
            // Measured: 88 bytes for pra:ShellJump, 109 for the longest kind (VaultUsernamePasswordAccount) (2.3 KB for the
            // serialized seven-method object of 0.1.0). The text is stored twice per resource.
            assert.ok(c.provider.length <= 110, `${c.type}: ${c.provider.length} bytes`);
            assert.ok(!c.provider.includes(CANARY), `${c.type}: the serialized provider holds a secret`);
            assert.ok(!/clientSecret|BT_CLIENT_SECRET/.test(c.provider), `${c.type}: mentions credentials`);
            const requires = [...c.provider.matchAll(/require\("([^"]+)"\)/g)].map((m) => m[1]);
            assert.deepStrictEqual([...new Set(requires)], ["pulumi-beyondtrust/provider"]);
        }
    });

    it("is a constant: the same text in every release, whatever the @pulumi/pulumi version", () => {
        // Changing this text shows every existing resource as an update (no API call, but noise):
        // change it only on purpose, and keep provider/index.ts's provider(kind) entry point.
        const sj = captured.find((c) => c.type.endsWith(":ShellJump"))!;
        assert.strictEqual(sj.provider, 'exports.handler = () => require("pulumi-beyondtrust/provider").provider("pra:ShellJump");\n');
        for (const c of captured) {
            const kind = c.type.replace("pulumi-nodejs:dynamic/beyondtrust/", "");
            assert.strictEqual(c.provider, sj.provider.replace("pra:ShellJump", kind), c.type);
        }
    });

    it("wraps secret inputs and the connection as secrets, even when given as plain strings", () => {
        const sig = "4dabf18193072939515e22adb298388d";
        const up = captured.find((c) => c.name === "up")!;
        assert.ok(up.inputs.password && typeof up.inputs.password === "object" && sig in (up.inputs.password as object));
        const jp2 = captured.find((c) => c.name === "jp2")!;
        assert.ok(jp2.inputs.connection && sig in (jp2.inputs.connection as object));
        // Password Safe: every secret value and the connection (an API key in it); EPM: the connection (a client secret in it).
        for (const [name, prop] of [
            ["cred", "password"],
            ["text", "text"],
            ["file", "content"],
            ["safe", "connection"],
            ["epm-group", "connection"],
        ]) {
            const c = captured.find((x) => x.name === name)!;
            assert.ok(c.inputs[prop] && typeof c.inputs[prop] === "object" && sig in (c.inputs[prop] as object), `${name}.${prop} is secret`);
        }
    });

    it("loads in a separate process from a project that has the package installed, and checks input", () => {
        const sj = captured.find((c) => c.type.endsWith(":ShellJump"))!;
        const textFile = path.join(project, "shim.js.txt");
        fs.writeFileSync(textFile, sj.provider);
        // What 0.1.0 stored (Pulumi's closure serialization of a seven-method object): still loads.
        const legacyFile = path.join(__dirname, "..", "plugin", "fixtures", "shim-0.1.0-ShellJump.js.txt");
        const script = `
            const rfs = require(${JSON.stringify(require.resolve("require-from-string", { paths: [require.resolve("@pulumi/pulumi")] }))});
            const load = (f) => rfs(require("fs").readFileSync(f, "utf8")).handler();
            const p = load(${JSON.stringify(textFile)});
            const legacy = load(${JSON.stringify(legacyFile)});
            (async () => {
                const ok = await p.check({}, { name: "s", hostname: "h", jumpointId: "4", jumpGroupId: 5 });
                const bad = await p.check({}, { name: "s", hostname: "h", jumpointId: 4, jumpGroupId: 5, port: 0 });
                const legacyOk = await legacy.check({}, { name: "s", hostname: "h", jumpointId: "4", jumpGroupId: 5 });
                const where = require.resolve("pulumi-beyondtrust/provider", { paths: [process.cwd()] });
                console.log(JSON.stringify({ ok, bad, legacyOk, methods: Object.keys(p).sort(), legacyMethods: Object.keys(legacy).sort(), where }));
            })().catch((e) => { console.error(e); process.exit(1); });`;
        const out = execFileSync(process.execPath, ["-e", script], { cwd: project, encoding: "utf8" });
        const r = JSON.parse(out.trim().split("\n").pop()!);
        assert.deepStrictEqual(r.methods, ["check", "configure", "create", "delete", "diff", "read", "update"]);
        assert.strictEqual(r.ok.inputs.jumpointId, 4);
        assert.strictEqual(r.ok.failures, undefined);
        assert.strictEqual(r.bad.failures[0].property, "port");
        assert.deepStrictEqual(r.legacyMethods, r.methods, "the 0.1.0 text still loads with every method");
        assert.deepStrictEqual(r.legacyOk, r.ok, "and checks the same way");
        assert.ok(r.where.endsWith(path.join("dist", "provider", "index.js")), `resolved the compiled provider: ${r.where}`);
    });
});
