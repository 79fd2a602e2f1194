/**
 * The EPM rows of `npm run bench`: N ComputerGroups created, previewed (no-op), refreshed, updated
 * (every description) and deleted against the simulator's EPM with its documented window on (1000
 * requests per 100 s per API account, the token endpoint included), at the handler level in two
 * modes (ours: the client-side limiter on; naive: off, so the tenant's 429s and Retry-After pace it)
 * and through the real Pulumi engine (up, no-op preview, up changing every description, destroy).
 * Each run has an API account of its own, so a fresh window. Counts come from EPM's own counters
 * (`/_sim/epm/counters`); correctness from its state: every group of the run exists once with its
 * last description, or is gone.
 */
import { handler, resetClients } from "../../provider";
import { resetLimiters } from "../../provider/core/api-client";
import { EPM_RATE_WINDOW } from "../../provider/epm/profile";
import { inParallel } from "./parallel";
import { boundCells, byMethodCell } from "./bench-cells";
import { createInlineStack, makeWorkDir, pulumiEnv, removeWorkDir } from "./pulumi-cli";
import { SimulatorProcess } from "./simulator-process";

type Props = Record<string, unknown>;

export const EPM_TOKEN_ROUTE = "POST /oauth/connect/token";
/** The sustained rate the window allows, requests per second. */
export const EPM_RATE = EPM_RATE_WINDOW.limit / (EPM_RATE_WINDOW.windowMs / 1000);

export interface EpmRow {
    n: number;
    level: "handler" | "engine";
    mode: string;
    phase: string;
    wall: number;
    calls: number;
    byMethod: Record<string, number>;
    tokens: number;
    rateLimited: number;
    failed: number;
    note: string;
}

interface EpmCounters {
    requests: { total: number; byMethod: Record<string, number>; byRoute: Record<string, number> };
    tokensMinted: number;
    rateLimited: number;
}

const counters = (sim: SimulatorProcess) => sim.control<EpmCounters>("GET", "/epm/counters");

/** Runs one phase and reads what it cost from EPM's counters (differences: they are never reset). */
async function measure(
    sim: SimulatorProcess,
    base: Omit<EpmRow, "phase" | "wall" | "calls" | "byMethod" | "tokens" | "rateLimited" | "failed" | "note">,
    phase: string,
    run: () => Promise<{ failed: number; note?: string }>,
): Promise<EpmRow> {
    const before = await counters(sim);
    const started = process.hrtime.bigint();
    let outcome: { failed: number; note?: string };
    try {
        outcome = await run();
    } catch (err) {
        outcome = {
            failed: base.n,
            note: `error: ${String((err as Error).message)
                .split("\n")[0]
                .slice(0, 100)}`,
        };
    }
    const wall = Number(process.hrtime.bigint() - started) / 1e9;
    const after = await counters(sim);
    const tokens = after.tokensMinted - before.tokensMinted;
    const byMethod: Record<string, number> = {};
    for (const [m, v] of Object.entries(after.requests.byMethod)) byMethod[m] = v - (before.requests.byMethod[m] ?? 0);
    const tokenRequests = (after.requests.byRoute[EPM_TOKEN_ROUTE] ?? 0) - (before.requests.byRoute[EPM_TOKEN_ROUTE] ?? 0);
    if (tokenRequests) byMethod.POST -= tokenRequests;
    return {
        ...base,
        phase,
        wall,
        calls: after.requests.total - before.requests.total - tokenRequests,
        byMethod,
        tokens,
        rateLimited: after.rateLimited - before.rateLimited,
        failed: outcome.failed,
        note: outcome.note ?? "",
    };
}

