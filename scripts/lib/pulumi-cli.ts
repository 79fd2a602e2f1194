/**
 * Helpers that drive a real Pulumi engine through the Automation API (end-to-end tests and the demo).
 *
 * The Pulumi CLI is not an npm dependency. `scripts/ensure-pulumi-cli.sh` finds or builds one;
 * `findPulumiCli()` applies the same lookup order (without building) so suites can skip when no
 * CLI is available. See docs/pulumi-cli.md.
 */
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { LocalWorkspace, ProjectSettings, PulumiCommand, PulumiFn, Stack } from "@pulumi/pulumi/automation";

/** Version built by scripts/ensure-pulumi-cli.sh when PULUMI_CLI_VERSION is not set. */
export const DEFAULT_PULUMI_CLI_VERSION = "v3.259.0";

/** Name of the launcher the engine runs for `pulumi.dynamic` providers. */
export const DYNAMIC_PROVIDER_PLUGIN = "pulumi-resource-pulumi-nodejs";

/** Passphrase used for the throw-away local stacks (passphrase secrets provider). */
export const TEST_PASSPHRASE = "pulumi-beyondtrust-e2e";

/** Repository root (this file lives in test/support). */
export const REPO_ROOT = path.resolve(__dirname, "..", "..");

/** `repo/scripts/ensure-pulumi-cli.sh`, for messages. */
export const ENSURE_SCRIPT = path.join(REPO_ROOT, "scripts", "ensure-pulumi-cli.sh");

function isExecutableFile(p: string): boolean {
    try {
        const st = fs.statSync(p);
        if (!st.isFile()) return false;
        fs.accessSync(p, fs.constants.X_OK);
        return true;
    } catch {
        return false;
    }
}

function normalizedVersion(): string {
    const v = process.env.PULUMI_CLI_VERSION || DEFAULT_PULUMI_CLI_VERSION;
    return v.startsWith("v") ? v : `v${v}`;
}

/** Cache root shared with the script: `${PULUMI_BEYONDTRUST_CACHE:-$HOME/.cache/pulumi-beyondtrust}`. */
export function cacheRoot(): string {
    return process.env.PULUMI_BEYONDTRUST_CACHE || path.join(os.homedir(), ".cache", "pulumi-beyondtrust");
}

/** Where scripts/ensure-pulumi-cli.sh puts (or would put) its build. */
export function cachedPulumiCliPath(): string {
    return path.join(cacheRoot(), "pulumi-cli", normalizedVersion(), "pulumi");
}

function findOnPath(name: string): string | undefined {
    for (const dir of (process.env.PATH || "").split(path.delimiter)) {
        if (!dir) continue;
        const candidate = path.join(dir, name);
        if (isExecutableFile(candidate)) return candidate;
    }
    return undefined;
}

/**
 * The Pulumi CLI to use, or undefined. Same order as scripts/ensure-pulumi-cli.sh, without building:
 * `$PULUMI_CLI`, then `pulumi` on PATH, then the cached build.
 * A `PULUMI_CLI` that is set but not executable is an error (thrown), not a silent skip.
 */
export function findPulumiCli(): string | undefined {
    const explicit = process.env.PULUMI_CLI;
    if (explicit) {
        if (!isExecutableFile(explicit)) {
            throw new Error(`PULUMI_CLI=${explicit} is not an executable file`);
        }
        return path.resolve(explicit);
    }
    const onPath = findOnPath("pulumi");
    if (onPath) return onPath;
    const cached = cachedPulumiCliPath();
    return isExecutableFile(cached) ? cached : undefined;
}

/**
 * Folder holding the `pulumi-resource-pulumi-nodejs` launcher shipped by the @pulumi/pulumi npm
 * package (the package root, e.g. node_modules/@pulumi/pulumi).
 */
export function pulumiNodejsPluginDir(): string {
    const pkgJson = require.resolve("@pulumi/pulumi/package.json", { paths: [REPO_ROOT] });
    const dir = path.dirname(pkgJson);
    if (!isExecutableFile(path.join(dir, DYNAMIC_PROVIDER_PLUGIN))) {
        throw new Error(`${DYNAMIC_PROVIDER_PLUGIN} not found (or not executable) in ${dir}`);
    }
    return dir;
}

/** The node_modules folder that holds @pulumi/pulumi (used as NODE_PATH for the dynamic provider). */
export function nodeModulesDir(): string {
    // .../node_modules/@pulumi/pulumi -> .../node_modules
    return path.resolve(pulumiNodejsPluginDir(), "..", "..");
}

