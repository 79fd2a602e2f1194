// Every vault-account PATCH carries `type`: the official spec's PATCH body is a oneOf of the
// account types that only `type` tells apart (Stoplight Prism serving the spec refuses a PATCH
// without it). The bodies are recorded on the wire, by a small proxy between provider and simulator.
import * as assert from "assert";
import * as http from "node:http";
import { AddressInfo } from "node:net";
import { handler, resetClients } from "../../provider";
import { MiniEngine } from "../support/mini-engine";
import { SSH_KEY } from "../support/bad-inputs";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

interface Recorded {
    method: string;
    path: string;
    body: any;
}

/** Forwards every request to `target` and records method, path and JSON body. */
async function recordingProxy(target: string): Promise<{ url: string; seen: Recorded[]; close(): Promise<void> }> {
    const seen: Recorded[] = [];
    const server = http.createServer((req, res) => {
        const chunks: Buffer[] = [];
        req.on("data", (c) => chunks.push(c));
        req.on("end", () => {
            const raw = Buffer.concat(chunks);
            let body: unknown;
            try {
                body = raw.length > 0 && /json/.test(String(req.headers["content-type"])) ? JSON.parse(raw.toString("utf8")) : undefined;
            } catch {
                body = undefined;
            }
            seen.push({ method: req.method ?? "", path: new URL(req.url ?? "/", "http://x").pathname, body });
            const upstream = http.request(
                new URL(req.url ?? "/", target),
                { method: req.method, headers: { ...req.headers, host: new URL(target).host } },
                (up) => {
                    res.writeHead(up.statusCode ?? 502, up.headers);
                    up.pipe(res);
                },
            );
            upstream.on("error", () => res.destroy());
            upstream.end(raw);
        });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    const { port } = server.address() as AddressInfo;
    return {
        url: `http://127.0.0.1:${port}`,
        seen,
        close: () =>
            new Promise<void>((resolve) => {
                server.closeAllConnections();
                server.close(() => resolve());
            }),
    };
}

describe("provider: a vault-account PATCH always carries type", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    let proxy: Awaited<ReturnType<typeof recordingProxy>>;
    const saved: Record<string, string | undefined> = {};

    before(async () => {
        sim = await startSimulatorProcess();
        proxy = await recordingProxy(sim.apiHost);
        for (const n of ["BT_API_HOST", "BT_CLIENT_ID", "BT_CLIENT_SECRET", "BT_PRODUCT"]) saved[n] = process.env[n];
        Object.assign(process.env, { BT_API_HOST: proxy.url, BT_CLIENT_ID: sim.clientId, BT_CLIENT_SECRET: sim.clientSecret, BT_PRODUCT: "pra" });
        resetClients();
    });
    after(async () => {
        for (const [n, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[n];
            else process.env[n] = v;
        }
        resetClients();
        await proxy?.close();
        await sim?.stop();
    });

    const patches = () => proxy.seen.filter((r) => r.method === "PATCH" && r.path.startsWith("/api/config/v1/vault/account/"));

    const CASES: Array<{ kind: string; type: string; inputs: Record<string, unknown>; update: Record<string, unknown> }> = [
        {
            kind: "pra:VaultUsernamePasswordAccount",
            type: "username_password",
            inputs: { name: "u", username: "svc", password: "Initial-Passw0rd!" },
            update: { description: "rotated" },
        },
        { kind: "pra:VaultSshAccount", type: "ssh", inputs: { name: "k", username: "ec2-user", privateKey: SSH_KEY }, update: { description: "bastion key" } },
        {
            kind: "pra:VaultSshAccount",
            type: "ssh_ca",
            inputs: { name: "kc", type: "ssh_ca", username: "ec2-user", privateKey: SSH_KEY },
            update: { username: "admin" },
        },
        { kind: "pra:VaultTokenAccount", type: "opaque_token", inputs: { name: "t", token: "tok-123456789" }, update: { token: "tok-987654321" } },
    ];

    for (const c of CASES) {
        it(`${c.kind} (${c.type}): the update PATCH sends type "${c.type}" with only the changed fields`, async () => {
            const e = new MiniEngine();
            await e.up("it", c.kind, c.inputs);
            proxy.seen.length = 0;
            const updated = await e.up("it", c.kind, { ...c.inputs, ...c.update });
            assert.strictEqual(updated.step, "update");
            assert.strictEqual(patches().length, 1, JSON.stringify(proxy.seen.map((r) => `${r.method} ${r.path}`)));
            const body = patches()[0].body;
            const expected = Object.keys(c.update).map((k) => k.replace(/[A-Z]/g, (ch) => `_${ch.toLowerCase()}`));
            assert.deepStrictEqual(Object.keys(body).sort(), ["type", ...expected].sort());
            assert.strictEqual(body.type, c.type);
            await e.destroyAll();
        });
    }

    it("adopting an account converges it with a PATCH that carries type too", async () => {
        const e = new MiniEngine();
        const made = await e.up("hand-made", "pra:VaultTokenAccount", { name: "legacy-token", token: "tok-aaaaaaaa", description: "by hand" });
        proxy.seen.length = 0;
        const checked = await handler("pra:VaultTokenAccount").check({}, { name: "legacy-token", token: "tok-bbbbbbbb", description: "managed", adopt: true });
        const adopted = await handler("pra:VaultTokenAccount").create(checked.inputs!);
        assert.strictEqual(adopted.id, made.tracked.id);
        assert.strictEqual(patches().length, 1);
        assert.strictEqual(patches()[0].body.type, "opaque_token");
        assert.strictEqual(patches()[0].body.description, "managed");
        await e.destroyAll();
    });
});
