// Keeps the object store in a JSON file across restarts. Writes go to a temp file that is then
// renamed over the target, so a crash mid-write never leaves a truncated state file behind. The
// file is locked (FILE.lock, see file-lock.ts) for as long as one simulator uses it.
import * as fs from "node:fs";
import * as path from "node:path";
import { FileLock } from "./file-lock";

export class StateFile {
    readonly lock: FileLock;

    constructor(public readonly file: string) {
        this.lock = new FileLock(`${file}.lock`);
    }

    load(): unknown | undefined {
        if (!fs.existsSync(this.file)) return undefined;
        const text = fs.readFileSync(this.file, "utf8");
        if (text.trim() === "") return undefined;
        return JSON.parse(text);
    }

    save(data: unknown): void {
        const dir = path.dirname(this.file);
        fs.mkdirSync(dir, { recursive: true });
        const tmp = path.join(dir, `.${path.basename(this.file)}.${process.pid}.tmp`);
        fs.writeFileSync(tmp, JSON.stringify(data, null, 2) + "\n");
        fs.renameSync(tmp, this.file);
    }
}
