// A suite's simulator for EPM provider tests: started once, the provider pointed at it through its
// lowest-precedence source (the BT_EPM_* environment the simulator prints), its credentials and the
// suite's secret values registered for the secret scan, and everything put back afterwards. Call it
// at the top of a describe(); the suite's own before() hooks run after it.
import { resetClients } from "../../provider";
import { registerSecret } from "../../provider/core/redact";
import { SimulatorProcess, startSimulatorProcess } from "./simulator";

const EPM_ENV = ["BT_EPM_API_URL", "BT_EPM_CLIENT_ID", "BT_EPM_CLIENT_SECRET", "BT_EPM_API_VERSION"];

export interface EpmSimulator {
    readonly sim: SimulatorProcess;
    /** The EPM control API (`/_sim/epm/...`): state, reset, seed, computers, out-of-band edits, counters, config. */
    control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
}

export function useEpmSimulator(secrets: string[] = []): EpmSimulator {
    let sim: SimulatorProcess | undefined;
    const saved: Record<string, string | undefined> = {};
    const handle: EpmSimulator = {
        get sim() {
            if (!sim) throw new Error("the EPM simulator is not started yet (use it inside hooks and tests)");
            return sim;
        },
        control: (method, path, body) => handle.sim.control(method, `/epm${path}`, body),
    };
    before(async () => {
        sim = await startSimulatorProcess();
        if (!sim.env.BT_EPM_API_URL) throw new Error("the simulator printed no BT_EPM_API_URL line: it has no EPM API");
        for (const n of EPM_ENV) saved[n] = process.env[n];
        for (const n of EPM_ENV) {
            if (sim.env[n] !== undefined) process.env[n] = sim.env[n];
            else delete process.env[n];
        }
        for (const s of [sim.env.BT_EPM_CLIENT_SECRET, ...secrets]) registerSecret(s);
        resetClients();
        await handle.control("POST", "/reset");
    });
    after(async () => {
        for (const n of EPM_ENV) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
        await sim?.stop();
    });
    return handle;
}
