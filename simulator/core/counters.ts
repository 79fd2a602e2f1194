// What benchmarks and tests read back: every API/token request that reached the server, whatever
// its fate (401, 429, injected fault), plus committed writes and minted tokens.

export interface CounterSnapshot {
    requests: { total: number; byMethod: Record<string, number>; byRoute: Record<string, number> };
    writes: number;
    tokensMinted: number;
    tokensMintedByAccount: Record<string, number>;
    rateLimited: number;
    faultsInjected: Record<string, number>;
    controlRequests: number;
    /** Membership changes (grants, provision) that overlapped another on the same group policy. */
    concurrentMembershipChanges: number;
}

export class Counters {
    private s: CounterSnapshot = Counters.empty();

    private static empty(): CounterSnapshot {
        return {
            requests: { total: 0, byMethod: {}, byRoute: {} },
            writes: 0,
            tokensMinted: 0,
            tokensMintedByAccount: {},
            rateLimited: 0,
            faultsInjected: {},
            controlRequests: 0,
            concurrentMembershipChanges: 0,
        };
    }

    request(method: string, route: string): void {
        this.s.requests.total++;
        bump(this.s.requests.byMethod, method);
        bump(this.s.requests.byRoute, route);
    }

    write(): void {
        this.s.writes++;
    }

    tokenMinted(clientId: string): void {
        this.s.tokensMinted++;
        bump(this.s.tokensMintedByAccount, clientId);
    }

    rateLimited(): void {
        this.s.rateLimited++;
    }

    fault(kind: string): void {
        bump(this.s.faultsInjected, kind);
    }

    concurrentMembershipChange(): void {
        this.s.concurrentMembershipChanges++;
    }

    control(): void {
        this.s.controlRequests++;
    }

    snapshot(): CounterSnapshot {
        return JSON.parse(JSON.stringify(this.s));
    }

    reset(): void {
        this.s = Counters.empty();
    }
}

function bump(map: Record<string, number>, key: string): void {
    map[key] = (map[key] ?? 0) + 1;
}
