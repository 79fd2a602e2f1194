// The simulator's Password Safe API against BeyondTrust's own client, beyondtrust-bips-library 3.5.1
// (scripts/ensure-python-compat.sh prepares it; the test skips and says why when it cannot). The
// driver (python/ps_driver.py) takes the library through a whole Secrets Safe life cycle for each
// sign-in mode and API version; a step passes only when the library accepts the simulator's answer.
// At each run's checkpoint (everything written, nothing deleted yet) the simulator's control API is
// asked whether what the library wrote is really there; at the end, that nothing is left behind.
import { strict as assert } from "node:assert";
import { createHash, randomBytes } from "node:crypto";
import { rememberSecret } from "../support/secret-scan";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { NO_RATE_LIMIT } from "../simulator/client";
import { compatPython, DRIVER, DriverStep, runDriver } from "./python/driver";

const VERSIONS = ["3.0", "3.1", "3.2", "3.3"];
const AUTHS = ["apikey", "oauth"];
const RUNS = AUTHS.flatMap((a) => VERSIONS.map((v) => `${a}/${v}`));

/** The secret values the library stores: random per test run, known to the scan and to the checks. */
function secretValues() {
    const v = (label: string) => `${label}-${randomBytes(12).toString("base64url")}`;
    const values = { password: v("pw"), password2: v("pw2"), text: v("text"), text2: v("text2"), file: v("file-content"), file2: v("file-content-2") };
    Object.values(values).forEach(rememberSecret);
    return values;
}

const sha256 = (s: string) => createHash("sha256").update(Buffer.from(s, "utf8")).digest("hex");

describe("contract: Password Safe simulator vs BeyondTrust's Python library 3.5.1", function () {
    let sim: SimulatorProcess | undefined;
    let steps: DriverStep[] = [];
    let inspectErrors: string[] = [];
    let inspected = 0;
    let exitCode: number | null = null;
    let stderr = "";
    let countersBefore: any;
    const values = secretValues();

    before(async function () {
        // A cold venv is a PyPI install (about 11 s here); the eight runs take seconds.
        this.timeout(600_000);
        const found = compatPython();
        if (!found.path) {
            console.log(`    skipped: ${found.reason}`);
            this.skip();
        }
        sim = await startSimulatorProcess({ args: NO_RATE_LIMIT });
        const ps = psEnv(sim);
        [ps.BT_PS_API_KEY, ps.BT_PS_CLIENT_SECRET].forEach(rememberSecret);
        countersBefore = await sim.control("GET", "/ps/counters");
        const result = await runDriver(
            [found.path!, DRIVER],
            { ...ps, PS_DRIVER_VERSIONS: VERSIONS.join(","), PS_DRIVER_AUTHS: AUTHS.join(","), PS_DRIVER_VALUES: JSON.stringify(values) },
            async (checkpoint) => {
                await crossCheck(sim!, checkpoint, values);
                inspected++;
            },
        );
        ({ steps, inspectErrors, stderr } = result);
        exitCode = result.code;
    });
    after(async () => sim?.stop());

    for (const run of RUNS) {
        it(`${run}: every step the library takes succeeds`, function () {
            const mine = steps.filter((s) => s.step.startsWith(`${run}/`));
            assert.ok(mine.length >= 41, `only ${mine.length} steps reported for ${run}; driver stderr: ${stderr.slice(-500)}`);
            const failed = mine.filter((s) => !s.ok).map((s) => `${s.step}: ${JSON.stringify(s.detail)}`);
            assert.deepEqual(failed, [], `failed steps:\n${failed.join("\n")}`);
        });
    }

    it("the driver finished cleanly and said so", function () {
        const summary = steps.find((s) => s.step === "summary");
        assert.ok(summary, `no summary line; driver stderr: ${stderr.slice(-500)}`);
        assert.equal(summary.ok, true, JSON.stringify(summary.detail));
        assert.equal(exitCode, 0);
    });

    it("at each checkpoint the simulator holds what the library wrote (values, file bytes and hash, owners, moves)", function () {
        assert.deepEqual(inspectErrors, []);
        assert.equal(inspected, RUNS.length, "one inspected checkpoint per run");
    });

    it("afterwards nothing the library created is left: only the seed safe", async function () {
        const state = await sim!.control("GET", "/ps/state");
        assert.ok(!/compat-(safe|folder|dest|credential|text|file)/.test(JSON.stringify(state)), "a safe, folder or secret named compat-* is still there");
        const safes: any[] = await sim!.control("GET", "/ps/api/safes");
        assert.deepEqual(
            safes.map((s) => s.Name ?? s.name),
            ["Seed Safe"],
        );
        assert.deepEqual(await sim!.control("GET", "/ps/api/secrets"), []);
    });

    it("the counters saw each run's sign-ins, sign-outs and the one 401 after sign-out", async function () {
        const after = await sim!.control("GET", "/ps/counters");
        const delta = (key: string) => number(after, key) - number(countersBefore, key);
        // Per run: the first sign-in, and one after each of the two refusals the driver provokes (a
        // 409 and a 404: the library signs out on any unexpected status, so it signs in again);
        // API-key runs also sign in once with the spaced header form, and the 3.1 runs once more after
        // the oversized file's refusal. Each of those ends in Signout.
        const expected = RUNS.reduce((n, run) => n + 3 + (run.startsWith("apikey/") ? 1 : 0) + (run.endsWith("/3.1") ? 1 : 0), 0);
        assert.equal(delta("signIns"), expected, JSON.stringify(after));
        assert.ok(delta("signOuts") >= expected, JSON.stringify(after));
        assert.ok(delta("unauthorized") >= RUNS.length, JSON.stringify(after));
    });
});

