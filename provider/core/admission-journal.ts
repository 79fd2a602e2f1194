// The requests an API account was admitted recently, shared by this user's processes on this machine.
//
// The limiter keeps an account under the appliance's window, but it lives in one process, and every
// `pulumi` command starts a new plugin process. A command that starts while the previous one's
// requests are still inside the window (EPM: 1000 per 100 s; PRA/RS: 15,000 per hour) would begin
// with an empty count and meet the appliance's 429s (67 of them when the bench's EPM destroy of 1000
// groups followed its update). So each admission is appended to a small file per account, and a new
// limiter starts from the admissions the file holds that are still inside its longest window.
//
// One line per admission (epoch milliseconds), appended with O_APPEND, so lines from processes that
// run at the same time do not tear. It is read once, when a process first uses the account: processes
// that run at the same time do not see each other's later requests (that case still relies on
// Retry-After). The file name is a hash of the account's key; nothing secret is written. When the
// folder cannot be used the journal is off and the limiter works as before.
// BT_RATE_JOURNAL=0 turns it off; BT_RATE_JOURNAL_DIR moves it (default: <tmpdir>/pulumi-beyondtrust-<uid>).
import * as crypto from "crypto";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export interface AdmissionJournal {
    /** Admissions (epoch ms) newer than `now - windowMs`, oldest first. */
    recent(now: number, windowMs: number): number[];
    note(at: number): void;
}

/** Past this many lines a file is rewritten with only the entries still in the window. */
const COMPACT_AT_LINES = 50_000;

function folder(): string | undefined {
    if (process.env.BT_RATE_JOURNAL === "0") return undefined;
    const uid = typeof process.getuid === "function" ? String(process.getuid()) : os.userInfo().username;
    return process.env.BT_RATE_JOURNAL_DIR || path.join(os.tmpdir(), `pulumi-beyondtrust-${uid}`, "admissions");
}

/** The journal of the account behind `key`, or undefined when it is turned off or cannot be kept. */
export function admissionJournal(key: string, longestWindowMs: number): AdmissionJournal | undefined {
    const dir = folder();
    if (!dir) return undefined;
    const file = path.join(dir, `${crypto.createHash("sha256").update(key).digest("hex").slice(0, 32)}.log`);
    let fd: number;
    try {
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        pruneOnce(dir);
        compact(file, Date.now() - longestWindowMs);
        fd = fs.openSync(file, "a", 0o600);
    } catch {
        return undefined;
    }
    let broken = false;
    return {
        recent(now, windowMs) {
            let text = "";
            try {
                text = fs.readFileSync(file, "utf8");
            } catch {
                return [];
            }
            const since = now - windowMs;
            return text
                .split("\n")
                .map(Number)
                .filter((t) => Number.isFinite(t) && t > since && t <= now)
                .sort((a, b) => a - b);
        },
        note(at) {
            if (broken) return;
            try {
                fs.writeSync(fd, `${Math.round(at)}\n`);
            } catch {
                broken = true; // a full disk must not fail a deployment: the limiter still counts in memory
            }
        },
    };
}

/** No window is longer than an hour (PRA/RS's), so a file untouched for longer holds nothing still counted. */
const STALE_MS = 2 * 3_600_000;
let pruned = false;

/** Once per process: removes the files of accounts no longer in use, so the folder does not grow. */
function pruneOnce(dir: string): void {
    if (pruned) return;
    pruned = true;
    pruneStale(dir, Date.now());
}

/** Removes the journals in `dir` not written for STALE_MS before `now`. */
export function pruneStale(dir: string, now: number): void {
    for (const name of fs.readdirSync(dir)) {
        if (!name.endsWith(".log")) continue;
        try {
            const p = path.join(dir, name);
            if (fs.statSync(p).mtimeMs < now - STALE_MS) fs.unlinkSync(p);
        } catch {
            // another process removed it first
        }
    }
}

/** Drops the entries older than `since` once the file is long (written aside, then renamed over it). */
function compact(file: string, since: number): void {
    let text: string;
    try {
        text = fs.readFileSync(file, "utf8");
    } catch {
        return;
    }
    const lines = text.split("\n").filter(Boolean);
    if (lines.length < COMPACT_AT_LINES) return;
    const kept = lines.filter((l) => Number(l) > since);
    const aside = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(aside, kept.length ? kept.join("\n") + "\n" : "", { mode: 0o600 });
    fs.renameSync(aside, file);
}