/** Groups of this run in the simulator's state whose count or description is wrong. */
async function wrongGroups(sim: SimulatorProcess, prefix: string, n: number, description: string | undefined): Promise<number> {
    const groups: Array<{ name: string; description: string | null }> = (await sim.control("GET", "/epm/state")).groups;
    const mine = groups.filter((g) => g.name.startsWith(prefix));
    if (description === undefined) return mine.length;
    let wrong = 0;
    for (let i = 0; i < n; i++) {
        const found = mine.filter((g) => g.name === `${prefix}${i}`);
        if (found.length !== 1 || (found[0].description ?? "") !== description) wrong++;
    }
    return wrong;
}

/** A fresh API account, the provider pointed at it through the BT_EPM_* environment. */
async function useAccount(sim: SimulatorProcess, clientId: string): Promise<{ clientId: string; clientSecret: string }> {
    const account = await sim.control<{ clientId: string; clientSecret: string }>("POST", "/epm/accounts", { clientId });
    process.env.BT_EPM_API_URL = sim.env.BT_EPM_API_URL;
    process.env.BT_EPM_CLIENT_ID = account.clientId;
    process.env.BT_EPM_CLIENT_SECRET = account.clientSecret;
    return account;
}

/** N ComputerGroups through the provider's handlers, `parallel` at a time (the engine's default width). */
export async function epmHandlerBench(sim: SimulatorProcess, n: number, mode: "ours" | "naive", parallel: number): Promise<EpmRow[]> {
    await useAccount(sim, `bench-epm-${mode}-${n}-${Date.now()}`);
    // 0 turns the client-side limiter off: the naive mode meets the tenant's 429s instead.
    process.env.BT_EPM_RATE_LIMIT = mode === "ours" ? String(EPM_RATE_WINDOW.limit) : "0";
    resetClients();
    resetLimiters();
    const h = handler("epm:ComputerGroup");
    const prefix = `bench ${mode} ${n} `;
    const check = async (inputs: Props) => {
        const r = await h.check({}, inputs);
        if (r.failures?.length) throw new Error(`check failed: ${JSON.stringify(r.failures)}`);
        return r.inputs!;
    };
    let items: Array<{ id: string; outs: Props; inputs: Props }> = [];
    const base = { n, level: "handler" as const, mode };
    const rows: EpmRow[] = [];
    const count = (results: boolean[]) => ({ failed: results.filter((ok) => !ok).length });
    rows.push(
        await measure(sim, base, "create", async () => {
            items = await inParallel(
                parallel,
                Array.from({ length: n }, (_, i) => async () => {
                    const inputs = await check({ name: `${prefix}${i}`, description: "v1" });
                    return h.create(inputs).then(
                        (r) => ({ id: r.id, outs: r.outs as Props, inputs }),
                        () => ({ id: "", outs: {}, inputs }),
                    );
                }),
            );
            // What the tenant holds decides: a create that failed is a group missing there.
            return { failed: await wrongGroups(sim, prefix, n, "v1") };
        }),
    );
    rows.push(
        await measure(sim, base, "preview (no-op)", async () => {
            const diffs = await inParallel(
                parallel,
                items.map((it) => async () => h.diff(it.id, it.outs, await check(it.inputs))),
            );
            return { failed: diffs.filter((d) => d.changes).length };
        }),
    );
    rows.push(
        await measure(sim, base, "refresh", async () =>
            count(
                await inParallel(
                    parallel,
                    items.map(
                        (it) => () =>
                            h.read(it.id, it.outs).then(
                                (r) => Boolean(r.id),
                                () => false,
                            ),
                    ),
                ),
            ),
        ),
    );
    rows.push(
        await measure(sim, base, "update", async () => {
            await inParallel(
                parallel,
                items.map((it) => async () => {
                    const news = await check({ ...it.inputs, description: "v2" });
                    await h.update(it.id, it.outs, news).then(
                        (r) => void (it.outs = r.outs as Props),
                        () => undefined,
                    );
                }),
            );
            return { failed: await wrongGroups(sim, prefix, n, "v2") };
        }),
    );
    rows.push(
        await measure(sim, base, "delete", async () => {
            await inParallel(
                parallel,
                items.map((it) => () => h.delete(it.id, it.outs).catch(() => undefined)),
            );
            return { failed: await wrongGroups(sim, prefix, n, undefined) };
        }),
    );
    delete process.env.BT_EPM_RATE_LIMIT;
    return rows;
}

