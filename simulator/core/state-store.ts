// Keeps the object store in a JSON file across restarts. Writes go to a temp file that is then
// renamed over the target, so a crash mid-write never leaves a truncated state file behind.
import * as fs from "node:fs";
import * as path from "node:path";

export class StateFile {
  constructor(public readonly file: string) {}

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
