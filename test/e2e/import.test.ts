// The importer end to end: a simulator seeded with a realistic estate (hundreds of objects of every
// kind, odd and unicode names, shared and personal), `pulumi-beyondtrust import` run as its bin,
// the generated program compiled with tsc, then run through the real Pulumi engine (Automation API,
// the compiled module as the inline program, its secrets in stack config): the first `up` adopts
// everything with zero API writes and the next `preview --refresh` shows no change.
import * as assert from "assert";
import { spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { createInlineStack, ENSURE_SCRIPT, findPulumiCli, makeWorkDir, pulumiCliVersion, pulumiEnv, REPO_ROOT, removeWorkDir } from "../support/pulumi-cli";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { realisticEstate, SeededEstate } from "../support/estate";

const BIN = path.join(REPO_ROOT, "dist", "provider", "import", "cli.js");
const PROJECT = "bt-imported";

function run(
    cmd: string,
    args: string[],
    env: Record<string, string | undefined>,
    cwd = REPO_ROOT,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { env, cwd, stdio: ["ignore", "pipe", "pipe"] });
        let stdout = "";
        let stderr = "";
        child.stdout.on("data", (d) => (stdout += d));
        child.stderr.on("data", (d) => (stderr += d));
        child.on("error", reject);
        child.on("exit", (code) => resolve({ code, stdout, stderr }));
    });
}

/** API writes: every POST, PATCH and DELETE but the token request. */
function writes(c: any): Record<string, number> {
    const m = c.requests.byMethod;
    return {
        POST: (m.POST ?? 0) - (c.requests.byRoute["POST /oauth2/token"] ?? 0),
        PATCH: m.PATCH ?? 0,
        DELETE: m.DELETE ?? 0,
        counted: c.writes,
        provisions: c.provisions,
    };
}
const NO_WRITES = { POST: 0, PATCH: 0, DELETE: 0, counted: 0, provisions: 0 };

/** The generated folder, installed the way `npm install` would (links to this package and its @pulumi/pulumi). */
function linkModules(dir: string): void {
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
    fs.mkdirSync(path.join(modules, "@types"), { recursive: true });
    fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-beyondtrust"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"), path.join(modules, "@pulumi", "pulumi"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@types", "node"), path.join(modules, "@types", "node"), "dir");
}

