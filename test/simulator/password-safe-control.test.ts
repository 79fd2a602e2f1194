import { strict as assert } from "node:assert";
import { spawn } from "node:child_process";
import { rememberSecret } from "../support/secret-scan";
import { SIMULATOR_CLI, SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { startSimulator } from "../../simulator";
import { Api } from "./client";
import { PsClient, multipart, psSend, usePasswordSafe } from "./ps-client";

const PW = "control-pw-Rr77";
rememberSecret(PW);

describe("simulator: Password Safe control API (/_sim/ps)", function () {
    let sim: SimulatorProcess;
    let ps: PsClient;
    usePasswordSafe({ signIn: true }, (s, c) => {
        sim = s;
        ps = c;
    });

    it("GET state shows the seed: one user, one key, one client, Seed Safe, no folders or secrets", async () => {
        const st = await sim.psControl("GET", "/state");
        assert.deepEqual(
            {
                users: st.users.map((u: any) => u.UserName),
                keys: st.apiKeys.length,
                clients: st.clients.length,
                folders: st.folders.map((f: any) => f.name),
                secrets: st.secrets.length,
            },
            { users: ["ps-admin"], keys: 1, clients: 1, folders: ["Seed Safe"], secrets: 0 },
        );
    });

    it("POST seed adds folders and secrets in the state format; POST reset returns to the seed and ends sessions", async () => {
        const safeId = "5eed5afe-0000-4000-8000-000000000001";
        const folderId = "f01de000-0000-4000-8000-000000000002";
        await sim.psControl("POST", "/seed", {
            folders: [
                { id: folderId, name: "seeded", description: null, parentId: safeId, userGroupId: null, userId: 1, createdOn: "2026-01-01T00:00:00.000Z" },
            ],
            secrets: [
                {
                    id: "5ec2e700-0000-4000-8000-000000000003",
                    folderId,
                    type: "Credential",
                    title: "seeded",
                    description: "",
                    notes: "",
                    urls: [],
                    owners: { owners: [{ userId: 1, name: "ps-admin", email: "" }], ownerType: "User" },
                    username: "u",
                    password: PW,
                    createdOn: "2026-01-01T00:00:00.000Z",
                    createdBy: "ps-admin",
                    modifiedOn: "2026-01-01T00:00:00.000Z",
                    modifiedBy: "ps-admin",
                    secretValueModifiedOn: "2026-01-01T00:00:00.000Z",
                },
            ],
        });
        const found = await ps.must(200, "GET", "/secrets-safe/secrets?path=Seed Safe/seeded&title=seeded");
        assert.equal(found[0].Password, PW);
        await sim.psControl("POST", "/reset");
        assert.equal((await ps.get("/secrets-safe/safes")).status, 401, "reset ends sessions");
        await ps.signIn();
        assert.deepEqual(
            (await ps.must(200, "GET", "/secrets-safe/folders")).map((f: any) => f.Name),
            ["Seed Safe"],
        );
    });

    it("POST users and POST clients add sign-ins; the new client's token signs in as its user", async () => {
        await sim.psControl("POST", "/users", { UserName: "svc", Name: "Service", EmailAddress: "svc@example.com" });
        const client = await sim.psControl("POST", "/clients", { UserName: "svc" });
        rememberSecret(client.client_secret);
        const t = await ps.token(client.client_id, client.client_secret);
        assert.equal(t.status, 200);
        const s = await new PsClient(sim).signIn(`Bearer ${t.body.access_token}`);
        assert.deepEqual(
            { UserName: s.body.UserName, Name: s.body.Name, EmailAddress: s.body.EmailAddress },
            { UserName: "svc", Name: "Service", EmailAddress: "svc@example.com" },
        );
        const key = await sim.psControl("POST", "/api-keys", {});
        assert.equal((await new PsClient(sim).signIn(`PS-Auth key=${key.key};runas=svc;`)).status, 200);
    });

    it("PUT config refuses unknown keys and bad values (422)", async () => {
        const bad = await psSend(sim.controlUrl + "/ps/config", "PUT", { body: { sessionIdleSeconds: 0 } });
        assert.equal(bad.status, 422);
        const unknown = await psSend(sim.controlUrl + "/ps/config", "PUT", { body: { idle: 5 } });
        assert.equal(unknown.status, 422);
        assert.equal((await psSend(sim.controlUrl + "/ps/nothing", "GET")).status, 404);
    });

    it("the PRA control API is unchanged beside it: /_sim/state is PRA's dump", async () => {
        const st = await sim.control("GET", "/state");
        assert.ok(st.collections && st.product === "pra");
    });
});

describe("simulator: Password Safe and the request log", function () {
    it("--verbose logs method, path, status and time for Password Safe calls, never a key, cookie, password or file content", async () => {
        const child = spawn(process.execPath, [SIMULATOR_CLI, "--port", "0", "--verbose", "--ps-api-key", "L".repeat(128)], {
            stdio: ["ignore", "pipe", "pipe"],
        });
        let stdout = "";
        let stderr = "";
        child.stderr.on("data", (d) => (stderr += d));
        const exited = new Promise<number | null>((r) => child.once("exit", (code) => r(code)));
        try {
            await new Promise<void>((resolve) =>
                child.stdout.on("data", (d) => {
                    stdout += d;
                    if (stdout.includes("BT_PS_CLIENT_SECRET=")) resolve();
                }),
            );
            const env = Object.fromEntries(
                stdout
                    .trim()
                    .split("\n")
                    .map((l) => l.split(/=(.*)/s).slice(0, 2)),
            );
            const ps = new PsClient({ env } as unknown as SimulatorProcess);
            const signIn = await ps.signIn(`PS-Auth key=${"L".repeat(128)}; runas=ps-admin;`);
            assert.equal(signIn.status, 200);
            const safe = (await ps.must(200, "GET", "/secrets-safe/safes"))[0];
            await ps.must(201, "POST", `/secrets-safe/folders/${safe.Id}/secrets`, { Title: "logged?", Username: "u", Password: PW });
            const body = multipart([
                { name: "secretmetadata", data: JSON.stringify({ Title: "f", FileName: "f.txt" }) },
                { name: "files", filename: "f.txt", data: "file-content-Yy88" },
            ]);
            assert.equal((await ps.call("POST", `/secrets-safe/folders/${safe.Id}/secrets/file`, { raw: body.raw, headers: body.headers })).status, 201);
            await ps.get("/secrets-safe/secrets?path=Seed Safe&title=logged?");
            child.kill("SIGINT");
            assert.equal(await exited, 0);
            const lines = stderr
                .trim()
                .split("\n")
                .filter((l) => / \d+ms$/.test(l));
            assert.equal(lines.length, 5, stderr);
            assert.match(lines[0], /POST \/BeyondTrust\/api\/public\/v3\/Auth\/SignAppin 200/);
            assert.match(lines[4], /GET \/BeyondTrust\/api\/public\/v3\/secrets-safe\/secrets 200/, "no query string");
            const cookie = ps.cookie!.split("=")[1];
            for (const secret of ["L".repeat(128), PW, "file-content-Yy88", cookie, "Seed Safe"]) assert.ok(!stderr.includes(secret), "a secret in the log");
        } finally {
            if (child.exitCode === null) child.kill("SIGKILL");
        }
    });
});

describe("simulator: Password Safe beside Remote Support", function () {
    it("is mounted with --product rs too, and RS's API still answers", async () => {
        const sim = await startSimulatorProcess({ product: "rs" });
        try {
            const ps = new PsClient(sim);
            assert.equal((await ps.signIn()).status, 200);
            assert.deepEqual(
                (await ps.must(200, "GET", "/secrets-safe/safes")).map((s: any) => s.Name),
                ["Seed Safe"],
            );
            assert.equal((await new Api(sim).get("/rep-status")).status, 200);
        } finally {
            await sim.stop();
        }
    });
});

describe("simulator: Password Safe over --https", function () {
    it("serves Password Safe over TLS with the printed BT_CA_FILE, OAuth and the cookie included", async () => {
        const sim = await startSimulatorProcess({ https: true });
        try {
            assert.match(sim.env.BT_PS_API_URL, /^https:\/\/127\.0\.0\.1:\d+\/BeyondTrust\/api\/public\/v3$/);
            assert.ok(sim.env.BT_CA_FILE);
            const ps = new PsClient(sim);
            const t = await ps.token();
            assert.equal(t.status, 200);
            assert.equal((await ps.signIn(`Bearer ${t.body.access_token}`)).status, 200);
            assert.equal((await ps.get("/secrets-safe/safes")).status, 200);
        } finally {
            await sim.stop();
        }
    });
});

describe("simulator: startSimulator in process", function () {
    it("returns the printed lines and the same as env, Password Safe's included, and serves both products", async () => {
        const sim = await startSimulator({ port: 0 });
        try {
            assert.deepEqual(
                sim.lines,
                Object.entries(sim.env).map(([k, v]) => `${k}=${v}`),
            );
            assert.equal(sim.env.BT_PS_API_URL, `${sim.url}/BeyondTrust/api/public/v3`);
            const r = await psSend(sim.env.BT_PS_API_URL + "/Auth/SignAppin", "POST", {
                headers: { Authorization: `PS-Auth key=${sim.env.BT_PS_API_KEY};runas=${sim.env.BT_PS_RUNAS};` },
            });
            assert.equal(r.status, 200);
            assert.equal((await psSend(`${sim.url}/api/config/v1/jumpoint`, "GET")).status, 401, "PRA's API, without a token");
        } finally {
            await sim.close();
        }
    });
});
