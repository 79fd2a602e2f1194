// What the end-to-end suites share when they drive the real engine: skipping without a CLI, a
// transcript of everything the engine printed, and the backend's files as stored at rest.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import type { Stack } from "@pulumi/pulumi/automation";
import { findPulumiCli, ENSURE_SCRIPT } from "../support/pulumi-cli";
import type { SimulatorProcess } from "../support/simulator";

/** The CLI, or a skip that says why (these suites need a real engine). */
export function skipWithoutCli(ctx: Mocha.Context): string | undefined {
    const cli = findPulumiCli();
    if (!cli) {
        console.log(`    skipping end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
        ctx.skip();
    }
    return cli;
}

/** Every line the engine printed, to search for secrets at the end. */
export class Transcript {
    text = "";
    readonly onOutput = (s: string) => (this.text += s);
}

/**
 * Everything the local backend wrote (state, history, backups), as stored at rest. The Automation
 * API's exportStack() decrypts secrets (it passes --show-secrets), so it cannot prove encryption.
 */
export function stateAtRest(workDir: string): string {
    const root = path.join(workDir, "state");
    const files = (fs.readdirSync(root, { recursive: true }) as string[]).map((f) => path.join(root, f));
    const texts = files.filter((f) => fs.statSync(f).isFile()).map((f) => fs.readFileSync(f, "utf8"));
    assert.ok(texts.length > 0, "the backend wrote state files");
    return texts.join("\n");
}

/** The stack signs in to the simulator's PRA with its printed API account. */
export async function connectPra(stack: Stack, sim: SimulatorProcess): Promise<void> {
    await stack.setAllConfig({
        "beyondtrust:host": { value: sim.apiHost },
        "beyondtrust:clientId": { value: sim.clientId },
        "beyondtrust:clientSecret": { value: sim.clientSecret, secret: true },
    });
}

/** The stack signs in to the simulator's Password Safe with its printed API key and run-as user. */
export async function connectPasswordSafe(stack: Stack, sim: SimulatorProcess): Promise<void> {
    await stack.setAllConfig({
        "beyondtrust:passwordSafeUrl": { value: sim.env.BT_PS_API_URL },
        "beyondtrust:passwordSafeApiKey": { value: sim.env.BT_PS_API_KEY, secret: true },
        "beyondtrust:passwordSafeRunAs": { value: sim.env.BT_PS_RUNAS },
    });
}

/** The stack calls the simulator's EPM with its printed API account (stack config, as a user's program would). */
export async function connectEpm(stack: Stack, sim: SimulatorProcess): Promise<void> {
    await stack.setAllConfig({
        "beyondtrust:epmUrl": { value: sim.env.BT_EPM_API_URL },
        "beyondtrust:epmClientId": { value: sim.env.BT_EPM_CLIENT_ID },
        "beyondtrust:epmClientSecret": { value: sim.env.BT_EPM_CLIENT_SECRET, secret: true },
    });
}
