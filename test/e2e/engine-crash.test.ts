// The engine and its plugin killed (SIGKILL, as by the OOM killer or a CI timeout) in the middle of a
// `pulumi up` creating Shell Jumps at the appliance's rate limit. What must hold:
// - the checkpoint on disk is valid and every resource in it exists on the appliance under its id
//   (the local backend writes the checkpoint after every step);
// - every object on the appliance that state does not know is one of the creates the engine had in
//   flight, recorded as a pending create (so nothing is lost without a record);
// - Pulumi's own recovery (`pulumi refresh --import-pending-creates <urn> --import-pending-creates
//   <id>` for the ones that landed, `--clear-pending-creates` for the rest), then `up`, converges: every Shell Jump exactly
//   once, no duplicate, and a no-op preview afterwards.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { readStat } from "../../scripts/lib/proc-cpu";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiEnv, removeWorkDir, ENSURE_SCRIPT } from "../support/pulumi-cli";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

const N = 60;
const PROJECT = "bt-crash";
const STACK = "crash";

function childrenOf(pid: number): number[] {
    const out: number[] = [];
    let tasks: string[] = [];
    try {
        tasks = fs.readdirSync(`/proc/${pid}/task`);
    } catch {
        return out;
    }
    for (const tid of tasks) {
        try {
            const list = fs.readFileSync(`/proc/${pid}/task/${tid}/children`, "utf8").trim();
            if (list) out.push(...list.split(" ").map(Number));
        } catch {
            // the thread ended
        }
    }
    return out;
}

/** The `pulumi` processes under this one, each with everything it started. */
function engineTrees(): number[] {
    const all: number[] = [];
    for (const pid of childrenOf(process.pid)) {
        if (readStat(pid)?.comm !== "pulumi") continue;
        const stack = [pid];
        while (stack.length) {
            const p = stack.pop()!;
            all.push(p);
            stack.push(...childrenOf(p));
        }
    }
    return all;
}

function checkpoint(workDir: string): any {
    const file = path.join(workDir, "state", ".pulumi", "stacks", PROJECT, `${STACK}.json`);
    return JSON.parse(fs.readFileSync(file, "utf8")).checkpoint.latest;
}

