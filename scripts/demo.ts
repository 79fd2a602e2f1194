// `npm run demo`: the main job on the embedded default. Starts a simulated appliance, then runs the
// quickstart through the real Pulumi engine with a local backend: the plan, the deployment, a drift
// made in the "console" and caught by `preview --refresh`, and the destroy. Then the same for
// Password Safe with examples/password-safe-ci, on the same simulator: a password changed in the
// console shows as changed with its value hidden, and `up` puts the declared one back.
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as path from "path";
import { startSimulator } from "../simulator";
import { quickstart, QuickstartSettings } from "../examples/quickstart/program";
import { passwordSafeCi, SAMPLE_FILE } from "../examples/password-safe-ci/program";
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
        console.log(
            `objects left on the appliance: ${left.collections.jumpoint.length + left.collections["jump-group"].length + left.collections["jump-item/shell-jump"].length}`,
        );

        await passwordSafeSteps(sim, workDir, cli);
    } finally {
        await sim.close();
        removeWorkDir(workDir);
    }
    console.log(
        `\n${bold("Done.")} The same programs against real appliances: see ${path.join("examples", "quickstart")} and ${path.join("examples", "password-safe-ci")}.`,
    );
}

async function passwordSafeSteps(sim: Awaited<ReturnType<typeof startSimulator>>, workDir: string, cli: string): Promise<void> {
    step(8, "Password Safe on the same simulator: a CI pipeline's secrets (examples/password-safe-ci)");
    const ps = sim.env; // the lines it would print, BT_PS_* among them
    console.log(`BT_PS_API_URL=${ps.BT_PS_API_URL}\nBT_PS_API_KEY=(secret)\nBT_PS_RUNAS=${ps.BT_PS_RUNAS}`);
    // Made up here and never printed: the engine shows it as [secret].
    const dbPassword = crypto.randomBytes(16).toString("base64url");
    const program = async () =>
        passwordSafeCi({
            safeName: "CI Pipeline",
            folderName: "deploy",
            dbUsername: "deployer",
            dbPassword,
            dbHost: "db.internal:5432",
            dbName: "app",
            deployNotice: "Deploys are frozen on Fridays after 15:00.",
            contentFile: SAMPLE_FILE,
        });
    const stack = await createInlineStack("beyondtrust-demo-ps", "dev", program, path.join(workDir, "ps"), pulumiEnv(path.join(workDir, "ps"), cli), cli);
    await stack.setAllConfig({
        "beyondtrust:passwordSafeUrl": { value: ps.BT_PS_API_URL },
        "beyondtrust:passwordSafeApiKey": { value: ps.BT_PS_API_KEY, secret: true },
        "beyondtrust:passwordSafeRunAs": { value: ps.BT_PS_RUNAS },
    });
    console.log("\nThe plan (pulumi preview):\n");
    await stack.preview({ onOutput: echo });

    step(9, "The deployment (pulumi up)");
    const up = await stack.up({ onOutput: echo });

    step(10, "Someone changes the database password in the console; pulumi preview --refresh catches it");
    await fetch(`${sim.controlUrl}/ps/api/secrets/${up.outputs.credentialId.value}`, {
        method: "PUT",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ Password: crypto.randomBytes(16).toString("base64url") }),
    });
    console.log("(out of band: db-deployer's password replaced; neither value is shown below)\n");
    const plan = await stack.preview({ refresh: true, diff: true, onOutput: echo });
    // The engine prints every secret as [secret] and never says which one changed; the plan does.
    console.log(
        `\n${plan.changeSummary.update ?? 0} to update: db-deployer back to the declared password, and database-url, built from the password Password Safe now holds`,
    );

    step(11, "pulumi up puts the declared password back");
    await stack.up({ refresh: true, onOutput: echo });

    step(12, "The destroy (pulumi destroy)");
    await stack.destroy({ onOutput: echo });
    const left = (await (await fetch(`${sim.controlUrl}/ps/state`)).json()) as { folders: { name: string }[]; secrets: unknown[] };
    console.log(`left in Password Safe: ${left.folders.map((f) => f.name).join(", ")} (the seed), ${left.secrets.length} secrets`);
}

main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
