import { SimulatorProcess } from "./simulator";

const NAMES = ["BT_API_HOST", "BT_CLIENT_ID", "BT_CLIENT_SECRET", "BT_CA_FILE", "BT_PRODUCT"];

/** Points the provider at the simulator through the environment (its lowest-precedence source) for a suite. */
export function useSimulatorEnv(sim: () => SimulatorProcess | undefined): void {
    const saved: Record<string, string | undefined> = {};
    beforeEach(() => {
        const s = sim();
        if (!s) return;
        for (const n of NAMES) saved[n] = process.env[n];
        Object.assign(process.env, s.env);
        if (s.caFile) process.env.BT_CA_FILE = s.caFile;
    });
    afterEach(() => {
        for (const n of NAMES) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
    });
}