/** Run `pulumi version` and return its trimmed output. */
export function pulumiCliVersion(cli: string): string {
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const { execFileSync } = require("child_process") as typeof import("child_process");
    return execFileSync(cli, ["version"], {
        encoding: "utf8",
        env: { ...process.env, PULUMI_SKIP_UPDATE_CHECK: "true" },
    }).trim();
}

/**
 * Environment for running the CLI against a throw-away local backend under `workDir`:
 * - `PULUMI_BACKEND_URL=file://<workDir>/state` (no Pulumi Cloud, no login),
 * - `PULUMI_HOME=<workDir>/pulumi-home` (plugins/credentials isolated from the user's ~/.pulumi),
 * - `PULUMI_CONFIG_PASSPHRASE` for the passphrase secrets provider,
 * - `PULUMI_SKIP_UPDATE_CHECK`, `PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION` (no network),
 * - `PATH` = CLI folder, then the @pulumi/pulumi package folder (for pulumi-resource-pulumi-nodejs),
 *   then the inherited PATH,
 * - `NODE_PATH` = the repo's node_modules, so the dynamic-provider launcher can resolve
 *   `@pulumi/pulumi/cmd/dynamic-provider` even though the inline program's workDir has no node_modules.
 */
export function pulumiEnv(workDir: string, cli: string | undefined = findPulumiCli()): Record<string, string> {
    if (!cli) {
        throw new Error(`no Pulumi CLI found; run ${ENSURE_SCRIPT}`);
    }
    const stateDir = path.join(workDir, "state");
    const homeDir = path.join(workDir, "pulumi-home");
    fs.mkdirSync(stateDir, { recursive: true });
    fs.mkdirSync(homeDir, { recursive: true });
    const nodeModules = nodeModulesDir();
    const pathEntries = [path.dirname(cli), pulumiNodejsPluginDir(), process.env.PATH || ""];
    const nodePath = [nodeModules, process.env.NODE_PATH || ""].filter((p) => p).join(path.delimiter);
    return {
        PULUMI_BACKEND_URL: `file://${stateDir}`,
        PULUMI_HOME: homeDir,
        PULUMI_CONFIG_PASSPHRASE: TEST_PASSPHRASE,
        PULUMI_SKIP_UPDATE_CHECK: "true",
        PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION: "true",
        PULUMI_AUTOMATION_API_SKIP_VERSION_CHECK: "true",
        PATH: pathEntries.filter((p) => p).join(path.delimiter),
        NODE_PATH: nodePath,
    };
}

/** A fresh temporary folder (caller removes it with `removeWorkDir`). */
export function makeWorkDir(prefix = "pulumi-bt-e2e-"): string {
    return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export function removeWorkDir(workDir: string): void {
    fs.rmSync(workDir, { recursive: true, force: true });
}

/**
 * A `PulumiCommand` bound to a specific CLI binary. `PulumiCommand.get({ root })` runs
 * `<root>/bin/pulumi`, so a `bin/pulumi` symlink to the chosen binary is created under `workDir`
 * (the engine resolves symlinks, so the plugin next to the real binary is still found).
 */
export async function pulumiCommandFor(cli: string, workDir: string): Promise<PulumiCommand> {
    const root = path.join(workDir, "cli-root");
    const binDir = path.join(root, "bin");
    fs.mkdirSync(binDir, { recursive: true });
    const link = path.join(binDir, "pulumi");
    if (!fs.existsSync(link)) fs.symlinkSync(path.resolve(cli), link);
    return PulumiCommand.get({ root, skipVersionCheck: true });
}

/**
 * Create (or select) a stack for an inline program with a local file backend under `workDir`.
 * The project directory is `<workDir>/project`.
 */
export async function createInlineStack(
    projectName: string,
    stackName: string,
    program: PulumiFn,
    workDir: string,
    env: Record<string, string> = pulumiEnv(workDir),
    cli: string | undefined = findPulumiCli(),
    /** More of Pulumi.yaml (e.g. an example's `config` declarations and `options`), written as given. */
    project: Record<string, unknown> = {},
): Promise<Stack> {
    if (!cli) {
        throw new Error(`no Pulumi CLI found; run ${ENSURE_SCRIPT}`);
    }
    const projectDir = path.join(workDir, "project");
    fs.mkdirSync(projectDir, { recursive: true });
    const pulumiCommand = await pulumiCommandFor(cli, workDir);
    return LocalWorkspace.createOrSelectStack(
        { projectName, stackName, program },
        {
            workDir: projectDir,
            envVars: env,
            pulumiCommand,
            projectSettings: {
                ...project,
                name: projectName,
                runtime: "nodejs",
                backend: { url: env.PULUMI_BACKEND_URL },
            } as ProjectSettings,
        },
    );
}
