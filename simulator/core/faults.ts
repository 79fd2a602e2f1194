// Injected failures, matched per request in rule order. Probabilistic rules draw from a seeded
// PRNG so a failing test run can be replayed exactly.
import { ApiError } from "./errors";

/**
 * The longest delay a latency rule, --latency or /_sim/config may ask for: 10 minutes. Beyond it a
 * typo (3e12 ms) would hang a client for ever, and node's timers cannot even hold more than
 * about 24.8 days (longer ones fire at once).
 */
export const MAX_LATENCY_MS = 600_000;

export type FaultKind = "latency" | "status" | "rate-limit" | "drop" | "lose-response";
const KINDS: FaultKind[] = ["latency", "status", "rate-limit", "drop", "lose-response"];

export interface FaultRule {
    kind: FaultKind;
    match?: { method?: string; path?: string };
    count?: number;
    rate?: number;
    ms?: number;
    status?: number;
    retryAfter?: number | null;
}

interface StoredRule extends FaultRule {
    id: number;
    remaining?: number;
}

/** What the server must do to one request. */
export interface FaultPlan {
    delayMs: number;
    /** Answer with this error instead of performing the operation. */
    respond?: { rule: FaultKind; error: ApiError };
    /** Destroy the socket before performing the operation. */
    drop: boolean;
    /** Perform the operation, then destroy the socket without answering. */
    loseResponse: boolean;
    fired: FaultKind[];
}

export class Faults {
    private rules: StoredRule[] = [];
    private nextId = 1;
    private random: () => number = mulberry32(1);

    seed(seed: number): void {
        this.random = mulberry32(seed);
    }

    add(rules: unknown[]): StoredRule[] {
        const checked = rules.map((r, i) => validateRule(r, i));
        const stored = checked.map((r) => ({ ...r, id: this.nextId++, remaining: r.count }));
        this.rules.push(...stored);
        return stored;
    }

    list(): StoredRule[] {
        return this.rules.map((r) => ({ ...r }));
    }

    clear(): void {
        this.rules = [];
    }

    /** path is what follows /api/config/v1, or "/oauth2/token". */
    plan(method: string, path: string): FaultPlan {
        const plan: FaultPlan = { delayMs: 0, drop: false, loseResponse: false, fired: [] };
        let decided = false;
        for (const rule of [...this.rules]) {
            if (!matches(rule, method, path)) continue;
            // Once a request is already failing, further non-latency rules must not consume their counts.
            if (rule.kind !== "latency" && decided) continue;
            if (rule.rate !== undefined && this.random() >= rule.rate) continue;
            this.consume(rule);
            plan.fired.push(rule.kind);
            switch (rule.kind) {
                case "latency":
                    plan.delayMs += rule.ms ?? 0;
                    break;
                case "status":
                    plan.respond = {
                        rule: "status",
                        error: new ApiError(rule.status ?? 503, { message: `Simulated ${rule.status ?? 503} fault.` }),
                    };
                    decided = true;
                    break;
                case "rate-limit": {
                    const headers: Record<string, string> = {};
                    const retry = rule.retryAfter === undefined ? 1 : rule.retryAfter;
                    if (retry !== null) headers["Retry-After"] = String(retry);
                    plan.respond = { rule: "rate-limit", error: new ApiError(429, { message: "Too Many Requests" }, headers) };
                    decided = true;
                    break;
                }
                case "drop":
                    plan.drop = true;
                    decided = true;
                    break;
                case "lose-response":
                    plan.loseResponse = true;
                    decided = true;
                    break;
            }
        }
        return plan;
    }

    private consume(rule: StoredRule): void {
        if (rule.remaining === undefined) return;
        rule.remaining--;
        if (rule.remaining <= 0) this.rules = this.rules.filter((r) => r !== rule);
    }
}

function matches(rule: FaultRule, method: string, path: string): boolean {
    if (rule.match?.method && rule.match.method.toUpperCase() !== method.toUpperCase()) return false;
    if (rule.match?.path && !path.startsWith(rule.match.path)) return false;
    return true;
}

function validateRule(raw: unknown, index: number): FaultRule {
    const bad = (why: string) => new ApiError(422, { message: `rules[${index}]: ${why}` });
    if (!raw || typeof raw !== "object" || Array.isArray(raw)) throw bad("must be an object");
    const r = raw as Record<string, unknown>;
    if (!KINDS.includes(r.kind as FaultKind)) throw bad(`kind must be one of ${KINDS.join(", ")}`);
    const known = ["kind", "match", "count", "rate", "ms", "status", "retryAfter"];
    const unknown = Object.keys(r).filter((k) => !known.includes(k));
    if (unknown.length) throw bad(`unknown keys ${unknown.join(", ")}`);
    if (r.match !== undefined) {
        const m = r.match as Record<string, unknown>;
        if (!m || typeof m !== "object" || Array.isArray(m)) throw bad("match must be an object");
        if (m.method !== undefined && typeof m.method !== "string") throw bad("match.method must be a string");
        if (m.path !== undefined && typeof m.path !== "string") throw bad("match.path must be a string");
    }
    if (r.count !== undefined && !(Number.isInteger(r.count) && (r.count as number) >= 1)) throw bad("count must be an integer >= 1");
    if (r.rate !== undefined && !(typeof r.rate === "number" && r.rate >= 0 && r.rate <= 1)) throw bad("rate must be a number in 0..1");
    if (r.kind === "latency" && !(typeof r.ms === "number" && r.ms >= 0 && r.ms <= MAX_LATENCY_MS)) throw bad(`latency needs ms in 0..${MAX_LATENCY_MS}`);
    if (r.kind === "status" && r.status !== undefined && !(Number.isInteger(r.status) && (r.status as number) >= 500 && (r.status as number) <= 599)) {
        throw bad("status must be a 5xx code");
    }
    if (r.retryAfter !== undefined && r.retryAfter !== null && !(Number.isInteger(r.retryAfter) && (r.retryAfter as number) >= 0)) {
        throw bad("retryAfter must be a non-negative integer or null");
    }
    return r as unknown as FaultRule;
}

// Small, well-known 32-bit PRNG; plenty for reproducible coin flips.
function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}
