// `npm run demo`: the main job on the embedded default. Starts a simulated appliance, then runs the
// quickstart through the real Pulumi engine with a local backend: the plan, the deployment, a drift
// made in the "console" and caught by `preview --refresh`, and the destroy.
import { execFileSync } from "child_process";
import * as path from "path";
import { startSimulator } from "../simulator";
import { quickstart, QuickstartSettings } from "../examples/quickstart/program";
import { createInlineStack, ENSURE_SCRIPT, makeWorkDir, pulumiCliVersion, pulumiEnv, removeWorkDir } from "./lib/pulumi-cli";

const bold = (s: string) => (process.stdout.isTTY ? `\x1b[1m${s}\x1b[0m` : s);
const step = (n: number, text: string) => console.log(`\n${bold(`== ${n}. ${text}`)}\n`);
const echo = (s: string) => process.stdout.write(s);

function obtainCli(): string {
    try {
        return execFileSync("bash", [ENSURE_SCRIPT], { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] }).trim();
    } catch {
        console.error(
            "\nThe demo needs a Pulumi CLI and none could be found or built.\n" +
                "  - install one (https://www.pulumi.com/docs/install/) and put `pulumi` on PATH, or set PULUMI_CLI; or\n" +
                "  - install Go 1.22+ and run scripts/ensure-pulumi-cli.sh, which builds one from the Go module proxy.\n" +
                "Everything else works without a CLI: `npm test` runs every other layer.",
        );
        process.exit(1);
    }
}

async function main(): Promise<void> {
    step(1, "A Pulumi CLI");
    const cli = obtainCli();
    console.log(`${pulumiCliVersion(cli)} at ${cli}`);

    step(2, "A simulated BeyondTrust PRA appliance");
    const sim = await startSimulator({ port: 0, clientId: "demo", clientSecret: "demo-secret-not-for-production" });
    console.log(`BT_API_HOST=${sim.url}\nBT_CLIENT_ID=${sim.clientId}\nBT_CLIENT_SECRET=(secret)`);
    const workDir = makeWorkDir("pulumi-bt-demo-");
    const settings: QuickstartSettings = { prefix: "demo", hostname: "10.0.0.5" };
    try {
        const stack = await createInlineStack("beyondtrust-demo", "dev", async () => quickstart({ ...settings }), workDir, pulumiEnv(workDir, cli), cli);
        await stack.setAllConfig({
            "beyondtrust:host": { value: sim.url },
            "beyondtrust:clientId": { value: sim.clientId },
            "beyondtrust:clientSecret": { value: sim.clientSecret, secret: true },
        });

        step(3, "The plan (pulumi preview)");
        await stack.preview({ onOutput: echo });

        step(4, "The deployment (pulumi up)");
        const up = await stack.up({ onOutput: echo });
        console.log(`shell jump ${up.outputs.shellJumpId.value} on port ${up.outputs.shellJumpPort.value}`);

        step(5, "Someone edits the Shell Jump in the console; pulumi preview --refresh catches it");
        const id = up.outputs.shellJumpId.value;
        await fetch(`${sim.controlUrl}/api/jump-item/shell-jump/${id}`, {
            method: "PATCH",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ hostname: "203.0.113.99", port: 2222 }),
        });
        console.log(`(out of band: hostname 10.0.0.5 -> 203.0.113.99, port 22 -> 2222)\n`);
        await stack.preview({ refresh: true, diff: true, onOutput: echo });

        step(6, "pulumi up puts it back");
        await stack.up({ refresh: true, onOutput: echo });

        step(7, "The destroy (pulumi destroy)");
        await stack.destroy({ onOutput: echo });
        const left = (await (await fetch(`${sim.controlUrl}/state`)).json()) as { collections: Record<string, unknown[]> };
        console.log(`objects left on the appliance: ${left.collections.jumpoint.length + left.collections["jump-group"].length + left.collections["jump-item/shell-jump"].length}`);
    } finally {
        await sim.close();
        removeWorkDir(workDir);
    }
    console.log(`\n${bold("Done.")} Same program against a real appliance: see ${path.join("examples", "quickstart")}.`);
}

main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
