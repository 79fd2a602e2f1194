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

        // Every step is ordered by events, not by sleeps: the outage starts with a create in flight
        // (held by the appliance, then cut by the stop), creates keep starting while it is down, and
        // the appliance is back before the last ones. What a create meets depends only on when it
        // started, so the expectations below hold however slow the machine is.
        type Phase = "before" | "in flight at the stop" | "outage" | "after";
        const results: Array<{ name: string; phase: Phase; id?: string; error?: string }> = [];
        let serial = 0;
        const createOne = async (phase: Phase) => {
            const name = `group ${serial++}`;
            const checked = await handler("pra:JumpGroup").check({}, { name });
            try {
                const { id } = await handler("pra:JumpGroup").create(checked.inputs!);
                results.push({ name, phase, id });
            } catch (err) {
                results.push({ name, phase, error: (err as Error).message });
            }
        };
        for (let i = 0; i < 4; i++) await createOne("before");

        const posts = async () => (await sim!.counters()).requests.byRoute["POST /jump-group"] ?? 0;
        const postsBefore = await posts();
        await sim.control("POST", "/faults", { rules: [{ kind: "latency", ms: 600_000, count: 1, match: { method: "POST", path: "/jump-group" } }] });
        const held = createOne("in flight at the stop");
        while ((await posts()) === postsBefore); // the appliance holds it: stop with it in flight
        await sim.stop();

        let phase: Phase = "outage";
        const duringOutage = (async () => {
            while (phase === "outage") await createOne("outage");
        })();
        sim = await start();
        phase = "after";
        await Promise.all([held, duringOutage]);
        for (let i = 0; i < 4; i++) await createOne("after");

        const created = results.filter((r) => r.id);
        const byPhase = (p: Phase) => results.filter((r) => r.phase === p);
        assert.ok(
            byPhase("before").every((r) => r.id),
            `before the stop every create completes: ${JSON.stringify(byPhase("before"))}`,
        );
        assert.strictEqual(byPhase("in flight at the stop").length, 1);
        assert.ok(byPhase("outage").length >= 1, "at least one create started while the appliance was down");
        assert.ok(
            byPhase("after").every((r) => r.id),
            `after the restart every create completes: ${JSON.stringify(byPhase("after"))}`,
        );
        for (const r of results.filter((r) => r.error)) assert.match(r.error!, /JumpGroup|Jump Group/);
        const tally = (p: Phase) => `${byPhase(p).filter((r) => r.id).length}/${byPhase(p).length}`;
        console.log(
            `      completed: before ${tally("before")}, in flight ${tally("in flight at the stop")}, outage ${tally("outage")}, after ${tally("after")}`,
        );
        const live = (await sim.control("GET", "/state")).collections["jump-group"];
        assert.deepStrictEqual(
            live.map((o: any) => `${o.id}:${o.name}`).sort(),
            created.map((r) => `${r.id}:${r.name}`).sort(),
            "the restarted appliance holds exactly the objects the run tracks",
        );
        fs.rmSync(dir, { recursive: true, force: true });
    });
});
