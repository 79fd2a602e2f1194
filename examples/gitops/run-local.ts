// The GitOps pipeline's three jobs, run locally against a simulator (or any appliance in BT_*):
//
//   review    pull request: `pulumi preview --diff` with the guardrails policy pack; writes the plan
//             as the pull-request comment the CI posts (<work>/plan.md); fails when a mandatory
//             guardrail is violated
//   apply     merge to main: `pulumi up --refresh` with the same pack (which also repairs drift)
//   nightly   `pulumi preview --refresh --expect-no-changes`; fails loudly naming every drifted field
//   demo      starts a simulator and runs the whole story: a blocked pull request, a clean one, the
//             deploy, a console edit caught by the nightly job, and the deploy that puts it back
//
//   npx ts-node examples/gitops/run-local.ts <review|apply|nightly|demo> [--work DIR] [--inventory FILE]
//
// The CI files (.github/workflows/beyondtrust.yml, .gitlab-ci.yml) run the same commands with the
// CLI; here the program runs inline through the Automation API (a CLI built without the Node
// language host cannot run a program folder) and the pack starts through policy/bin.
import * as fs from "fs";
import * as path from "path";
import type { EngineEvent, Stack } from "@pulumi/pulumi/automation";
import { createInlineStack, ENSURE_SCRIPT, findPulumiCli, pulumiEnv } from "../../scripts/lib/pulumi-cli";
import { gitops, loadInventory } from "./program";
// eslint-disable-next-line @typescript-eslint/no-var-requires
const drift = require("./ci/drift-report.js") as {
    driftOf(steps: Array<{ op: string; urn: string; oldInputs?: object; newInputs?: object }>): unknown[];
    format(d: unknown[]): string[];
};

const HERE = __dirname;
const REPO = path.resolve(HERE, "..", "..");
const PACK_DIR = path.join(REPO, "policy");
const GUARDRAILS = path.join(HERE, "guardrails.json");
const STACK = "local";

