// Time as the token cache, the limiter and the retry loop see it. Production uses the system
// clock; tests install a fake one and move it on explicitly, so renewal margins, limiter windows
// and Retry-After pauses are checked exactly instead of by racing a loaded machine's wall clock.
import { processState } from "./process-state";

export interface Clock {
    now(): number;
    setTimeout(fn: () => void, ms: number): unknown;
    clearTimeout(handle: unknown): void;
}

export const systemClock: Clock = {
    now: () => Date.now(),
    setTimeout: (fn, ms) => setTimeout(fn, ms),
    clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

const installed = processState("clock", () => ({ clock: systemClock as Clock }));

/**
 * The clock of every client, limiter and token source created without one of its own. It reads
 * the installed clock on every call, so objects cached for the whole process follow `useClock`.
 */
export const processClock: Clock = {
    now: () => installed.clock.now(),
    setTimeout: (fn, ms) => installed.clock.setTimeout(fn, ms),
    clearTimeout: (handle) => installed.clock.clearTimeout(handle),
};

/** True while the process runs on the system clock (times it reads are epoch milliseconds). */
export function usingSystemClock(): boolean {
    return installed.clock === systemClock;
}

/** Tests only: run the process on `clock` (undefined: back to the system clock). */
export function useClock(clock: Clock | undefined): void {
    installed.clock = clock ?? systemClock;
}

export function sleep(clock: Clock, ms: number): Promise<void> {
    return new Promise((resolve) => {
        clock.setTimeout(resolve, ms);
    });
}
