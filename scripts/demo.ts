// `npm run demo`: the main job on the embedded default. Starts a simulated appliance, then runs the
// quickstart through the real Pulumi engine with a local backend: the plan, the deployment, a drift
// made in the "console" and caught by `preview --refresh`, and the destroy. Then the same for
// Password Safe with examples/password-safe-ci, on the same simulator: a password changed in the
// console shows as changed with its value hidden, and `up` puts the declared one back. Then EPM with
// examples/epm-promotion: a policy rolled out to a test group, a new revision the test group follows,
// its promotion to production by one setting, a refresh that finds no drift, and the destroy, with
// the API calls and tokens each step cost.
import { execFileSync } from "child_process";
import * as crypto from "crypto";
import * as path from "path";
import { startSimulator } from "../simulator";
import { quickstart, QuickstartSettings } from "../examples/quickstart/program";
import { passwordSafeCi, SAMPLE_FILE } from "../examples/password-safe-ci/program";
import { epmPromotion, EpmPromotionSettings, POLICY_FILE, POLICY_FILE_V2 } from "../examples/epm-promotion/program";
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
        await epmSteps(sim, workDir, cli);
    } finally {
        await sim.close();
        removeWorkDir(workDir);
    }
    console.log(
        `\n${bold("Done.")} The same programs against real appliances: see ${path.join("examples", "quickstart")}, ${path.join("examples", "password-safe-ci")} and ${path.join("examples", "epm-promotion")}.`,
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

type Simulator = Awaited<ReturnType<typeof startSimulator>>;

async function epmControl<T = any>(sim: Simulator, method: string, p: string): Promise<T> {
    return (await (await fetch(`${sim.controlUrl}/epm${p}`, { method })).json()) as T;
}

/**
 * What a step cost at EPM since the last call: API calls by route (the simulator's counters, which
 * are never reset here: the demo reads differences) and tokens minted.
 */
function epmMeter(sim: Simulator) {
    let last = { byRoute: {} as Record<string, number>, tokens: 0 };
    return async (): Promise<string> => {
        const c = await epmControl(sim, "GET", "/counters");
        const calls = Object.entries(c.requests.byRoute as Record<string, number>)
            .map(([route, n]) => [route, n - (last.byRoute[route] ?? 0)] as const)
            .filter(([route, n]) => n > 0 && route !== "POST /oauth/connect/token");
        const tokens = c.tokensMinted - last.tokens;
        last = { byRoute: { ...c.requests.byRoute }, tokens: c.tokensMinted };
        const list = calls.map(([route, n]) => `${n} x ${route}`).join(", ") || "none";
        return `EPM API calls: ${calls.reduce((a, [, n]) => a + n, 0)} (${list}); tokens minted: ${tokens}`;
    };
}

async function epmSteps(sim: Simulator, workDir: string, cli: string): Promise<void> {
    step(13, "EPM on the same simulator: a policy tried on a test group, then promoted (examples/epm-promotion)");
    const e = sim.env;
    console.log(`BT_EPM_API_URL=${e.BT_EPM_API_URL}\nBT_EPM_CLIENT_ID=${e.BT_EPM_CLIENT_ID}\nBT_EPM_CLIENT_SECRET=(secret)`);
    const meter = epmMeter(sim);
    await meter();
    const settings: EpmPromotionSettings = {
        policyFile: POLICY_FILE,
        changeDescription: "Approved installers elevate without an admin password",
        testComputers: ["CORPSRV01"],
        baselinePolicyName: "Baseline Windows Policy",
    };
    const dir = path.join(workDir, "epm");
    const stack = await createInlineStack("beyondtrust-demo-epm", "dev", async () => epmPromotion({ ...settings }), dir, pulumiEnv(dir, cli), cli);
    await stack.setAllConfig({
        "beyondtrust:epmUrl": { value: e.BT_EPM_API_URL },
        "beyondtrust:epmClientId": { value: e.BT_EPM_CLIENT_ID },
        "beyondtrust:epmClientSecret": { value: e.BT_EPM_CLIENT_SECRET, secret: true },
    });
    const groups = async () => {
        const state = await epmControl(sim, "GET", "/state");
        const revision = (id: string | null) => {
            const r = state.revisions.find((x: any) => x.id === id);
            return r ? `${state.policies.find((p: any) => p.id === r.policyId)?.name} revision ${r.revision}` : "no policy";
        };
        for (const name of ["Test Workstations", "Production Workstations"]) {
            const g = state.groups.find((x: any) => x.name === name);
            const hosts = state.computers.filter((c: any) => c.groupId === g?.id).map((c: any) => c.host);
            if (g) console.log(`  ${name}: ${revision(g.policyRevisionId)}; computers: ${hosts.join(", ") || "none"}`);
        }
    };

    step(14, "The deployment (pulumi up): the test group follows the policy's latest revision, production is pinned to the baseline");
    await stack.up({ onOutput: echo });
    await groups();
    console.log(await meter());

    step(15, "A change to the policy file: a new revision, which the test group follows and production does not");
    settings.policyFile = POLICY_FILE_V2;
    settings.changeDescription = "The VPN client's updater joins the approved installers";
    const changed = await stack.up({ onOutput: echo });
    await groups();
    console.log(await meter());

    step(16, "The promotion: one setting, productionRevisionId = the revision the test group runs");
    settings.productionRevisionId = changed.outputs.testRevisionId.value;
    console.log(`(pulumi config set productionRevisionId ${settings.productionRevisionId})\n`);
    await stack.up({ onOutput: echo });
    await groups();
    console.log(await meter());

    step(17, "pulumi preview --refresh: nothing changed behind the program's back, so no drift");
    const plan = await stack.preview({ refresh: true, onOutput: echo });
    const changes = Object.entries(plan.changeSummary).filter(([op, n]) => op !== "same" && n > 0);
    console.log(`\n${changes.length === 0 ? "no drift: every resource the same" : `changes planned: ${JSON.stringify(plan.changeSummary)}`}`);
    console.log(await meter());

    step(18, "The destroy (pulumi destroy)");
    await stack.destroy({ onOutput: echo });
    const left = await epmControl(sim, "GET", "/state");
    const server = left.computers.find((c: any) => c.host === "CORPSRV01");
    console.log(
        `left in EPM: groups ${left.groups.map((g: any) => g.name).join(", ")}; policies ${left.policies.map((p: any) => p.name).join(", ")}; ` +
            `CORPSRV01 back in ${left.groups.find((g: any) => g.id === server?.groupId)?.name}`,
    );
    console.log(await meter());
}

main().catch((err) => {
    console.error(err instanceof Error ? err.message : err);
    process.exit(1);
});
