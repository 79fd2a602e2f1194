// What an operation cost on the EPM simulator: its Management API calls by route (token requests
// apart), how many of them were writes, and the tokens minted. Counted as the difference of two
// counter snapshots, since a counter reset would also reset the tenant (and drop the token).
import type { EpmSimulator } from "./epm-env";

export interface EpmCost {
    /** Management API requests (the token endpoint not included). */
    api: number;
    /** Of those, the ones that are not GETs. */
    writes: number;
    tokens: number;
    byRoute: Record<string, number>;
}

const isToken = (route: string) => /\/oauth\//i.test(route);

export function epmCounter(epm: EpmSimulator) {
    const snapshot = async () => {
        const c = await epm.control<any>("GET", "/counters");
        return { byRoute: { ...(c.requests.byRoute as Record<string, number>) }, tokens: Number(c.tokensMinted) };
    };
    return async function cost<T>(run: () => Promise<T>): Promise<{ result: T; cost: EpmCost }> {
        const before = await snapshot();
        const result = await run();
        const after = await snapshot();
        const byRoute: Record<string, number> = {};
        for (const [route, n] of Object.entries(after.byRoute)) {
            const delta = n - (before.byRoute[route] ?? 0);
            if (delta > 0 && !isToken(route)) byRoute[route] = delta;
        }
        const api = Object.values(byRoute).reduce((a, b) => a + b, 0);
        const writes = Object.entries(byRoute)
            .filter(([r]) => !r.startsWith("GET "))
            .reduce((a, [, b]) => a + b, 0);
        return { result, cost: { api, writes, tokens: after.tokens - before.tokens, byRoute } };
    };
}
