/**
 * The Terraform side of the benchmark's peer comparison: the engine rows' stack (a Jumpoint, a Jump
 * Group and N Shell Jumps) and phases (create, no-op plan, update every hostname, destroy) driven
 * through a real `terraform` and BeyondTrust's own provider (terraform-provider-sra, built by the
 * user from its public source; nothing of it is part of this repository), against the same
 * simulator with the same limits.
 *
 * Terraform has no client-side pacing and that provider does not retry a 429, so a phase is re-run
 * until Terraform reports success (at most `maxRuns`), as an operator would, the re-runs of apply and
 * destroy with `-refresh=false` (the workaround that lets it converge at all); the row gives the runs
 * it took, the errors of the first run, and what is wrong on the appliance after the last one
 * (checked against the simulator's objects, as for the engine rows).
 *
 * Needs `terraform` on PATH and BT_TF_PROVIDER naming the provider binary. No registry is reached:
 * the provider comes in through a CLI config `dev_overrides` block written into the work folder.
 */
import { execFileSync, spawn } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { boundCells } from "./bench-cells";
import { benchHostname, EngineRow, wrongShellJumps } from "./engine-bench";
import { makeWorkDir, removeWorkDir } from "./pulumi-cli";
import { SimulatorProcess } from "./simulator-process";

export interface TerraformTools {
    terraform: string;
    version: string;
    provider: string;
}

export interface TerraformRow {
    n: number;
    phase: string;
    wall: number;
    runs: number;
    /** Terraform reported success on the last run */
    converged: boolean;
    calls: number;
    byMethod: Record<string, number>;
    tokens: number;
    rateLimited: number;
    /** error diagnostics Terraform printed on the phase's first run */
    firstRunErrors: number;
    /** Shell Jumps missing, duplicated or stale on the appliance after the last run */
    failed: number;
}

/** The tools, or why the comparison cannot run here. */
export function findTerraform(): TerraformTools | string {
    let version: string;
    try {
        version = execFileSync("terraform", ["version"], {
            encoding: "utf8",
            env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null", CHECKPOINT_DISABLE: "1" },
            stdio: ["ignore", "pipe", "ignore"],
        }).split("\n")[0];
    } catch {
        return "no `terraform` on PATH";
    }
    const provider = process.env.BT_TF_PROVIDER;
    if (!provider)
        return `${version} found, but no BeyondTrust Terraform provider: build github.com/BeyondTrust/terraform-provider-sra (go build) and set BT_TF_PROVIDER to the binary`;
    if (!fs.existsSync(provider)) return `BT_TF_PROVIDER=${provider} does not exist`;
    return { terraform: "terraform", version, provider: path.resolve(provider) };
}

/** main.tf for generation `generation` of the stack; names start with `prefix`. */
function configuration(n: number, prefix: string, generation: number): string {
    const hosts = Array.from({ length: n }, (_, i) => JSON.stringify(benchHostname(generation, i)));
    return `terraform {
  required_providers {
    sra = { source = "beyondtrust/sra" }
  }
}

provider "sra" {}

locals {
  hostnames = [${hosts.join(", ")}]
}

resource "sra_jumpoint" "jp" {
  name               = "${prefix}jumpoint"
  code_name          = "tf_bench_${n}"
  platform           = "linux-x86"
  shell_jump_enabled = true
}

resource "sra_jump_group" "jg" {
  name      = "${prefix}group"
  code_name = "tf_bench_${n}"
}

resource "sra_shell_jump" "item" {
  count         = ${n}
  name          = "${prefix}\${count.index}"
  hostname      = local.hostnames[count.index]
  jumpoint_id   = sra_jumpoint.jp.id
  jump_group_id = sra_jump_group.jg.id
}
`;
}

function run(cmd: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; output: string }> {
    return new Promise((resolve, reject) => {
        const child = spawn(cmd, args, { cwd, env, stdio: ["ignore", "pipe", "pipe"] });
        const chunks: Buffer[] = [];
        child.stdout.on("data", (c) => chunks.push(c));
        child.stderr.on("data", (c) => chunks.push(c));
        child.once("error", reject);
        child.once("exit", (code) => resolve({ code: code ?? 1, output: Buffer.concat(chunks).toString("utf8") }));
    });
}

const errorsIn = (output: string) => output.split("\n").filter((l) => /^(│ )?Error: /.test(l)).length;

