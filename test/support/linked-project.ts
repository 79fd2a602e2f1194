import * as fs from "fs";
import * as os from "os";
import * as path from "path";

export const REPO_ROOT = path.resolve(__dirname, "../..");

/**
 * A throwaway Pulumi project directory in which this package is "installed" (a symlink in its
 * node_modules), the way a user's program has it. The plugin resolves the shim's require from
 * there, so tests that start the plugin or the CLI run in it.
 */
export function linkedProject(name = "bt-project"): string {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${name}-`));
    const modules = path.join(dir, "node_modules");
    fs.mkdirSync(path.join(modules, "@pulumi"), { recursive: true });
    fs.symlinkSync(REPO_ROOT, path.join(modules, "pulumi-beyondtrust"), "dir");
    fs.symlinkSync(path.join(REPO_ROOT, "node_modules", "@pulumi", "pulumi"), path.join(modules, "@pulumi", "pulumi"), "dir");
    fs.writeFileSync(path.join(dir, "package.json"), JSON.stringify({ name, private: true }));
    fs.writeFileSync(path.join(dir, "Pulumi.yaml"), `name: ${name}\nruntime: nodejs\n`);
    return dir;
}
