// Runs a compatibility driver from the tests (python/ps_driver.py over BeyondTrust's Python library,
// ../go over its Go library): finds what scripts/ensure-{python,go}-compat.sh prepare, streams the
// driver's JSON step lines, and answers its checkpoints so a test can inspect the server's state
// between the writes and the deletes (an event handshake over stdin, no timing involved).
import { spawn, spawnSync } from "node:child_process";
import * as path from "node:path";

const REPO_ROOT = path.resolve(__dirname, "../../..");
export const DRIVER = path.join(__dirname, "ps_driver.py");

export interface DriverStep {
    step: string;
    ok: boolean;
    detail: any;
}

/** What scripts/ensure-*-compat.sh printed: a path to run, or why there is none (the test then skips). */
function ensured(script: string, given: string | undefined): { path?: string; reason?: string } {
    // .ci/run has already run the script and exported the result; a developer's run asks it here.
    if (given) return { path: given };
    const r = spawnSync("bash", [path.join(REPO_ROOT, "scripts", script)], { encoding: "utf8", timeout: 600_000 });
    const out = (r.stdout ?? "").trim().split("\n").pop() ?? "";
    if (r.status === 0 && out.startsWith("/")) return { path: out };
    if (r.status === 0 && out.startsWith("skipping:")) return { reason: out.slice("skipping:".length).trim() };
    return { reason: `scripts/${script} failed (exit ${r.status}): ${(r.stderr ?? "").trim().split("\n").pop()}` };
}

/** The venv's interpreter with BeyondTrust's Python library. */
export const compatPython = () => ensured("ensure-python-compat.sh", process.env.BT_PYTHON_COMPAT);

/** The Go driver over BeyondTrust's Go library, built into the cache. */
export const compatGo = () => ensured("ensure-go-compat.sh", process.env.BT_GO_COMPAT);

/**
 * Runs the driver to its end. `onCheckpoint` is awaited for each checkpoint step (the driver waits
 * on stdin meanwhile); what it throws is collected in `inspectErrors`, so one bad inspection does
 * not hide the other steps. Every step line is returned, checkpoints included.
 */
export async function runDriver(
    argv: string[],
    env: Record<string, string>,
    onCheckpoint: (step: DriverStep) => Promise<void>,
): Promise<{ steps: DriverStep[]; code: number | null; stderr: string; inspectErrors: string[] }> {
    const child = spawn(argv[0], argv.slice(1), {
        env: { ...process.env, ...env, PS_DRIVER_PAUSE: "1", PYTHONUNBUFFERED: "1" },
        stdio: ["pipe", "pipe", "pipe"],
    });
    const steps: DriverStep[] = [];
    let stderr = "";
    const inspectErrors: string[] = [];
    // A driver that died early must not turn the answer to its checkpoint into an unhandled EPIPE.
    child.stdin.on("error", () => undefined);
    child.stderr.on("data", (d) => (stderr = (stderr + d.toString()).slice(-8000)));
    const exited = new Promise<number | null>((resolve) => child.once("close", (code) => resolve(code)));

    let buffer = "";
    // Lines are handled one after another: a checkpoint's inspection finishes before the next line.
    let chain = Promise.resolve();
    child.stdout.on("data", (d) => {
        buffer += d.toString();
        let nl: number;
        while ((nl = buffer.indexOf("\n")) >= 0) {
            const line = buffer.slice(0, nl).trim();
            buffer = buffer.slice(nl + 1);
            if (!line) continue;
            chain = chain.then(async () => {
                let step: DriverStep;
                try {
                    step = JSON.parse(line);
                } catch {
                    steps.push({ step: "unparsable-output", ok: false, detail: line.slice(0, 200) });
                    return;
                }
                steps.push(step);
                if (step.step.endsWith("/checkpoint")) {
                    try {
                        await onCheckpoint(step);
                    } catch (e) {
                        inspectErrors.push(`${step.step}: ${e instanceof Error ? e.message : String(e)}`);
                    }
                    child.stdin.write("\n");
                }
            });
        }
    });
    const code = await exited;
    await chain;
    return { steps, code, stderr, inspectErrors };
}
