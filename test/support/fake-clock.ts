// A clock that moves only when a test moves it: renewal margins, limiter windows, backoff and
// Retry-After pauses become exact, whatever the load on the machine. Timers fire in due order
// during advance(); waitForTimers() lets a test wait (by event, not by time) until the code under
// test is parked on one.
import type { Clock } from "../../provider/core/clock";

interface Timer {
    id: number;
    at: number;
    fn: () => void;
}

export class FakeClock implements Clock {
    private t: number;
    private nextId = 1;
    private timers: Timer[] = [];
    private watchers: Array<() => void> = [];

    constructor(start = 1_000_000) {
        this.t = start;
    }

    now(): number {
        return this.t;
    }

    setTimeout(fn: () => void, ms: number): unknown {
        const timer = { id: this.nextId++, at: this.t + Math.max(0, ms), fn };
        this.timers.push(timer);
        for (const w of this.watchers.splice(0)) w();
        return timer.id;
    }

    clearTimeout(handle: unknown): void {
        this.timers = this.timers.filter((t) => t.id !== handle);
    }

    /** Timers not yet fired. */
    get pending(): number {
        return this.timers.length;
    }

    /** When the earliest pending timer is due, undefined if none. */
    nextDue(): number | undefined {
        return this.timers.length ? Math.min(...this.timers.map((t) => t.at)) : undefined;
    }

    /** Move time on by `ms`, firing every timer that falls due, in order, at its own time. */
    advance(ms: number): void {
        const target = this.t + ms;
        for (;;) {
            const due = this.timers.filter((t) => t.at <= target).sort((a, b) => a.at - b.at || a.id - b.id)[0];
            if (!due) break;
            this.timers = this.timers.filter((t) => t !== due);
            this.t = Math.max(this.t, due.at);
            due.fn();
        }
        this.t = target;
    }

    /** Resolves once at least `n` timers are pending (event-driven; the test's own timeout bounds it). */
    async waitForTimers(n = 1): Promise<void> {
        while (this.timers.length < n) {
            await new Promise<void>((resolve) => this.watchers.push(resolve));
        }
    }
}
