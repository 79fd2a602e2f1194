// The simulator's Password Safe API against BeyondTrust's Go client (go-client-library-passwordsafe
// v1.3.2, what Terraform's provider is built on), through our small driver in test/contract/go
// (scripts/ensure-go-compat.sh builds it into the cache; the test skips and says why without Go or
// the module proxy). The library speaks https only, so the simulator runs with --https and the
// driver trusts its CA through SSL_CERT_FILE. It resolves folders by name, sends zero GUIDs and a
// FileContent copy in the file metadata, and authenticates every call after SignAppIn by cookie alone.
import { strict as assert } from "node:assert";
import { randomBytes } from "node:crypto";
import { rememberSecret } from "../support/secret-scan";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { NO_RATE_LIMIT } from "../simulator/client";
import { compatGo, DriverStep, runDriver } from "./python/driver";

// The library knows API versions 3.0 to 3.2 (entities.go has no 3.3 bodies).
const VERSIONS = ["3.0", "3.1", "3.2"];
const AUTHS = ["apikey", "oauth"];
const RUNS = AUTHS.flatMap((a) => VERSIONS.map((v) => `go/${a}/${v}`));

describe("contract: Password Safe simulator vs BeyondTrust's Go library v1.3.2", function () {
    let sim: SimulatorProcess | undefined;
    let steps: DriverStep[] = [];
    let stderr = "";
    let exitCode: number | null = null;
    const values = {
        password: `pw-${randomBytes(12).toString("base64url")}`,
        text: `text-${randomBytes(12).toString("base64url")}`,
        file: `file-${randomBytes(12).toString("base64url")}`,
    };
    Object.values(values).forEach(rememberSecret);

    before(async function () {
        this.timeout(600_000);
        const found = compatGo();
        if (!found.path) {
            console.log(`    skipped: ${found.reason}`);
            this.skip();
        }
        sim = await startSimulatorProcess({ https: true, args: NO_RATE_LIMIT });
        const e = sim.env;
        [e.BT_PS_API_KEY, e.BT_PS_CLIENT_SECRET].forEach((s) => s && rememberSecret(s));
        const env: Record<string, string> = {
            BT_PS_API_URL: e.BT_PS_API_URL,
            BT_PS_API_KEY: e.BT_PS_API_KEY,
            BT_PS_RUNAS: e.BT_PS_RUNAS,
            BT_PS_CLIENT_ID: e.BT_PS_CLIENT_ID,
            BT_PS_CLIENT_SECRET: e.BT_PS_CLIENT_SECRET,
            SSL_CERT_FILE: e.BT_CA_FILE,
            PS_DRIVER_VERSIONS: VERSIONS.join(","),
            PS_DRIVER_AUTHS: AUTHS.join(","),
            PS_DRIVER_VALUES: JSON.stringify(values),
        };
        for (const [k, v] of Object.entries(env)) assert.ok(v, `no ${k} from the simulator`);
        const result = await runDriver([found.path!], env, async () => undefined);
        ({ steps, stderr } = result);
        exitCode = result.code;
    });
    after(async () => sim?.stop());

    for (const run of RUNS) {
        it(`${run}: every step the library takes succeeds`, function () {
            const mine = steps.filter((s) => s.step.startsWith(`${run}/`));
            assert.ok(mine.length >= 15, `only ${mine.length} steps reported for ${run}; driver stderr: ${stderr.slice(-500)}`);
            const failed = mine.filter((s) => !s.ok).map((s) => `${s.step}: ${JSON.stringify(s.detail)}`);
            assert.deepEqual(failed, [], `failed steps:\n${failed.join("\n")}`);
        });
    }

    it("the driver finished cleanly, and nothing it created is left", async function () {
        assert.equal(steps.find((s) => s.step === "summary")?.ok, true, `driver stderr: ${stderr.slice(-500)}`);
        assert.equal(exitCode, 0);
        const safes: any[] = await sim!.control("GET", "/ps/api/safes");
        assert.deepEqual(
            safes.map((s) => s.Name ?? s.name),
            ["Seed Safe"],
        );
        assert.deepEqual(await sim!.control("GET", "/ps/api/secrets"), []);
    });
});
