// One simulator per state file. Two processes writing the same --state file would each rewrite it
// from their own memory after every write, so objects created through one silently vanish when
// the other writes next. The lock is a file next to the state file, created exclusively and
// holding the owner's pid: a second process is refused with a message naming that pid, and a
// lock left by a process that no longer exists (a crash, kill -9) is taken over.
import * as fs from "node:fs";
import * as path from "node:path";

export class LockedError extends Error {}

export class FileLock {
    private held = false;

    constructor(public readonly file: string) {}

    /** Takes the lock or throws LockedError naming the live owner. */
    acquire(): void {
        fs.mkdirSync(path.dirname(this.file), { recursive: true });
        for (let attempt = 0; attempt < 2; attempt++) {
            try {
                fs.writeFileSync(this.file, `${process.pid}\n`, { flag: "wx" });
                this.held = true;
                return;
            } catch (err) {
                if ((err as NodeJS.ErrnoException).code !== "EEXIST") throw err;
            }
            const owner = readPid(this.file);
            if (owner !== undefined && owner !== process.pid && isAlive(owner)) {
                throw new LockedError(
                    `${this.file} is held by another bt-simulator (pid ${owner}): one state file serves one simulator. ` +
                        `Stop that process, or give this one another --state file (delete the lock file only if pid ${owner} is not a simulator).`,
                );
            }
            // Stale (its process is gone, or the file is unreadable): take it over. If another process
            // takes it over first, the exclusive create above fails again and the loop reports that one.
            fs.rmSync(this.file, { force: true });
        }
        throw new LockedError(`${this.file} was taken by another bt-simulator while this one started.`);
    }

    /** Removes the lock if this process still owns it. */
    release(): void {
        if (!this.held) return;
        this.held = false;
        if (readPid(this.file) === process.pid) fs.rmSync(this.file, { force: true });
    }
}

function readPid(file: string): number | undefined {
    try {
        const n = Number(fs.readFileSync(file, "utf8").trim());
        return Number.isInteger(n) && n > 0 ? n : undefined;
    } catch {
        return undefined;
    }
}

function isAlive(pid: number): boolean {
    try {
        process.kill(pid, 0);
        return true;
    } catch (err) {
        // EPERM: the process exists but belongs to someone else.
        return (err as NodeJS.ErrnoException).code === "EPERM";
    }
}
