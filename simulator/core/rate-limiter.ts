// Per-account sliding-window limits. The windows are data ({spanMs, limit}), so each product
// states its own: PRA/RS 20/s and 15,000/h (RateLimiter below), EPM 1000 per 100 s. Sliding
// windows never allow the double burst a fixed window allows at its boundary, so a client that
// stays under them here also stays under them on an appliance using either kind. Refused
// requests do not use quota.

export interface RateWindow {
    spanMs: number;
    limit: number;
}

export interface RateLimits {
    perSecond: number;
    perHour: number;
}

export interface RateDecision {
    allowed: boolean;
    /** The longest window's limit (what X-RateLimit-Limit reports) and what is left of it. */
    limit: number;
    remaining: number;
    retryAfterSeconds?: number;
}

class Window {
    // Timestamps in arrival order; `head` skips expired ones without shifting the array each time.
    private stamps: number[] = [];
    private head = 0;

    constructor(private readonly span: number) {}

    count(now: number): number {
        while (this.head < this.stamps.length && this.stamps[this.head] <= now - this.span) this.head++;
        if (this.head > 1024 && this.head * 2 > this.stamps.length) {
            this.stamps = this.stamps.slice(this.head);
            this.head = 0;
        }
        return this.stamps.length - this.head;
    }

    /** Milliseconds until `excess` more slots free up. */
    waitFor(now: number, excess: number): number {
        const idx = this.head + Math.max(0, excess - 1);
        const stamp = this.stamps[Math.min(idx, this.stamps.length - 1)];
        return stamp === undefined ? 0 : Math.max(0, stamp + this.span - now);
    }

    add(now: number): void {
        this.stamps.push(now);
    }
}

/** Sliding windows given as data; a request passes only when every window has room. */
export class SlidingWindowLimiter {
    private accounts = new Map<string, Window[]>();
    private windowsValue: RateWindow[];

    constructor(
        windows: RateWindow[],
        private readonly clock: () => number = Date.now,
    ) {
        this.windowsValue = windows;
    }

    get windows(): RateWindow[] {
        return this.windowsValue;
    }

    /** New limits keep the requests already counted; windows of other spans start counting afresh. */
    set windows(windows: RateWindow[]) {
        const sameSpans = windows.length === this.windowsValue.length && windows.every((w, i) => w.spanMs === this.windowsValue[i].spanMs);
        this.windowsValue = windows;
        if (!sameSpans) this.accounts.clear();
    }

    take(account: string): RateDecision {
        const now = this.clock();
        let w = this.accounts.get(account);
        if (!w) {
            w = this.windowsValue.map((win) => new Window(win.spanMs));
            this.accounts.set(account, w);
        }
        const counts = w.map((win) => win.count(now));
        const longest = this.windowsValue.reduce((a, b, i) => (b.spanMs > this.windowsValue[a].spanMs ? i : a), 0);
        const limit = this.windowsValue[longest]?.limit ?? Infinity;
        const full = this.windowsValue.map((win, i) => counts[i] >= win.limit);
        if (full.some(Boolean)) {
            const waits = this.windowsValue.flatMap((win, i) => (full[i] ? [w![i].waitFor(now, counts[i] - win.limit + 1)] : []));
            return {
                allowed: false,
                limit,
                remaining: Math.max(0, limit - counts[longest]),
                retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)),
            };
        }
        for (const win of w) win.add(now);
        return { allowed: true, limit, remaining: Math.max(0, limit - counts[longest] - 1) };
    }

    reset(): void {
        this.accounts.clear();
    }
}

const SECOND = 1000;
const HOUR = 3600 * 1000;

/** PRA/RS's two windows, set as {perSecond, perHour}. */
export class RateLimiter extends SlidingWindowLimiter {
    private limitsValue: RateLimits;

    constructor(limits: RateLimits, clock: () => number = Date.now) {
        super(praWindows(limits), clock);
        this.limitsValue = limits;
    }

    get limits(): RateLimits {
        return this.limitsValue;
    }

    set limits(limits: RateLimits) {
        this.limitsValue = limits;
        this.windows = praWindows(limits);
    }
}

function praWindows(limits: RateLimits): RateWindow[] {
    return [
        { spanMs: SECOND, limit: limits.perSecond },
        { spanMs: HOUR, limit: limits.perHour },
    ];
}
