// The Password Safe examples (examples/password-safe-ci, examples/ps-to-pra-vault) through the real Pulumi engine (Automation API, inline programs,
// local backend), against a simulator process: each step asserts the engine's result, the objects
// Password Safe holds, and what it cost (the simulator's Password Safe counters). Every secret value
// is registered with the secret scan and searched for in the state files at rest and in
// everything the engine printed.
import * as assert from "assert";
import * as crypto from "crypto";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import type { Stack } from "@pulumi/pulumi/automation";
import { passwordSafeCi, PasswordSafeCiSettings, SAMPLE_FILE } from "../../examples/password-safe-ci/program";
import { psToPraVault } from "../../examples/ps-to-pra-vault/program";
import { createInlineStack, makeWorkDir, pulumiEnv, removeWorkDir } from "../support/pulumi-cli";
import { rememberSecret } from "../support/secret-scan";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { connectPasswordSafe, connectPra, skipWithoutCli, stateAtRest, Transcript } from "./engine-run";

const SEED_SAFE_ID = "5eed5afe-0000-4000-8000-000000000001";

/** A fresh secret value, known to the secret scan before anything can print it. */
function secretValue(label: string): string {
    const value = `${label}-${crypto.randomBytes(12).toString("hex")}`;
    rememberSecret(value);
    return value;
}

/** The example's Pulumi.yaml (its config declarations) without `options`: each step says whether it refreshes. */
function projectOf(example: string): Record<string, unknown> {
    const project = yaml.load(fs.readFileSync(path.join(__dirname, "../../examples", example, "Pulumi.yaml"), "utf8")) as Record<string, unknown>;
    delete project.options;
    return project;
}

interface PsCounters {
    requests: { total: number; byRoute: Record<string, number> };
    signIns: number;
    signOuts: number;
    unauthorized: number;
    liveSessions: number;
}

/** Calls other than signing in and out. */
function apiCalls(c: PsCounters): Record<string, number> {
    const rest = { ...c.requests.byRoute };
    delete rest["POST /auth/signappin"];
    delete rest["POST /auth/signout"];
    return rest;
}

function secretsIn(state: any): any[] {
    return state.secrets;
}