describe("e2e: the engine killed mid-up", function () {
    this.timeout(600_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    let cli: string | undefined;
    let env: Record<string, string>;

    before(async function () {
        cli = findPulumiCli();
        if (!cli || !fs.existsSync(`/proc/${process.pid}/task`)) {
            console.log(`    skipping end-to-end: ${cli ? "needs Linux /proc" : `no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`}`);
            this.skip();
        }
        sim = await startSimulatorProcess({ args: ["--latency", "20"] });
        workDir = makeWorkDir("pulumi-bt-crash-");
        const program = async () => {
            const { pra } = await import("../../sdk");
            const jp = new pra.Jumpoint("jp", { name: "crash", platform: "linux-x86", shellJumpEnabled: true });
            const jg = new pra.JumpGroup("jg", { name: "crash" });
            for (let i = 0; i < N; i++) {
                new pra.ShellJump(`item-${i}`, { name: `crash-${i}`, hostname: `10.9.0.${i}`, jumpointId: jp.id, jumpGroupId: jg.id });
            }
        };
        env = { ...pulumiEnv(workDir, cli), BT_API_HOST: "", BT_CLIENT_ID: "", BT_CLIENT_SECRET: "" };
        stack = await createInlineStack(PROJECT, STACK, program, workDir, env, cli);
        await stack.setAllConfig({
            "beyondtrust:host": { value: sim.apiHost },
            "beyondtrust:clientId": { value: sim.clientId },
            "beyondtrust:clientSecret": { value: sim.clientSecret, secret: true },
        });
    });

    after(async () => {
        await sim?.stop();
        if (workDir && !process.env.PULUMI_E2E_KEEP_WORKDIR) removeWorkDir(workDir);
    });

    const onAppliance = async (): Promise<any[]> => (await sim.control("GET", "/state")).collections["jump-item/shell-jump"] ?? [];

    it("leaves a checkpoint that is right about everything it lists, and records every create in flight", async () => {
        const up = stack.up().then(
            () => "finished",
            (e: Error) => e,
        );
        // Kill once a third of the Shell Jumps exist (the limiter paces creates at 20/s).
        const deadline = Date.now() + 120_000;
        let killed: number[] = [];
        while (Date.now() < deadline) {
            // A busy machine can drop a kept-alive control connection; the next poll opens another.
            const c = await sim.counters().catch(() => undefined);
            if ((c?.requests.byRoute["POST /jump-item/shell-jump"] ?? 0) >= N / 3) {
                killed = engineTrees();
                for (const pid of killed) process.kill(pid, "SIGKILL");
                break;
            }
            await new Promise((r) => setTimeout(r, 20));
        }
        assert.ok(killed.length >= 2, `killed the engine and its plugin (${killed.length} processes)`);
        const result = await up;
        assert.ok(result instanceof Error, "up did not finish");
        // In-flight requests may still land on the appliance after the kill; let them.
        await new Promise((r) => setTimeout(r, 500));
        assert.ok(readStat(sim.pid), "the simulator survived its clients being killed");

        const latest = checkpoint(workDir);
        const items = await onAppliance();
        const byId = new Map(items.map((it) => [String(it.id), it]));
        const inState = (latest.resources ?? []).filter((r: any) => r.type.endsWith(":ShellJump"));
        const pending = (latest.pending_operations ?? []).filter((op: any) => op.type === "creating" && op.resource.type.endsWith(":ShellJump"));
        assert.ok(inState.length > 0 && inState.length < N, `part of the run is in state: ${inState.length} of ${N}`);
        for (const r of inState) {
            const live = byId.get(String(r.id));
            assert.ok(live, `${r.urn}: id ${r.id} exists on the appliance`);
            assert.strictEqual(live.name, r.outputs.name);
        }
        const known = new Set(inState.map((r: any) => String(r.id)));
        const pendingNames = new Set(pending.map((op: any) => op.resource.inputs.name));
        const orphans = items.filter((it) => !known.has(String(it.id)));
        for (const o of orphans) assert.ok(pendingNames.has(o.name), `${o.name} (id ${o.id}) is on the appliance without a record in state`);
        assert.ok(pending.length <= 8, `at most --parallel creates in flight: ${pending.length}`);
        assert.strictEqual(new Set(items.map((it) => it.name)).size, items.length, "no duplicate so far");
    });

    it("converges after the documented repair of pending creates, with no duplicate", async () => {
        // The killed engine left its lock: `pulumi cancel` removes it on the local backend.
        await stack.cancel();
        // The user's check "did it land?", done here by name and Jump Group. Pulumi 3.259's
        // `refresh --import-pending-creates` drops the ops it marks as imports instead of adding
        // them to state (checked: the refresh leaves the resources unchanged), so the repair is
        // the state edit Pulumi documents for pending operations: export, move each create that
        // landed into the resources with its id, drop the others, import, then refresh.
        const exported = await stack.exportStack();
        const deployment = exported.deployment;
        const items = await onAppliance();
        const pending: any[] = deployment.pending_operations ?? [];
        let imported = 0;
        for (const op of pending) {
            if (op.type !== "creating") continue;
            const live = items.find((it) => it.name === op.resource.inputs?.name && !deployment.resources.some((r: any) => r.id === String(it.id)));
            if (!live) continue;
            deployment.resources.push({ ...op.resource, id: String(live.id), outputs: { ...op.resource.inputs } });
            imported++;
        }
        deployment.pending_operations = pending.filter((op) => op.type !== "creating");
        await stack.importStack(exported);
        await stack.refresh();
        const recovered = checkpoint(workDir);
        if (process.env.PULUMI_E2E_VERBOSE)
            console.log(JSON.stringify({ pending: pending.length, imported, onAppliance: items.length, afterRefresh: recovered.resources.length }));
        assert.strictEqual((recovered.pending_operations ?? []).length, 0, "no pending operation left");

        const r = await stack.up();
        assert.strictEqual(r.summary.result, "succeeded");
        const after = await onAppliance();
        assert.strictEqual(after.length, N, `exactly ${N} Shell Jumps on the appliance`);
        assert.strictEqual(new Set(after.map((it) => it.name)).size, N, "no duplicate");
        const preview = await stack.preview();
        assert.strictEqual(preview.changeSummary.same, N + 3, JSON.stringify(preview.changeSummary));

        await stack.destroy();
        assert.strictEqual((await onAppliance()).length, 0);
    });
});
