// Per-account sliding-window limits (20/s and 15,000/h by default). Sliding windows never allow
// the double burst a fixed window allows at its boundary, so a client that stays under them here
// also stays under them on an appliance using either kind. Refused requests do not use quota.

export interface RateLimits {
  perSecond: number;
  perHour: number;
}

export interface RateDecision {
  allowed: boolean;
  limit: number;
  remaining: number;
  retryAfterSeconds?: number;
}

const SECOND = 1000;
const HOUR = 3600 * 1000;

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

export class RateLimiter {
  private windows = new Map<string, { second: Window; hour: Window }>();

  constructor(public limits: RateLimits, private readonly clock: () => number = Date.now) {}

  take(account: string): RateDecision {
    const now = this.clock();
    let w = this.windows.get(account);
    if (!w) {
      w = { second: new Window(SECOND), hour: new Window(HOUR) };
      this.windows.set(account, w);
    }
    const inSecond = w.second.count(now);
    const inHour = w.hour.count(now);
    const limit = this.limits.perHour;
    if (inSecond >= this.limits.perSecond || inHour >= this.limits.perHour) {
      const waits: number[] = [];
      if (inSecond >= this.limits.perSecond) waits.push(w.second.waitFor(now, inSecond - this.limits.perSecond + 1));
      if (inHour >= this.limits.perHour) waits.push(w.hour.waitFor(now, inHour - this.limits.perHour + 1));
      return {
        allowed: false,
        limit,
        remaining: Math.max(0, limit - inHour),
        retryAfterSeconds: Math.max(1, Math.ceil(Math.max(...waits) / 1000)),
      };
    }
    w.second.add(now);
    w.hour.add(now);
    return { allowed: true, limit, remaining: Math.max(0, limit - inHour - 1) };
  }

  reset(): void {
    this.windows.clear();
  }
}
