/**
 * CPU time of the processes under this one, read from /proc (Linux only), for benchmarks that drive
 * the Pulumi CLI: the engine (`pulumi`), the dynamic-provider plugin (`node .../dynamic-provider`)
 * and whatever else they start. A sampler walks the process tree every `intervalMs` and keeps the
 * last utime + stime seen per process; a process that exits between two samples loses at most one
 * interval of CPU, so the figures are lower bounds within `intervalMs` per process. The total of
 * everything reaped (this process's cutime + cstime) is exact and is reported beside them.
 */
import * as fs from "fs";

const TICKS_PER_SECOND = 100; // USER_HZ: 100 on every Linux this runs on (getconf CLK_TCK)

export interface ProcStat {
    pid: number;
    comm: string;
    ppid: number;
    /** own user + system CPU, seconds */
    cpu: number;
    /** CPU of reaped children, seconds */
    childrenCpu: number;
}

export function procAvailable(): boolean {
    return fs.existsSync(`/proc/${process.pid}/stat`);
}

export function readStat(pid: number): ProcStat | undefined {
    let text: string;
    try {
        text = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    } catch {
        return undefined;
    }
    // comm is in parentheses and may contain spaces: split after the last ')'.
    const close = text.lastIndexOf(")");
    const comm = text.slice(text.indexOf("(") + 1, close);
    const f = text.slice(close + 2).split(" "); // f[0] = state (field 3)
    const at = (field: number) => Number(f[field - 3]);
    return { pid, comm, ppid: at(4), cpu: (at(14) + at(15)) / TICKS_PER_SECOND, childrenCpu: (at(16) + at(17)) / TICKS_PER_SECOND };
}

function children(pid: number): number[] {
    const out: number[] = [];
    let tasks: string[];
    try {
        tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
        return out;
    }
    // Go programs start children from any OS thread, so every task's list is read.
    for (const tid of tasks) {
        try {
            const list = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
            if (list) out.push(...list.split(" ").map(Number));
        } catch {
            // the thread ended
        }
    }
    return out;
}

function cmdline(pid: number): string {
    try {
        return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8");
    } catch {
        return "";
    }
}

export type Role = "engine" | "plugin" | "other";

/** Which part of a Pulumi run a process is (`cmd` is /proc/<pid>/cmdline, NUL-separated). */
export function roleOf(comm: string, cmd: string): Role {
    if (comm === "pulumi") return "engine";
    // `node <...>/cmd/dynamic-provider[/index.js] <engine address>`, not the launcher's `node -e` lookup.
    if (comm === "node" && /dynamic-provider(\/index\.js)?$/.test(cmd.split("\0")[1] ?? "")) return "plugin";
    return "other";
}

export interface TreeCpu {
    /** seconds of CPU per role, summed over the processes of that role seen during the phase */
    byRole: Record<Role, number>;
    /** processes of each role seen */
    count: Record<Role, number>;
    /** exact CPU of every descendant reaped during the phase (this process's cutime + cstime delta) */
    reaped: number;
}

/** Samples this process's descendants (excluding `exclude`, e.g. a long-lived simulator) until stopped. */
export function sampleDescendants(exclude: number[] = [], intervalMs = 100): { stop(): TreeCpu } {
    const seen = new Map<number, { role: Role; start: number; last: number }>();
    const self0 = readStat(process.pid)!;
    const sample = () => {
        const stack = children(process.pid).filter((p) => !exclude.includes(p));
        while (stack.length) {
            const pid = stack.pop()!;
            const st = readStat(pid);
            if (!st) continue;
            let entry = seen.get(pid);
            if (!entry) {
                // A process first seen in this phase counts from zero: it started during the phase
                // (or within one interval of its start).
                entry = { role: roleOf(st.comm, cmdline(pid)), start: 0, last: st.cpu };
                seen.set(pid, entry);
            }
            // A launcher that `exec`s (sh -> node) keeps its pid: look again until it is known.
            if (entry.role === "other") entry.role = roleOf(st.comm, cmdline(pid));
            entry.last = st.cpu;
            stack.push(...children(pid));
        }
    };
    sample();
    // Processes already running when the phase starts count from their current CPU.
    for (const e of seen.values()) e.start = e.last;
    const timer = setInterval(sample, intervalMs);
    return {
        stop(): TreeCpu {
            sample();
            clearInterval(timer);
            const self1 = readStat(process.pid)!;
            const byRole: Record<Role, number> = { engine: 0, plugin: 0, other: 0 };
            const count: Record<Role, number> = { engine: 0, plugin: 0, other: 0 };
            for (const e of seen.values()) {
                byRole[e.role] += e.last - e.start;
                count[e.role]++;
            }
            return { byRole, count, reaped: self1.childrenCpu - self0.childrenCpu };
        },
    };
}