/** The BT_PS_* settings the simulator printed at start. */
function psEnv(sim: SimulatorProcess): Record<string, string> {
    const names = ["BT_PS_API_URL", "BT_PS_API_KEY", "BT_PS_RUNAS", "BT_PS_CLIENT_ID", "BT_PS_CLIENT_SECRET", "BT_CA_FILE"];
    const env: Record<string, string> = {};
    for (const n of names) if ((sim.env as Record<string, string | undefined>)[n]) env[n] = sim.env[n];
    for (const n of names.slice(0, 5)) assert.ok(env[n], `the simulator printed no ${n}`);
    return env;
}

function number(counters: any, key: string): number {
    const v = counters?.[key];
    return typeof v === "number" ? v : 0;
}

/** Reads, out of band, what one run wrote, and compares it with what the library was given. */
async function crossCheck(sim: SimulatorProcess, checkpoint: DriverStep, values: ReturnType<typeof secretValues>): Promise<void> {
    const { ids, UserId } = checkpoint.detail;
    const version = checkpoint.step.split("/")[1];
    const get = (kind: string, id: string) => sim.control("GET", `/ps/api/${kind}/${id}`);

    // The control API answers safes and folders in the store's own camelCase, secrets in PascalCase.
    const safe = await get("safes", ids.safe);
    assert.equal(safe.Description ?? safe.description, "updated by ps_driver.py", "safe PUT kept");
    const folder = await get("folders", ids.folder);
    assert.equal(folder.ParentId ?? folder.parentId, ids.dest, "the folder was moved under the destination");

    const credential = await get("secrets", ids.credential);
    assert.equal(credential.SecretType, "Credential");
    assert.equal(credential.Password === values.password2, true, "credential holds the updated password");
    assert.equal(credential.Username, "compat-user-2");
    assert.ok(!credential.Description, "the full PUT cleared the description");
    assertOwner(credential, UserId, version);

    const text = await get("secrets", ids.text);
    assert.equal(text.SecretType, "Text");
    assert.equal(text.Text === values.text2, true, "text holds the updated text");
    assert.equal(text.FolderId, ids.dest, "the text PUT's FolderId moved it");
    assertOwner(text, UserId, version);

    const file = await get("secrets", ids.file);
    assert.equal(file.SecretType, "File");
    assert.equal(file.FileName, "compat-file-2.txt");
    assert.equal(file.FileHash, sha256(values.file2), "FileHash is the SHA-256 of the uploaded bytes");
    assert.equal(typeof file.Content, "string", "the control API shows a file's bytes (base64)");
    assert.equal(Buffer.from(file.Content, "base64").toString("utf8") === values.file2, true, "the stored bytes are the uploaded ones");
    assertOwner(file, UserId, version);
}

function assertOwner(secret: any, userId: number, version: string): void {
    const owners: any[] = secret.Owners ?? [];
    const ids = owners.map((o) => o.UserId ?? o.OwnerId);
    assert.ok(ids.includes(userId), `the signed-in user ${userId} owns ${secret.Title} (${version}): ${JSON.stringify(owners)}`);
}
