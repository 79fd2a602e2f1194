// The simulator's time for token expiry and rate windows. Tests freeze and advance it
// (POST /_sim/clock) so that expiry and per-second limits are checked exactly, without sleeping
// or racing the wall clock of a loaded machine. Latency faults still use real timers.
export class SimClock {
    private offsetMs = 0;
    private frozenAt: number | undefined;

    now(): number {
        return this.frozenAt ?? Date.now() + this.offsetMs;
    }

    /** Freeze (time stands still until advanced) or thaw (time runs on from where it stood). */
    setFrozen(frozen: boolean): void {
        if (frozen && this.frozenAt === undefined) this.frozenAt = this.now();
        if (!frozen && this.frozenAt !== undefined) {
            this.offsetMs = this.frozenAt - Date.now();
            this.frozenAt = undefined;
        }
    }

    advance(ms: number): void {
        if (this.frozenAt !== undefined) this.frozenAt += ms;
        else this.offsetMs += ms;
    }

    reset(): void {
        this.offsetMs = 0;
        this.frozenAt = undefined;
    }

    snapshot(): { now: number; frozen: boolean } {
        return { now: this.now(), frozen: this.frozenAt !== undefined };
    }
}