describe("e2e: examples/password-safe-ci through the Pulumi engine", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    const log = new Transcript();
    const dbPassword = secretValue("db-pw");
    const driftedPassword = secretValue("console-pw");
    const notices = [secretValue("notice-one"), secretValue("notice-two")];
    const settings: PasswordSafeCiSettings = {
        safeName: "CI Pipeline",
        folderName: "deploy",
        dbUsername: "deployer",
        dbPassword,
        dbHost: "db.internal:5432",
        dbName: "app",
        deployNotice: notices[0],
        ownerUserIds: [1],
        contentFile: SAMPLE_FILE,
    };
    const ps = <T = any>(method: string, p: string, body?: unknown) => sim.psControl<T>(method, p, body);
    const secretTitled = async (title: string) => secretsIn(await ps("GET", "/state")).find((s: any) => s.title === title);

    before(async function () {
        const cli = skipWithoutCli(this)!;
        sim = await startSimulatorProcess();
        rememberSecret(sim.env.BT_PS_API_KEY);
        rememberSecret(sim.env.BT_PS_CLIENT_SECRET);
        workDir = makeWorkDir();
        const project = projectOf("password-safe-ci");
        stack = await createInlineStack(
            String(project.name),
            "e2e",
            async () => passwordSafeCi({ ...settings }),
            workDir,
            pulumiEnv(workDir, cli),
            cli,
            project,
        );
        await connectPasswordSafe(stack, sim);
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("up creates the safe, the folder, a secret of each kind and the database-url built from the lookup", async () => {
        await ps("POST", "/counters/reset");
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        // The stack, Safe, Folder, CredentialSecret, two TextSecrets, FileSecret.
        assert.strictEqual(r.summary.resourceChanges?.create, 7, JSON.stringify(r.summary.resourceChanges));
        const c = await ps<PsCounters>("GET", "/counters");
        // The provider plugin signs in once for every resource; the lookup (the SDK's getSecret)
        // runs in the program's process (for an inline program, this test's), which signs in on its own.
        assert.strictEqual(c.signIns, 2, JSON.stringify(c));
        // The plugin's one session, shared by all six resources, was signed out when the engine
        // stopped it; the program's lives on in this process.
        assert.deepStrictEqual([c.signOuts, c.liveSessions], [1, 1], JSON.stringify(c));
        assert.strictEqual(c.unauthorized, 0);
        const state = await ps("GET", "/state");
        const folder = state.folders.find((f: any) => f.name === "deploy");
        assert.strictEqual(state.folders.find((f: any) => f.id === folder.parentId).name, "CI Pipeline");
        const byTitle = Object.fromEntries(secretsIn(state).map((s: any) => [s.title, s]));
        assert.deepStrictEqual(Object.keys(byTitle).sort(), ["ci-config", "database-url", "db-deployer", "deploy-notice"]);
        assert.ok(secretsIn(state).every((s: any) => s.folderId === folder.id));
        assert.strictEqual(byTitle["db-deployer"].password, dbPassword);
        assert.deepStrictEqual(
            byTitle["db-deployer"].owners.owners.map((o: any) => o.userId),
            [1],
        );
        assert.strictEqual(byTitle["deploy-notice"].text, notices[0]);
        assert.strictEqual(Buffer.from(byTitle["ci-config"].content, "base64").toString("utf8"), fs.readFileSync(SAMPLE_FILE, "utf8"));
        rememberSecret(byTitle["database-url"].text);
        assert.strictEqual(
            byTitle["database-url"].text,
            `postgres://deployer:${dbPassword}@db.internal:5432/app`,
            "the URL is built from what Password Safe returned",
        );
        const sha = crypto.createHash("sha256").update(fs.readFileSync(SAMPLE_FILE)).digest("hex");
        assert.strictEqual(r.outputs.fileSha256.value, sha);
    });

    it("a second preview is all same; its only calls are the lookup's reads", async () => {
        await ps("POST", "/counters/reset");
        const p = await stack.preview({ onOutput: log.onOutput });
        assert.deepStrictEqual(p.changeSummary, { same: 7 });
        const c = await ps<PsCounters>("GET", "/counters");
        // Check and diff call nothing; the lookup by id runs at preview once the id is known: one
        // GET, whose answer carries the credential's password.
        assert.deepStrictEqual(apiCalls(c), { "GET /secrets-safe/secrets/{id}": 1 }, JSON.stringify(c.requests.byRoute));
        // No sign-in at all: the provider made no call, and an inline program runs in this test's
        // process, whose lookup client kept its session from the up (a `pulumi preview` from the
        // CLI starts a new program process, which signs in once).
        assert.strictEqual(c.signIns, 0, JSON.stringify(c));
        assert.strictEqual(c.unauthorized, 0);
    });

    it("a new text is one update in place", async () => {
        settings.deployNotice = notices[1];
        const before = await secretTitled("deploy-notice");
        const r = await stack.up({ onOutput: log.onOutput });
        assert.deepStrictEqual(r.summary.resourceChanges, { same: 6, update: 1 });
        const after = await secretTitled("deploy-notice");
        assert.deepStrictEqual([after.id, after.text], [before.id, notices[1]]);
    });

    it("a password changed out of band: preview --refresh --diff plans its update, values hidden; refresh records it; up converges", async () => {
        const cred = await secretTitled("db-deployer");
        await ps("PUT", `/api/secrets/${cred.id}`, { Password: driftedPassword });
        let shown = "";
        const p = await stack.preview({ refresh: true, diff: true, onOutput: (s) => ((shown += s), log.onOutput(s)) });
        // The credential goes back to the declared password; database-url follows the lookup,
        // which at preview reads the password Password Safe now holds.
        assert.deepStrictEqual(p.changeSummary, { same: 5, update: 2 }, JSON.stringify(p.changeSummary));
        const block = shown.slice(shown.indexOf("CredentialSecret: (update)"));
        assert.ok(block.length < shown.length, "db-deployer is planned as an update");
        assert.match(block.slice(0, block.indexOf("TextSecret")), /\n\s+password\s*: \[secret\]\n/, "the password is shown, as [secret]");
        assert.ok(!shown.includes(driftedPassword) && !shown.includes(dbPassword), "neither value is printed");
        // A dynamic provider's diff cannot name its properties to the engine (no detailed diff in
        // @pulumi/pulumi's dynamic provider), and the CLI prints the password line with no "~"
        // (v3.259). What refresh recorded proves the drift.
        await stack.refresh({ onOutput: log.onOutput });
        const recorded = (await stack.exportStack()).deployment.resources.find((r: any) => r.urn.endsWith("::db-deployer"));
        const plain = (v: any) => JSON.parse(v.plaintext);
        assert.ok(
            plain(recorded.outputs.password) === driftedPassword && plain(recorded.inputs.password) === driftedPassword,
            "refresh recorded the drifted password, as a secret",
        );
        const r = await stack.up({ refresh: true, onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.update, 1, JSON.stringify(r.summary.resourceChanges));
        assert.strictEqual((await secretTitled("db-deployer")).password, dbPassword, "the declared password is back");
        assert.strictEqual(
            (await secretTitled("database-url")).text,
            `postgres://deployer:${dbPassword}@db.internal:5432/app`,
            "the URL was built after the password was put back",
        );
        const again = await stack.preview({ refresh: true, onOutput: log.onOutput });
        assert.deepStrictEqual(again.changeSummary, { same: 7 }, "converged");
    });

    it("a secret deleted out of band: refresh drops it, up recreates it", async () => {
        const notice = await secretTitled("deploy-notice");
        await ps("DELETE", `/api/secrets/${notice.id}`);
        const refreshed = await stack.refresh({ onOutput: log.onOutput });
        assert.strictEqual(refreshed.summary.resourceChanges?.delete, 1, JSON.stringify(refreshed.summary.resourceChanges));
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.resourceChanges?.create, 1, JSON.stringify(r.summary.resourceChanges));
        const back = await secretTitled("deploy-notice");
        assert.notStrictEqual(back.id, notice.id);
        assert.strictEqual(back.text, notices[1]);
    });

    it("destroy leaves only the seed", async () => {
        const r = await stack.destroy({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        const state = await ps("GET", "/state");
        assert.deepStrictEqual(
            state.folders.map((f: any) => f.id),
            [SEED_SAFE_ID],
        );
        assert.strictEqual(state.secrets.length, 0);
    });

    it("no secret value is in the state files at rest or in the engine's output", () => {
        const atRest = stateAtRest(workDir);
        const values = [dbPassword, driftedPassword, ...notices, sim.env.BT_PS_API_KEY, `deployer:${dbPassword}@`];
        for (const v of values) {
            assert.ok(!atRest.includes(v), `a value starting ${JSON.stringify(v.slice(0, 3))} is in state`);
            assert.ok(!log.text.includes(v), `a value starting ${JSON.stringify(v.slice(0, 3))} is in the output`);
        }
        assert.ok(log.text.length > 0 && atRest.includes("passwordsafe:CredentialSecret"), "the scan read real output and state");
    });
});

describe("e2e: examples/ps-to-pra-vault through the Pulumi engine", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    const log = new Transcript();
    const rootPassword = secretValue("root-pw");
    const rotatedPassword = secretValue("rotated-pw");
    const folderId = "f01de000-0000-4000-8000-00000000a001";
    const secretId = "5ec2e700-0000-4000-8000-00000000a002";

    before(async function () {
        const cli = skipWithoutCli(this)!;
        sim = await startSimulatorProcess();
        rememberSecret(sim.env.BT_PS_API_KEY);
        rememberSecret(sim.clientSecret);
        // Password Safe owns the credential: it exists before the program runs.
        const at = "2026-01-01T00:00:00.000Z";
        await sim.psControl("POST", "/seed", {
            folders: [{ id: folderId, name: "Linux", description: null, parentId: SEED_SAFE_ID, userGroupId: null, userId: 1, createdOn: at }],
            secrets: [
                {
                    id: secretId,
                    folderId,
                    type: "Credential",
                    title: "root",
                    description: "",
                    notes: "",
                    urls: [],
                    owners: { owners: [{ userId: 1, name: "ps-admin", email: "" }], ownerType: "User" },
                    username: "root",
                    password: rootPassword,
                    createdOn: at,
                    createdBy: "ps-admin",
                    modifiedOn: at,
                    modifiedBy: "ps-admin",
                    secretValueModifiedOn: at,
                },
            ],
        });
        workDir = makeWorkDir();
        const project = projectOf("ps-to-pra-vault");
        const program = async () => psToPraVault({ prefix: "ps-vault", secretPath: "Seed Safe/Linux", secretTitle: "root" });
        stack = await createInlineStack(String(project.name), "e2e", program, workDir, pulumiEnv(workDir, cli), cli, project);
        await connectPra(stack, sim);
        await connectPasswordSafe(stack, sim);
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("up copies the Password Safe credential into a PRA vault account beside a Jump Group", async () => {
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.result, "succeeded");
        assert.strictEqual(r.summary.resourceChanges?.create, 3, JSON.stringify(r.summary.resourceChanges));
        const state = await sim.control("GET", "/state");
        const account = state.collections["vault/account"].find((a: any) => a.name === "ps-vault root");
        assert.ok(account, "the vault account exists");
        assert.strictEqual(account.username, "root");
        assert.ok(account.password === rootPassword, "the vault account's password is the Password Safe secret's");
        assert.strictEqual(state.collections["jump-group"].filter((g: any) => g.name === "ps-vault servers").length, 1);
        assert.strictEqual(r.outputs.passwordSafeSecretId.value, secretId);
        assert.strictEqual((await sim.psControl("GET", "/state")).secrets.length, 1, "Password Safe's objects are only read");
    });

    it("a second preview is all same", async () => {
        const p = await stack.preview({ onOutput: log.onOutput });
        assert.deepStrictEqual(p.changeSummary, { same: 3 });
    });

    it("a password rotated in Password Safe reaches the vault account on the next up", async () => {
        await sim.psControl("PUT", `/api/secrets/${secretId}`, { Password: rotatedPassword });
        const r = await stack.up({ onOutput: log.onOutput });
        assert.strictEqual(r.summary.resourceChanges?.update, 1, JSON.stringify(r.summary.resourceChanges));
        const account = (await sim.control("GET", "/state")).collections["vault/account"].find((a: any) => a.name === "ps-vault root");
        assert.ok(account.password === rotatedPassword, "the vault account has the rotated password");
    });

    it("the password is in neither the state files at rest nor the engine's output", async () => {
        const atRest = stateAtRest(workDir);
        assert.ok(atRest.includes("pra:VaultUsernamePasswordAccount"), "the scan read real state");
        for (const v of [rootPassword, rotatedPassword, sim.clientSecret, sim.env.BT_PS_API_KEY]) {
            assert.ok(!atRest.includes(v), `a value starting ${JSON.stringify(v.slice(0, 3))} is in state`);
            assert.ok(!log.text.includes(v), `a value starting ${JSON.stringify(v.slice(0, 3))} is in the output`);
        }
    });

    it("destroy removes the PRA objects and leaves the Password Safe credential", async () => {
        await stack.destroy({ onOutput: log.onOutput });
        const state = await sim.control("GET", "/state");
        assert.strictEqual(state.collections["vault/account"].length, 0);
        assert.strictEqual(state.collections["jump-group"].filter((g: any) => g.name === "ps-vault servers").length, 0);
        assert.ok((await sim.psControl("GET", "/state")).secrets[0].password === rotatedPassword, "Password Safe's credential is left as it is");
    });
});
