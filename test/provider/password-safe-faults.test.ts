// Password Safe faults the provider must survive, against a small in-test server speaking the
// contract for safes: a create whose answer is lost after the appliance committed it is found by
// its name before the POST is resent (one safe, one POST); a 503 on a read is retried.
import * as assert from "assert";
import * as crypto from "crypto";
import * as http from "http";
import { AddressInfo } from "net";
import { handler, resetClients } from "../../provider";
import { signOutAll } from "../../provider/core/session";
import { registerSecret } from "../../provider/core/redact";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

class FaultyPasswordSafe {
    safes: Array<{ Id: string; Name: string; Description: string }> = [];
    posts = 0;
    gets = 0;
    /** Faults to play, in order, on the next matching requests. */
    faults: Array<"drop-after-commit" | "503"> = [];
    private server = http.createServer((req, res) => this.handle(req, res));
    url = "";

    async start(): Promise<this> {
        await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/BeyondTrust/api/public/v3`;
        return this;
    }
    stop(): Promise<void> {
        this.server.closeAllConnections();
        return new Promise((r) => this.server.close(() => r()));
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const p = new URL(req.url ?? "/", "http://x").pathname.toLowerCase().replace(/\/+$/, "");
        let raw = "";
        req.on("data", (c) => (raw += c));
        req.on("end", () => {
            const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
                res.writeHead(status, { "content-type": "application/json", ...headers });
                res.end(JSON.stringify(body));
            };
            if (p.endsWith("/auth/signappin")) return json(200, { UserId: 1 }, { "set-cookie": "ASP.NET_SessionId=s1; path=/; HttpOnly" });
            if (p.endsWith("/auth/signout")) return json(200, "");
            if (!/ASP\.NET_SessionId=s1/.test(String(req.headers.cookie ?? ""))) return json(401, "User not authenticated");
            if (p.endsWith("/secrets-safe/safes") && req.method === "POST") {
                this.posts++;
                const body = JSON.parse(raw) as { Name: string; Description: string };
                if (this.safes.some((s) => s.Name.toLowerCase() === body.Name.toLowerCase())) return json(409, "A safe with that name already exists");
                const safe = { Id: crypto.randomUUID(), Name: body.Name, Description: body.Description ?? "" };
                this.safes.push(safe);
                if (this.faults[0] === "drop-after-commit") {
                    this.faults.shift();
                    return req.socket.destroy(); // committed, answer lost
                }
                return json(201, safe);
            }
            if (p.endsWith("/secrets-safe/safes") && req.method === "GET") {
                this.gets++;
                if (this.faults[0] === "503") {
                    this.faults.shift();
                    return json(503, "Service Unavailable");
                }
                return json(200, this.safes);
            }
            return json(404, "Not found");
        });
    }
}

describe("provider: Password Safe faults", function () {
    this.timeout(30_000);
    let ps: FaultyPasswordSafe;
    const saved: Record<string, string | undefined> = {};
    beforeEach(async () => {
        ps = await new FaultyPasswordSafe().start();
        for (const n of ["BT_PS_API_URL", "BT_PS_API_KEY", "BT_PS_RUNAS"]) saved[n] = process.env[n];
        Object.assign(process.env, { BT_PS_API_URL: ps.url, BT_PS_API_KEY: "faulty-key", BT_PS_RUNAS: "ps-admin" });
        resetClients();
    });
    afterEach(async () => {
        await signOutAll();
        for (const [n, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[n];
            else process.env[n] = v;
        }
        await ps.stop();
    });

    it("a create whose answer was lost after the commit: found by its name, not posted twice", async () => {
        ps.faults = ["drop-after-commit"];
        const h = handler("passwordsafe:Safe");
        const { inputs } = await h.check({}, { name: "Lost Answer Safe" });
        const { id } = await h.create(inputs!);
        assert.deepStrictEqual([ps.safes.length, ps.posts], [1, 1]);
        assert.strictEqual(id, ps.safes[0].Id.toLowerCase());
    });

    it("a 503 while looking for the lost create is retried; still one safe", async () => {
        ps.faults = ["drop-after-commit", "503"];
        const h = handler("passwordsafe:Safe");
        const { inputs } = await h.check({}, { name: "Busy Safe" });
        const { id } = await h.create(inputs!);
        assert.deepStrictEqual([ps.safes.length, ps.posts, ps.gets], [1, 1, 2]);
        assert.strictEqual(id, ps.safes[0].Id.toLowerCase());
    });
});

describe("provider: Password Safe faults injected by the simulator", function () {
    this.timeout(120_000);
    let sim: SimulatorProcess;
    let skip = "";
    const saved: Record<string, string | undefined> = {};
    const PS_ENV = ["BT_PS_API_URL", "BT_PS_API_KEY", "BT_PS_RUNAS", "BT_PS_CLIENT_ID", "BT_PS_CLIENT_SECRET"];
    before(async () => {
        sim = await startSimulatorProcess();
        const env = (sim as unknown as { env: Record<string, string> }).env;
        if (!env.BT_PS_API_URL) {
            skip = "this simulator build has no Password Safe API";
            return;
        }
        for (const n of PS_ENV) saved[n] = process.env[n];
        for (const n of PS_ENV) if (env[n] !== undefined) process.env[n] = env[n];
        registerSecret(env.BT_PS_API_KEY);
    });
    beforeEach(async function () {
        if (skip) {
            console.log(`      skipped: ${skip}`);
            this.skip();
        }
        resetClients();
        await sim.control("POST", "/ps/reset");
        await sim.control("DELETE", "/faults");
    });
    after(async () => {
        for (const n of PS_ENV) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
        await signOutAll();
        await sim?.stop();
    });

    const up = async (kind: string, inputs: Record<string, unknown>) => {
        const h = handler(kind);
        const r = await h.check({}, inputs);
        assert.deepStrictEqual(r.failures, undefined);
        return h.create(r.inputs!);
    };

    it("a secret POST committed and its answer lost: found by title in its folder, one secret, one POST", async () => {
        const folder = await up("passwordsafe:Folder", { name: "Faults", parentPath: "Seed Safe" });
        await sim.control("POST", "/faults", {
            rules: [{ kind: "lose-response", count: 1, match: { method: "POST", path: `/secrets-safe/folders/${folder.id}/secrets` } }],
        });
        await sim.control("POST", "/ps/counters/reset");
        await sim.control("POST", "/counters/reset");
        const { id } = await up("passwordsafe:CredentialSecret", { folderId: folder.id, title: "svc", username: "svc", password: "lost-answer-pw-1" });
        const c = await sim.control<any>("GET", "/ps/counters");
        const posts = Object.entries(c.requests.byRoute as Record<string, number>).filter(([k]) => k.startsWith("POST") && !/auth\//i.test(k));
        assert.deepStrictEqual(
            posts.map(([, n]) => n),
            [1],
            JSON.stringify(c.requests.byRoute),
        );
        assert.strictEqual((await sim.counters()).faultsInjected["lose-response"], 1, "the answer was really lost");
        const secrets = (await sim.control<any[]>("GET", "/ps/api/secrets")).filter((s) => String(s.FolderId).toLowerCase() === folder.id);
        assert.deepStrictEqual(
            secrets.map((s) => String(s.Id).toLowerCase()),
            [id],
        );
    });

    it("503s at 20% and dropped connections at 5% on every Password Safe path: 8 creates, 8 updates, 8 deletes all land exactly once", async () => {
        const folder = await up("passwordsafe:Folder", { name: "Flaky", parentPath: "Seed Safe" });
        await sim.control("POST", "/faults", {
            seed: 7,
            rules: [
                { kind: "status", status: 503, rate: 0.2, match: { path: "/secrets-safe" } },
                { kind: "drop", rate: 0.05, match: { path: "/secrets-safe" } },
            ],
        });
        await sim.control("POST", "/counters/reset");
        const h = handler("passwordsafe:TextSecret");
        const made = await Promise.all(
            Array.from({ length: 8 }, (_, i) => up("passwordsafe:TextSecret", { folderId: folder.id, title: `t${i}`, text: `flaky text ${i}` })),
        );
        await Promise.all(
            made.map(async (m, i) => {
                const news = (await h.check({}, { folderId: folder.id, title: `t${i}`, text: `flaky text ${i} v2` })).inputs!;
                await h.update(m.id, m.outs, news);
            }),
        );
        const injected = (await sim.counters()).faultsInjected as Record<string, number>;
        assert.ok(Object.values(injected).reduce((a, b) => a + b, 0) >= 3, `faults were injected: ${JSON.stringify(injected)}`);
        await sim.control("DELETE", "/faults");
        const live = (await sim.control<any[]>("GET", "/ps/api/secrets")).filter((s) => String(s.FolderId).toLowerCase() === folder.id);
        assert.deepStrictEqual(live.map((s) => s.Title).sort(), made.map((_, i) => `t${i}`).sort(), "each created once");
        for (const s of live) assert.match(String(s.Text), / v2$/, "each update applied");
        await sim.control("POST", "/faults", { seed: 7, rules: [{ kind: "status", status: 503, rate: 0.2, match: { path: "/secrets-safe" } }] });
        await Promise.all(made.map((m) => h.delete(m.id, m.outs)));
        await sim.control("DELETE", "/faults");
        const left = (await sim.control<any[]>("GET", "/ps/api/secrets")).filter((s) => String(s.FolderId).toLowerCase() === folder.id);
        assert.deepStrictEqual(left, []);
    });
});
