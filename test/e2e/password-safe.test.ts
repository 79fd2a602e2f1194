// Password Safe through the real Pulumi engine: an inline Automation API program declares a safe, a
// folder in it, a credential and a file secret (given by path), with the connection from stack
// config. At rest the state holds none of the password, the file's bytes or the API key; a password
// changed out of band shows as drift on refresh and the next up puts it back; destroy removes all.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { passwordsafe } from "pulumi-beyondtrust";
import { registerSecret } from "../../provider/core/redact";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiEnv, removeWorkDir, ENSURE_SCRIPT } from "../support/pulumi-cli";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

const PASSWORD = "e2e-ps-password-Q7";
const FILE_TEXT = "e2e-ps-file-bytes-3k";

describe("e2e: Password Safe safe, folder and secrets through the Pulumi engine", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    let env: Record<string, string>;

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log(`    skipping end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        sim = await startSimulatorProcess();
        env = (sim as unknown as { env: Record<string, string> }).env;
        if (!env.BT_PS_API_URL) {
            console.log("    skipping: this simulator build has no Password Safe API");
            this.skip();
        }
        // The secret scan searches this run's whole output for them.
        for (const secret of [PASSWORD, FILE_TEXT, env.BT_PS_API_KEY]) registerSecret(secret);
        workDir = makeWorkDir();
        const contentFile = path.join(workDir, "app.conf");
        fs.writeFileSync(contentFile, FILE_TEXT);
        const program = async () => {
            const safe = new passwordsafe.Safe("safe", { name: "E2E Safe" });
            const folder = new passwordsafe.Folder("folder", { name: "Apps", parentId: safe.id });
            const cred = new passwordsafe.CredentialSecret("cred", { folderId: folder.id, title: "db", username: "app", password: PASSWORD });
            const file = new passwordsafe.FileSecret("file", { folderId: folder.id, title: "cfg", fileName: "app.conf", contentFile });
            const seed = passwordsafe.getSafe({ name: "Seed Safe" });
            return { credId: cred.id, password: cred.password, fileHash: file.contentSha256, folderPath: cred.folderPath, seedSafe: seed.id };
        };
        stack = await createInlineStack("bt-ps", "e2e", program, workDir, pulumiEnv(workDir, cli!), cli!);
        await stack.setAllConfig({
            "beyondtrust:passwordSafeUrl": { value: env.BT_PS_API_URL },
            "beyondtrust:passwordSafeApiKey": { value: env.BT_PS_API_KEY, secret: true },
            "beyondtrust:passwordSafeRunAs": { value: env.BT_PS_RUNAS },
        });
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("up; nothing secret at rest; out-of-band password change seen on refresh and put back; destroy", async () => {
        await sim.control("POST", "/ps/counters/reset");
        const up = await stack.up();
        assert.strictEqual(up.summary.result, "succeeded");
        assert.strictEqual(up.outputs.password.secret, true, "the password output is secret");
        assert.match(String(up.outputs.fileHash.value), /^[0-9a-f]{64}$/);
        assert.strictEqual(up.outputs.folderPath.value, "E2E Safe/Apps");
        assert.match(String(up.outputs.seedSafe.value), /^[0-9a-f-]{36}$/);
        const afterUp = await sim.control<any>("GET", "/ps/counters");
        const signedIn = afterUp.signIns;
        // One session in the plugin for all four resources, one in the program for the lookup.
        assert.strictEqual(signedIn, 2);
        // The engine stopped the plugin and its session was signed out; the inline program's lives on
        // in this (the test's) process until it exits.
        assert.deepStrictEqual([afterUp.signOuts, afterUp.liveSessions], [1, 1]);

        const root = path.join(workDir, "state");
        const files = (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f)).filter((f) => fs.statSync(f).isFile());
        assert.ok(files.length > 0);
        for (const f of files) {
            const text = fs.readFileSync(f, "utf8");
            for (const secret of [PASSWORD, FILE_TEXT, env.BT_PS_API_KEY]) assert.ok(!text.includes(secret), `a secret in clear in ${f}`);
        }

        const credId = String(up.outputs.credId.value);
        await sim.control("PUT", `/ps/api/secrets/${credId}`, { Password: "changed-in-the-console" });
        await stack.refresh();
        assert.deepStrictEqual((await stack.preview()).changeSummary, { same: 4, update: 1 });
        const healed = await stack.up();
        assert.deepStrictEqual(healed.summary.resourceChanges, { same: 4, update: 1 });
        assert.strictEqual((await sim.control<any>("GET", `/ps/api/secrets/${credId}`)).Password, PASSWORD);

        await stack.destroy();
        const safes = (await sim.control<any[]>("GET", "/ps/api/safes")).map((s) => s.name ?? s.Name);
        assert.deepStrictEqual(safes, ["Seed Safe"]);
    });
});
