// The appliance restarting in the middle of a run (simulator with --state): every create either
// completes, with its object on the restarted appliance, or fails cleanly; nothing exists that the
// run does not know about.
import * as assert from "assert";
import * as fs from "fs";
import * as net from "net";
import * as os from "os";
import * as path from "path";
import { handler, resetClients } from "../../provider";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

function freePort(): Promise<number> {
    return new Promise((resolve, reject) => {
        const srv = net.createServer();
        srv.once("error", reject);
        srv.listen(0, "127.0.0.1", () => {
            const port = (srv.address() as net.AddressInfo).port;
            srv.close(() => resolve(port));
        });
    });
}

describe("provider: the appliance restarts mid-run", function () {
    this.timeout(120_000);
    let sim: SimulatorProcess | undefined;
    const saved = { ...process.env };
    after(async () => {
        await sim?.stop();
        for (const k of ["BT_API_HOST", "BT_CLIENT_ID", "BT_CLIENT_SECRET"]) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
    });

    it("creates complete or fail cleanly; no object without state", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "bt-restart-"));
        const stateFile = path.join(dir, "state.json");
        const port = await freePort();
        const args = ["--port", String(port), "--client-id", "restart-test", "--client-secret", "restart-secret-0123"];
        const start = () => startSimulatorProcess({ stateFile, args });
        sim = await start();
        Object.assign(process.env, sim.env);
        resetClients();

        const results: Array<{ name: string; id?: string; error?: string }> = [];
        const run = (async () => {
            for (let i = 0; i < 16; i++) {
                const name = `group ${i}`;
                const checked = await handler("pra:JumpGroup").check({}, { name });
                try {
                    const { id } = await handler("pra:JumpGroup").create(checked.inputs!);
                    results.push({ name, id });
                } catch (err) {
                    results.push({ name, error: (err as Error).message });
                }
                await new Promise((r) => setTimeout(r, 60));
            }
        })();
        await new Promise((r) => setTimeout(r, 300));
        await sim.stop();
        await new Promise((r) => setTimeout(r, 800));
        sim = await start();
        await run;

        const live = (await sim.control("GET", "/state")).collections["jump-group"];
        const created = results.filter((r) => r.id);
        assert.ok(created.length >= 12, `most creates completed: ${JSON.stringify(results)}`);
        for (const r of results.filter((r) => r.error)) assert.match(r.error!, /JumpGroup|Jump Group/);
        assert.deepStrictEqual(
            live.map((o: any) => `${o.id}:${o.name}`).sort(),
            created.map((r) => `${r.id}:${r.name}`).sort(),
            "the restarted appliance holds exactly the objects the run tracks",
        );
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