const strip = (s: string) => s.replace(/\x1b\[[0-9;]*m/g, "");

interface Options {
    work: string;
    inventory: string;
    env: Record<string, string | undefined>;
    log: (s: string) => void;
}

async function stackFor(o: Options): Promise<Stack> {
    const cli = findPulumiCli();
    if (!cli) throw new Error(`no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
    const host = o.env.BT_API_HOST;
    if (!host || !o.env.BT_CLIENT_ID || !o.env.BT_CLIENT_SECRET)
        throw new Error("set BT_API_HOST, BT_CLIENT_ID and BT_CLIENT_SECRET (npm run simulator prints them), or run the demo");
    fs.mkdirSync(o.work, { recursive: true });
    const env = pulumiEnv(o.work, cli);
    env.PATH = [path.join(PACK_DIR, "bin"), env.PATH].join(path.delimiter);
    const inventory = o.inventory;
    const stack = await createInlineStack("beyondtrust-gitops", STACK, async () => gitops(loadInventory(inventory)), o.work, env, cli);
    await stack.setAllConfig({
        "beyondtrust:host": { value: host },
        "beyondtrust:clientId": { value: o.env.BT_CLIENT_ID },
        "beyondtrust:clientSecret": { value: o.env.BT_CLIENT_SECRET, secret: true },
    });
    return stack;
}

const policy = { policyPacks: [PACK_DIR], policyPackConfigs: [GUARDRAILS] };

/** Pull request: the plan, checked by the guardrails, as the comment CI posts. Exit 1 when blocked. */
export async function review(o: Options): Promise<number> {
    const stack = await stackFor(o);
    let out = "";
    let ok = true;
    try {
        await stack.preview({ ...policy, diff: true, onOutput: (s) => ((out += s), o.log(s)) });
    } catch (err) {
        ok = false;
        if (!out.includes("Policies:")) out += String((err as Error).message ?? err);
    }
    const text = strip(out);
    // The engine prints each violation with the resource and again in the summary: once each here.
    const violations = [
        ...new Set(
            text
                .split("\n")
                .filter((l) => /\[mandatory\]/.test(l))
                .map((l) => l.trim()),
        ),
    ];
    const comment = [
        `### BeyondTrust plan for \`${STACK}\`: ${ok ? "✅ passes the guardrails" : `❌ blocked by ${violations.length} mandatory guardrail violation(s)`}`,
        "",
        ...violations.map((v) => `- ${v}`),
        "",
        "<details><summary><code>pulumi preview --diff --policy-pack</code></summary>",
        "",
        "```diff",
        text.trim(),
        "```",
        "</details>",
        "",
    ].join("\n");
    fs.writeFileSync(path.join(o.work, "plan.md"), comment);
    o.log(`\nREVIEW ${ok ? "PASSED" : "BLOCKED"}: the pull-request comment is ${path.join(o.work, "plan.md")}\n`);
    return ok ? 0 : 1;
}

/** Merge to main: deploy, with the same guardrails. */
export async function apply(o: Options): Promise<number> {
    const stack = await stackFor(o);
    try {
        // --refresh: a deploy also puts back what was changed outside the pipeline.
        const r = await stack.up({ ...policy, refresh: true, onOutput: o.log });
        o.log(`\nAPPLY ${r.summary.result}: ${JSON.stringify(r.summary.resourceChanges)}\n`);
        return r.summary.result === "succeeded" ? 0 : 1;
    } catch (err) {
        o.log(`\nAPPLY FAILED: ${strip(String((err as Error).message ?? err)).slice(-2000)}\n`);
        return 1;
    }
}

/** Nightly: refresh and expect no changes; on drift, one line per drifted field, exit 1. */
export async function nightly(o: Options): Promise<number> {
    const stack = await stackFor(o);
    const steps: Array<{ op: string; urn: string; oldInputs?: object; newInputs?: object }> = [];
    const onEvent = (e: EngineEvent) => {
        const m = e.resourcePreEvent?.metadata;
        if (m) steps.push({ op: m.op, urn: m.urn, oldInputs: m.old?.inputs, newInputs: m.new?.inputs });
    };
    let failed: unknown;
    try {
        await stack.preview({ refresh: true, expectNoChanges: true, diff: true, onOutput: o.log, onEvent });
    } catch (err) {
        failed = err;
    }
    const lines = drift.format(drift.driftOf(steps));
    if (!failed && lines.length === 0) {
        o.log("\nNIGHTLY OK: no drift, the appliance matches the code\n");
        return 0;
    }
    o.log(`\nNIGHTLY FAILED: ${lines.length ? `${lines.length} resource(s) drifted` : "preview --refresh failed"}\n`);
    for (const l of lines) o.log(`${l}\n`);
    if (failed && lines.length === 0) o.log(`${strip(String((failed as Error).message ?? failed)).slice(-2000)}\n`);
    return 1;
}

/** The whole story against a fresh simulator. */
async function demo(o: Options): Promise<number> {
    const { startSimulator } = await import("../../simulator");
    const sim = await startSimulator({ port: 0, clientId: "gitops", clientSecret: "gitops-demo-secret-not-for-production" });
    const env = { ...o.env, BT_API_HOST: sim.url, BT_CLIENT_ID: sim.clientId, BT_CLIENT_SECRET: sim.clientSecret };
    const base = loadInventory(o.inventory);
    const file = path.join(o.work, "inventory.json");
    fs.mkdirSync(o.work, { recursive: true });
    const step = (t: string) => o.log(`\n== ${t}\n\n`);
    const p = { ...o, env, inventory: file };
    try {
        step("1. A pull request adds a Telnet switch: review blocks it");
        fs.writeFileSync(
            file,
            JSON.stringify({ ...base, hosts: [...base.hosts, { name: "legacy switch", hostname: "sw-1", protocol: "telnet", tag: "prod-net" }] }),
        );
        if ((await review(p)) === 0) throw new Error("the violating change passed review");
        step("2. The pull request is fixed: review passes");
        fs.writeFileSync(file, JSON.stringify(base));
        if ((await review(p)) !== 0) throw new Error("the clean change was blocked");
        step("3. Merged: apply deploys it");
        if ((await apply(p)) !== 0) throw new Error("apply failed");
        step("4. Nightly: no drift");
        if ((await nightly(p)) !== 0) throw new Error("drift right after apply");
        step("5. Someone edits a Shell Jump in the console; the nightly job fails naming the field");
        const item = (((await (await fetch(`${sim.controlUrl}/state`)).json()) as any).collections["jump-item/shell-jump"] as any[])[0];
        await fetch(`${sim.controlUrl}/api/jump-item/shell-jump/${item.id}`, {
            method: "PATCH",
            headers: { "content-type": "application/json" },
            body: JSON.stringify({ hostname: "192.0.2.66" }),
        });
        if ((await nightly(p)) === 0) throw new Error("the drift was not caught");
        step("6. The deploy job puts the code's values back; the next nightly is clean");
        if ((await apply(p)) !== 0 || (await nightly(p)) !== 0) throw new Error("the drift was not repaired");
        o.log("\nDemo done.\n");
        return 0;
    } finally {
        await sim.close();
    }
}

async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    const flag = (name: string) => {
        const i = rest.indexOf(name);
        return i >= 0 ? rest[i + 1] : undefined;
    };
    const o: Options = {
        work: path.resolve(flag("--work") ?? path.join(HERE, ".local")),
        inventory: path.resolve(flag("--inventory") ?? path.join(HERE, "inventory.json")),
        env: process.env,
        log: (s) => process.stdout.write(s),
    };
    switch (command) {
        case "review":
            return review(o);
        case "apply":
            return apply(o);
        case "nightly":
            return nightly(o);
        case "demo":
            return demo(o);
        default:
            console.error("usage: run-local.ts <review|apply|nightly|demo> [--work DIR] [--inventory FILE]");
            return 2;
    }
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err) => {
            console.error(err instanceof Error ? err.message : err);
            process.exit(1);
        },
    );
}