export async function terraformBench(sim: SimulatorProcess, n: number, tools: TerraformTools, maxRuns: number): Promise<TerraformRow[]> {
    const workDir = makeWorkDir("bt-bench-tf-");
    const prefix = `tf-${n}-`;
    const pluginDir = path.join(workDir, "provider");
    fs.mkdirSync(pluginDir);
    // dev_overrides wants a folder holding a binary of exactly this name.
    fs.symlinkSync(tools.provider, path.join(pluginDir, "terraform-provider-sra"));
    fs.writeFileSync(
        path.join(workDir, "cli.tfrc"),
        `provider_installation {\n  dev_overrides {\n    "beyondtrust/sra" = ${JSON.stringify(pluginDir)}\n  }\n  direct {}\n}\n`,
    );
    const rows: TerraformRow[] = [];

    const phase = async (name: string, generation: number, args: string[], expectPresent: boolean | undefined, ok: (code: number) => boolean) => {
        fs.writeFileSync(path.join(workDir, "main.tf"), configuration(n, prefix, generation));
        // One API account per phase, as for a person running it: the hourly budget is not what is measured.
        const account = await sim.control("POST", "/accounts", { client_id: `bench-tf-${n}-${name.replace(/\W+/g, "-")}-${Date.now()}` });
        const env: NodeJS.ProcessEnv = {
            ...process.env,
            TF_CLI_CONFIG_FILE: path.join(workDir, "cli.tfrc"),
            TF_IN_AUTOMATION: "1",
            CHECKPOINT_DISABLE: "1",
            BT_API_HOST: sim.apiHost,
            BT_CLIENT_ID: account.client_id,
            BT_CLIENT_SECRET: account.client_secret,
        };
        await sim.control("POST", "/counters/reset");
        const started = process.hrtime.bigint();
        let runs = 0;
        let converged = false;
        let firstRunErrors = 0;
        while (runs < maxRuns && !converged) {
            // Re-runs of apply and destroy skip the refresh: a plain re-run reads every item again
            // and meets the same 429s (it never converged at N = 20); a plan is its refresh.
            const rerunArgs = runs > 0 && args[0] !== "plan" ? ["-refresh=false"] : [];
            const r = await run(tools.terraform, [...args, ...rerunArgs, "-input=false", "-no-color"], workDir, env);
            if (runs === 0) firstRunErrors = errorsIn(r.output);
            runs++;
            converged = ok(r.code);
        }
        const wall = Number(process.hrtime.bigint() - started) / 1e9;
        const c = await sim.counters();
        const tokens = c.requests.byRoute["POST /oauth2/token"] ?? 0;
        const byMethod: Record<string, number> = { ...c.requests.byMethod };
        if (tokens) byMethod.POST -= tokens;
        const failed = expectPresent === undefined ? (converged ? 0 : 1) : await wrongShellJumps(sim, prefix, n, generation, expectPresent);
        rows.push({
            n,
            phase: name,
            wall,
            runs,
            converged,
            calls: c.requests.total - tokens,
            byMethod,
            tokens,
            rateLimited: c.rateLimited,
            firstRunErrors,
            failed,
        });
    };

    try {
        await phase("apply (create)", 0, ["apply", "-auto-approve"], true, (code) => code === 0);
        // -detailed-exitcode: 0 no changes, 2 changes; a plan that reads through 429s fails with 1.
        await phase("plan (no-op)", 0, ["plan", "-detailed-exitcode"], undefined, (code) => code === 0);
        await phase("apply (update all hostnames)", 1, ["apply", "-auto-approve"], true, (code) => code === 0);
        await phase("destroy", 1, ["destroy", "-auto-approve"], false, (code) => code === 0);
    } finally {
        if (!process.env.BENCH_KEEP_WORKDIR) removeWorkDir(workDir);
        else console.error(`(terraform bench work dir kept: ${workDir})`);
    }
    return rows;
}

/** The engine rows and the Terraform rows of the same N and phase, one above the other. */
export function sideBySideTable(engine: EngineRow[], terraform: TerraformRow[], perSecond: number): string {
    // Terraform's plan always refreshes, so it sits beside both previews, the refreshing one first.
    const key = (phase: string) => (/create/.test(phase) ? 0 : /--refresh|^plan/.test(phase) ? 1 : /no-op/.test(phase) ? 1.5 : /update/.test(phase) ? 2 : 3);
    const head = ["N", "phase", "tool", "wall s", "runs", "calls", "429s", "tokens", "bound s", "wall/bound", "errors 1st run", "failed"];
    const lines: { n: number; k: number; cells: string[] }[] = [];
    for (const r of engine) {
        const errors = r.note.startsWith("error") ? "1" : "0";
        const cells = [String(r.n), r.phase, "pulumi-beyondtrust", r.wall.toFixed(2), "1", String(r.calls), String(r.rateLimited), String(r.tokens)];
        lines.push({ n: r.n, k: key(r.phase), cells: [...cells, ...boundCells(r.calls, r.rateLimited, r.wall, perSecond), errors, String(r.failed)] });
    }
    for (const r of terraform) {
        const runs = `${r.runs}${r.converged ? "" : " (gave up)"}`;
        const cells = [String(r.n), r.phase, "terraform-provider-sra", r.wall.toFixed(2), runs, String(r.calls), String(r.rateLimited), String(r.tokens)];
        lines.push({
            n: r.n,
            k: key(r.phase),
            cells: [...cells, ...boundCells(r.calls, r.rateLimited, r.wall, perSecond), String(r.firstRunErrors), String(r.failed)],
        });
    }
    lines.sort((a, b) => a.n - b.n || a.k - b.k);
    const body = lines.map((l) => l.cells);
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
    return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