/** N ComputerGroups through the real engine (inline program, local backend, the plugin as its own process). */
export async function epmEngineBench(sim: SimulatorProcess, n: number, cli: string): Promise<EpmRow[]> {
    const account = await useAccount(sim, `bench-epm-engine-${n}-${Date.now()}`);
    const workDir = makeWorkDir("pulumi-bt-bench-epm-");
    const prefix = `bench engine ${n} `;
    let description = "v1";
    const program = async () => {
        const { epm } = await import("../../sdk");
        for (let i = 0; i < n; i++) new epm.ComputerGroup(`group-${i}`, { name: `${prefix}${i}`, description });
    };
    const base = { n, level: "engine" as const, mode: "ours" };
    const rows: EpmRow[] = [];
    try {
        // The connection comes from stack config, as in a user's program; nothing inherited.
        const env = { ...pulumiEnv(workDir, cli), BT_EPM_API_URL: "", BT_EPM_CLIENT_ID: "", BT_EPM_CLIENT_SECRET: "" };
        const stack = await createInlineStack("bt-bench-epm", "bench", program, workDir, env, cli);
        await stack.setAllConfig({
            "beyondtrust:epmUrl": { value: sim.env.BT_EPM_API_URL },
            "beyondtrust:epmClientId": { value: account.clientId },
            "beyondtrust:epmClientSecret": { value: account.clientSecret, secret: true },
        });
        const summary = (r: { summary: { result?: string; resourceChanges?: Record<string, number> } }) =>
            `${r.summary.result}: ${Object.entries(r.summary.resourceChanges ?? {})
                .map(([k, v]) => `${k} ${v}`)
                .join(", ")}`;
        rows.push(
            await measure(sim, base, "up (create)", async () => {
                const note = summary(await stack.up());
                return { failed: await wrongGroups(sim, prefix, n, description), note };
            }),
        );
        rows.push(
            await measure(sim, base, "preview (no-op)", async () => {
                const p = await stack.preview();
                return { failed: n + 1 - (p.changeSummary.same ?? 0), note: `same ${p.changeSummary.same ?? 0}` };
            }),
        );
        description = "v2";
        rows.push(
            await measure(sim, base, "up (update all descriptions)", async () => {
                const note = summary(await stack.up());
                return { failed: await wrongGroups(sim, prefix, n, description), note };
            }),
        );
        rows.push(
            await measure(sim, base, "destroy", async () => {
                const note = summary(await stack.destroy());
                return { failed: await wrongGroups(sim, prefix, n, undefined), note };
            }),
        );
    } finally {
        removeWorkDir(workDir);
    }
    return rows;
}

export function epmTable(rows: EpmRow[]): string {
    const head = ["N", "level", "mode", "phase", "wall s", "API calls", "by method", "tokens", "429s", "bound s", "wall/bound", "failed", "note"];
    const body = rows.map((r) => {
        return [
            String(r.n),
            r.level,
            r.mode,
            r.phase,
            r.wall.toFixed(2),
            String(r.calls),
            byMethodCell(r.byMethod),
            String(r.tokens),
            String(r.rateLimited),
            // The sustained bound at the window's rate. A fresh account may spend its first window's
            // 1000 at once, so wall/bound below 1 is possible.
            ...boundCells(r.calls, r.rateLimited, r.wall, EPM_RATE),
            String(r.failed),
            r.note,
        ];
    });
    const widths = head.map((h, i) => Math.max(h.length, ...body.map((b) => b[i].length)));
    const line = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i])).join(" | ")} |`;
    return [line(head), `|${widths.map((w) => "-".repeat(w + 2)).join("|")}|`, ...body.map(line)].join("\n");
}
