import { SimulatorProcess } from "./simulator";

const NAMES = ["BT_API_HOST", "BT_CLIENT_ID", "BT_CLIENT_SECRET", "BT_CA_FILE", "BT_PRODUCT"];

/** Points the provider at the simulator through the environment (its lowest-precedence source) for a suite. */
export function useSimulatorEnv(sim: () => SimulatorProcess | undefined): void {
    let saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        const s = sim();
        if (!s) return;
        // s.env holds every printed line (BT_SIMULATOR_CONTROL, BT_PS_* too): restore them all after.
        saved = {};
        for (const n of [...NAMES, ...Object.keys(s.env)]) saved[n] = process.env[n];
        Object.assign(process.env, s.env);
        if (s.caFile) process.env.BT_CA_FILE = s.caFile;
    });
    afterEach(() => {
        for (const n of Object.keys(saved)) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
    });
}
