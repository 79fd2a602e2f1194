// A suite's simulator for Password Safe provider tests: started once, the provider pointed at it
// through its lowest-precedence source (the BT_PS_* environment the simulator prints), its
// credentials and the suite's secret values registered for the secret scan, and everything put
// back afterwards. Call it at the top of a describe(); the suite's own before() hooks run after it.
import { resetClients } from "../../provider";
import { registerSecret } from "../../provider/core/redact";
import { SimulatorProcess, startSimulatorProcess } from "./simulator";

const PS_ENV = ["BT_PS_API_URL", "BT_PS_API_KEY", "BT_PS_RUNAS", "BT_PS_CLIENT_ID", "BT_PS_CLIENT_SECRET", "BT_CA_FILE"];

export interface PasswordSafeSimulator {
    readonly sim: SimulatorProcess;
    /** The Password Safe control API (`/_sim/ps/...`). */
    control<T = any>(method: string, path: string, body?: unknown): Promise<T>;
}

export function usePasswordSafeSimulator(secrets: string[] = []): PasswordSafeSimulator {
    let sim: SimulatorProcess | undefined;
    const saved: Record<string, string | undefined> = {};
    const handle: PasswordSafeSimulator = {
        get sim() {
            if (!sim) throw new Error("the Password Safe simulator is not started yet (use it inside hooks and tests)");
            return sim;
        },
        control: (method, path, body) => handle.sim.control(method, `/ps${path}`, body),
    };
    before(async () => {
        sim = await startSimulatorProcess();
        if (!sim.env.BT_PS_API_URL) throw new Error("the simulator printed no BT_PS_API_URL line: it has no Password Safe API");
        for (const n of PS_ENV) saved[n] = process.env[n];
        for (const n of PS_ENV) if (sim.env[n] !== undefined) process.env[n] = sim.env[n];
        for (const s of [sim.env.BT_PS_API_KEY, sim.env.BT_PS_CLIENT_SECRET, ...secrets]) registerSecret(s);
        resetClients();
        await handle.control("POST", "/reset");
    });
    after(async () => {
        for (const n of PS_ENV) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
        await sim?.stop();
    });
    return handle;
}
