// Client-side throttle that keeps an API account under the appliance's documented limits instead of
// discovering them through 429s. A sliding log (not a token bucket) is used because a bucket lets a
// full burst follow a refill inside one second, which a sliding-window server counts as a violation;
// a log never admits more than `limit` requests in any window, so it is safe against both fixed and
// sliding windows on the server side.
import type { AdmissionJournal } from "./admission-journal";
import { Clock, processClock } from "./clock";

export interface RateWindow {
    limit: number;
    windowMs: number;
}

export const NO_LIMITS: RateWindow[] = [];

class SlidingLog {
    private readonly stamps: number[];
    private head = 0;
    private count = 0;

    constructor(readonly window: RateWindow) {
        this.stamps = new Array<number>(window.limit).fill(0);
    }

    /** Milliseconds to wait before one more request fits, 0 if it fits now. */
    waitFor(now: number, marginMs: number): number {
        if (this.count < this.window.limit) {
            return 0;
        }
        const oldest = this.stamps[this.head];
        return Math.max(0, oldest + this.window.windowMs + marginMs - now);
    }

    record(now: number): void {
        if (this.count < this.window.limit) {
            this.stamps[(this.head + this.count) % this.window.limit] = now;
            this.count++;
        } else {
            this.stamps[this.head] = now;
            this.head = (this.head + 1) % this.window.limit;
        }
    }
}

/**
 * FIFO admission: callers are served in arrival order, so a burst of parallel Pulumi operations
 * cannot starve one another, and one timer at a time serves the queue.
 */
export class RateLimiter {
    private readonly logs: SlidingLog[];
    private readonly queue: Array<() => void> = [];
    private timer: unknown;
    private pausedUntil = 0;
    private readonly roundTrips: number[] = [];

    /**
     * `marginMs` is added to each window so that requests admitted a window apart cannot arrive
     * inside one window at the appliance; it grows to the spread of recent round trips (how
     * unevenly requests travel: a loaded machine or network), up to a second.
     */
    /**
     * With a `journal` (admission-journal.ts), the logs start from the account's admissions that
     * earlier processes left inside each window, and every admission here is added to it.
     */
    constructor(
        windows: RateWindow[],
        private readonly marginMs = 50,
        private readonly clock: Clock = processClock,
        private readonly journal?: AdmissionJournal,
    ) {
        this.logs = windows.filter((w) => w.limit > 0).map((w) => new SlidingLog(w));
        if (journal && this.logs.length > 0) {
            const now = clock.now();
            const longest = Math.max(...this.logs.map((l) => l.window.windowMs));
            const earlier = journal.recent(now, longest);
            for (const log of this.logs) for (const t of earlier) if (t > now - log.window.windowMs) log.record(t);
        }
    }

    /** A request's round trip, whose variation the safety margin must cover. */
    observeRoundTrip(ms: number): void {
        this.roundTrips.push(Math.max(0, ms));
        if (this.roundTrips.length > 32) this.roundTrips.shift();
    }

    /** The current safety margin per window. */
    margin(): number {
        if (this.roundTrips.length < 2) return this.marginMs;
        const spread = Math.max(...this.roundTrips) - Math.min(...this.roundTrips);
        return Math.max(this.marginMs, Math.min(1000, spread));
    }

    get enabled(): boolean {
        return this.logs.length > 0;
    }

    acquire(): Promise<void> {
        if (!this.enabled && this.pausedUntil <= this.clock.now()) {
            return Promise.resolve();
        }
        return new Promise((resolve) => {
            this.queue.push(resolve);
            this.drain();
        });
    }

    /** The server told us to back off (429 Retry-After): hold every caller of this account. */
    pause(ms: number): void {
        this.pausedUntil = Math.max(this.pausedUntil, this.clock.now() + ms);
        if (this.timer !== undefined) {
            this.clock.clearTimeout(this.timer);
            this.timer = undefined;
        }
        this.drain();
    }

    /** How long a caller arriving now would be held by a server-requested pause (0: none). */
    pausedMs(): number {
        return Math.max(0, this.pausedUntil - this.clock.now());
    }

    /** Callers waiting for admission. */
    get waiting(): number {
        return this.queue.length;
    }

    private drain(): void {
        if (this.timer !== undefined) {
            return;
        }
        while (this.queue.length > 0) {
            const now = this.clock.now();
            const margin = this.margin();
            const wait = Math.max(this.pausedUntil - now, ...this.logs.map((l) => l.waitFor(now, margin)), 0);
            if (wait > 0) {
                this.timer = this.clock.setTimeout(() => {
                    this.timer = undefined;
                    this.drain();
                }, wait);
                return;
            }
            for (const log of this.logs) {
                log.record(now);
            }
            this.journal?.note(now);
            this.queue.shift()!();
        }
    }
}
