import { processState } from "./process-state";

/** Process-wide counters: what tests and benchmarks read to prove "one token", "N calls", "K retries". */
export interface ClientStats {
    requests: number;
    byMethod: Record<string, number>;
    retries: number;
    reauthentications: number;
    rateLimited: number;
    tokensMinted: number;
}

function zero(): ClientStats {
    return { requests: 0, byMethod: {}, retries: 0, reauthentications: 0, rateLimited: 0, tokensMinted: 0 };
}

export const clientStats = processState<ClientStats>("clientStats", zero);

export function resetClientStats(): void {
    Object.assign(clientStats, zero());
}
