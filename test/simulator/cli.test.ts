import { strict as assert } from "node:assert";
import { spawn, spawnSync } from "node:child_process";
import { SIMULATOR_CLI } from "../support/simulator";
import { send } from "./client";

describe("simulator: bt-simulator CLI", function () {
    it("--help prints the flags; unknown flags exit 2", () => {
        const help = spawnSync(process.execPath, [SIMULATOR_CLI, "--help"], { encoding: "utf8" });
        assert.equal(help.status, 0);
        for (const flag of [
            "--host",
            "--port",
            "--client-id",
            "--client-secret",
            "--state",
            "--https",
            "--product",
            "--rate-per-second",
            "--rate-per-hour",
            "--latency",
            "--verbose",
        ]) {
            assert.ok(help.stdout.includes(flag), flag);
        }
        const bad = spawnSync(process.execPath, [SIMULATOR_CLI, "--frobnicate"], { encoding: "utf8" });
        assert.equal(bad.status, 2);
        assert.match(bad.stderr, /unknown option --frobnicate/);
        const badProduct = spawnSync(process.execPath, [SIMULATOR_CLI, "--product", "epm"], { encoding: "utf8" });
        assert.equal(badProduct.status, 2);
    });

    it("prints exactly parseable BT_* lines, logs one line per request with --verbose and never a secret, exits 0 on SIGINT", async () => {
        const child = spawn(
            process.execPath,
            [
                SIMULATOR_CLI,
                "--port",
                "0",
                "--verbose",
                "--client-id",
                "cli-id",
                "--client-secret",
                "cli-secret-value",
                "--epm-client-id",
                "epm-cli-id",
                "--epm-client-secret",
                "epm-cli-secret",
            ],
            {
                stdio: ["ignore", "pipe", "pipe"],
            },
        );
        let stdout = "";
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
        await new Promise<void>((resolve) =>
            child.stdout.on("data", (d) => {
                stdout += d;
                if (stdout.includes("BT_EPM_CLIENT_SECRET=")) resolve();
            }),
        );
        const vars = Object.fromEntries(
            stdout
                .trim()
                .split("\n")
                .map((l) => l.split(/=(.*)/s).slice(0, 2)),
        );
        // PRA/RS's lines first, unchanged; Password Safe's and EPM's (always mounted beside it) after them.
        assert.deepEqual(Object.keys(vars), [
            "BT_API_HOST",
            "BT_CLIENT_ID",
            "BT_CLIENT_SECRET",
            "BT_SIMULATOR_CONTROL",
            "BT_PS_API_URL",
            "BT_PS_API_KEY",
            "BT_PS_RUNAS",
            "BT_PS_CLIENT_ID",
            "BT_PS_CLIENT_SECRET",
            "BT_EPM_API_URL",
            "BT_EPM_CLIENT_ID",
            "BT_EPM_CLIENT_SECRET",
        ]);
        assert.equal(vars.BT_PS_API_URL, `${vars.BT_API_HOST}/BeyondTrust/api/public/v3`);
        // EPM's URL is the origin: clients add /management-api/v3 and /oauth/connect/token.
        assert.equal(vars.BT_EPM_API_URL, vars.BT_API_HOST);
        assert.equal(vars.BT_EPM_CLIENT_ID, "epm-cli-id");
        assert.equal(vars.BT_EPM_CLIENT_SECRET, "epm-cli-secret");
        assert.match(vars.BT_API_HOST, /^http:\/\/127\.0\.0\.1:\d+$/);
        assert.equal(vars.BT_CLIENT_ID, "cli-id");
        assert.equal(vars.BT_CLIENT_SECRET, "cli-secret-value");
        assert.equal(vars.BT_SIMULATOR_CONTROL, `${vars.BT_API_HOST}/_sim`);

        const basic = "Basic " + Buffer.from("cli-id:cli-secret-value").toString("base64");
        const tok = await send(`${vars.BT_API_HOST}/oauth2/token`, "POST", undefined, {
            raw: "grant_type=client_credentials",
            headers: { "Content-Type": "application/x-www-form-urlencoded", Authorization: basic },
        });
        const token = tok.body.access_token;
        await send(
            `${vars.BT_API_HOST}/api/config/v1/vault/account`,
            "POST",
            { type: "username_password", name: "n", username: "u", password: "pw-do-not-log" },
            { token },
        );
        child.kill("SIGINT");
        assert.equal(await exited, 0);

        const lines = stderr
            .trim()
            .split("\n")
            .filter((l) => / \d+ms$/.test(l));
        assert.equal(lines.length, 2, stderr);
        assert.match(lines[0], /POST \/oauth2\/token 200/);
        assert.match(lines[1], /POST \/api\/config\/v1\/vault\/account 201/);
        for (const secret of ["cli-secret-value", "epm-cli-secret", "pw-do-not-log", token, basic]) assert.ok(!stderr.includes(secret));
    });
});