describe("e2e: import a live estate, then adopt it with zero writes", function () {
    this.timeout(1_200_000);
    let sim: SimulatorProcess;
    let estate: SeededEstate;
    let workDir: string;
    let outDir: string;
    let stack: Stack;
    let imported: { stdout: string; stderr: string };
    let total = 0;

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log(`    skipping import end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        console.log(`    using ${pulumiCliVersion(cli!)} at ${cli}`);
        sim = await startSimulatorProcess();
        estate = realisticEstate();
        await sim.control("POST", "/seed", estate.dump);
        total = Object.values(estate.expected).reduce((a, b) => a + b, 0);
        workDir = makeWorkDir("pulumi-bt-import-");
        outDir = path.join(workDir, "program");
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("reads the whole estate with one token, no write and pagination to the end, and says what it cost", async () => {
        await sim.control("POST", "/counters/reset");
        const r = await run(process.execPath, [BIN, "import", "--out", outDir, "--project", PROJECT], { ...process.env, ...sim.env });
        assert.strictEqual(r.code, 0, r.stderr);
        imported = r;
        const c = await sim.counters();
        const line = /Imported (\d+) objects from \S+ in ([\d.]+) s with (\d+) API calls \(1 token\)/.exec(r.stdout);
        assert.ok(line, r.stdout);
        console.log(`    import: ${line[1]} objects, ${line[3]} API calls, ${line[2]} s`);
        assert.strictEqual(Number(line[1]), total, "every shared object of every kind, none built in or personal");
        assert.strictEqual(Number(line[3]), c.requests.total, "the reported calls are the appliance's count");
        assert.deepStrictEqual(writes(c), NO_WRITES);
        assert.strictEqual(c.tokensMinted, 1);
        assert.strictEqual(c.rateLimited, 0, "under the rate limit");
        assert.strictEqual(c.requests.byRoute["GET /jump-item/shell-jump"], 2, "145 shared + 5 personal Shell Jumps: both pages");
        assert.strictEqual(r.stderr, "", "no progress line when stderr is not a terminal");
        assert.match(r.stdout, /Skipped 11 \(built-in or personal/);
    });

    it("writes one adopting resource per object, references as variables, readable unique names and config keys for secrets", () => {
        const program = fs.readFileSync(path.join(outDir, "estate.ts"), "utf8");
        assert.strictEqual((program.match(/^\s+adopt: "\d+(\/\d+)?",$/gm) ?? []).length, total);
        for (const [cls, kind] of [
            ["ShellJump", "jump-item/shell-jump"],
            ["RemoteRdp", "jump-item/remote-rdp"],
            ["WebJump", "jump-item/web-jump"],
            ["Jumpoint", "jumpoint"],
            ["JumpGroup", "jump-group"],
            ["GroupPolicy", "group-policy"],
            ["VaultAccountGroup", "vault/account-group"],
            ["GroupPolicyJumpGroup", "grant:jump-group"],
            ["GroupPolicyVaultAccount", "grant:vault-account"],
        ]) {
            const n = (program.match(new RegExp(`new pra\\.${cls}\\(`, "g")) ?? []).length;
            assert.strictEqual(n, estate.expected[kind], cls);
        }
        const accounts = ["VaultUsernamePasswordAccount", "VaultSshAccount", "VaultTokenAccount"].map(
            (cls) => (program.match(new RegExp(`new pra\\.${cls}\\(`, "g")) ?? []).length,
        );
        assert.strictEqual(
            accounts.reduce((a, b) => a + b, 0),
            estate.expected["vault/account"],
        );
        assert.ok(!/my own login/.test(program), "personal vault accounts are not imported");
        assert.match(program, /jumpointId: jumpoint\w+\.id,\n\s+jumpGroupId: jumpGroup\w+\.id,/, "items point at their Jumpoint and Jump Group variables");
        assert.match(program, /groupPolicyId: groupPolicy\w+\.id,\n\s+accountId: vault\w+Account\w+\.id,/, "grants point at their policy and target");
        assert.match(program, /rdpServiceAccountId: vaultUsernamePasswordAccount\w+\.id,/);
        assert.match(program, /new pra\.ShellJump\("bastion", \{/);
        assert.match(program, /new pra\.ShellJump\("bastion-\d+", \{/, "a repeated name is made unique with the object's id");
        assert.match(program, /new pra\.Jumpoint\("東京サーバー", \{\n\s+name: "東京サーバー",/, "unicode names are kept whole");
        assert.match(program, /new pra\.Jumpoint\("zurich-dc", \{\n\s+name: "Zürich DC",/);
        assert.match(program, /name: "back\\\\slash \$\{not\.a\.template\} \*\/ end",/, "odd characters stay inside string literals");
        assert.match(program, /password: config\.requireSecret\("zurich-dc-password"\),/);
        assert.ok(!/port: 22,|protocol: "ssh",|terminal: "xterm",/.test(program), "provider defaults are left out");
        for (const [, s] of estate.secrets)
            for (const v of Object.values(s)) assert.ok(!program.includes(String(v).split("\n")[1] ?? String(v)), "no secret value in the program");
        const keys = [...program.matchAll(/config\.requireSecret\("([^"]+)"\)/g)].map((m) => m[1]);
        assert.strictEqual(new Set(keys).size, keys.length, "config keys are unique");
        assert.strictEqual(keys.length, 40 + 15 + 15, "one key per write-only secret of every shared vault account");
        const readme = fs.readFileSync(path.join(outDir, "README.md"), "utf8");
        for (const k of keys) {
            assert.ok(readme.includes(`pulumi config set --secret ${k} `), `README lists ${k}`);
            assert.ok(imported.stdout.includes(`pulumi config set --secret ${k} `), `the import printed ${k}`);
        }
    });

    it("the generated program compiles with tsc", async () => {
        linkModules(outDir);
        const tsc = path.join(REPO_ROOT, "node_modules", "typescript", "bin", "tsc");
        const r = await run(process.execPath, [tsc, "-p", outDir], process.env, outDir);
        assert.strictEqual(r.code, 0, r.stdout + r.stderr);
        assert.ok(fs.existsSync(path.join(outDir, "bin", "estate.js")));
    });

    it("pulumi up adopts every object with zero API writes", async () => {
        const cli = findPulumiCli()!;
        const estateJs = path.join(outDir, "bin", "estate.js");
        const program = async () => {
            // A fresh module per run: the program declares its resources when called.
            delete require.cache[require.resolve(estateJs)];
            require(estateJs).estate();
        };
        stack = await createInlineStack(PROJECT, "adopt", program, workDir, pulumiEnv(workDir, cli), cli);
        const config: Record<string, { value: string; secret: boolean }> = {
            "beyondtrust:host": { value: sim.apiHost, secret: false },
            "beyondtrust:clientId": { value: sim.clientId, secret: false },
            "beyondtrust:clientSecret": { value: sim.clientSecret, secret: true },
        };
        const src = fs.readFileSync(path.join(outDir, "estate.ts"), "utf8");
        for (const m of src.matchAll(/config\.requireSecret\("([^"]+)"\)[\s\S]*?adopt: "(\d+)"/g)) {
            const held = estate.secrets.get(Number(m[2]))!;
            config[m[1]] = { value: String(held.password ?? held.token ?? held.private_key), secret: true };
        }
        await stack.setAllConfig(config);
        await sim.control("POST", "/counters/reset");
        const r = await stack.up({ onOutput: () => undefined });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.create, total + 1, JSON.stringify(r.summary.resourceChanges)); // + the stack
        const c = await sim.counters();
        assert.deepStrictEqual(writes(c), NO_WRITES, JSON.stringify(c.requests.byRoute));
        assert.strictEqual(c.tokensMinted, 1);
    });

    it("the next preview --refresh shows no change, and still no write", async () => {
        await sim.control("POST", "/counters/reset");
        const p = await stack.preview({ refresh: true, diff: true, onOutput: () => undefined });
        assert.deepStrictEqual(p.changeSummary, { same: total + 1 });
        assert.deepStrictEqual(writes(await sim.counters()), NO_WRITES);
    });
});
