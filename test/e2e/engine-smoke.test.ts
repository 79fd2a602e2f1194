/**
 * End-to-end smoke test of the real Pulumi engine: Automation API (inline program) -> Pulumi CLI ->
 * `pulumi-resource-pulumi-nodejs` -> a `pulumi.dynamic` provider defined in this file.
 *
 * Needs a Pulumi CLI: run scripts/ensure-pulumi-cli.sh once (it builds one into a cache folder if
 * none is installed). Without a CLI the suite is skipped. See docs/pulumi-cli.md.
 * PULUMI_E2E_VERBOSE=1 prints the CLI output of every step; PULUMI_E2E_KEEP_WORKDIR=1 keeps the temp folder.
 */
import * as assert from "node:assert/strict";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { OutputMap, Stack } from "@pulumi/pulumi/automation";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiCliVersion, pulumiEnv, removeWorkDir } from "../support/pulumi-cli";

// A plain module object (not an esModuleInterop wrapper) so that Pulumi's closure serializer
// recognises it as the built-in module and emits `require("fs")` in the serialized provider.
// eslint-disable-next-line @typescript-eslint/no-var-requires
const fs: typeof import("fs") = require("fs");

interface ProviderCall {
    op: string;
    id?: string;
    message?: string;
}

/** A trivial provider that records every call as a JSON line in `callsFile`. */
function makeProvider(callsFile: string): pulumi.dynamic.ResourceProvider {
    return {
        async create(inputs: any): Promise<pulumi.dynamic.CreateResult> {
            const id = `smoke-${inputs.name}`;
            fs.appendFileSync(callsFile, JSON.stringify({ op: "create", id, message: inputs.message }) + "\n");
            return { id, outs: { name: inputs.name, message: inputs.message, generation: 1 } };
        },
        async read(id: string, props: any): Promise<pulumi.dynamic.ReadResult> {
            fs.appendFileSync(callsFile, JSON.stringify({ op: "read", id, message: props.message }) + "\n");
            return { id, props };
        },
        async diff(id: string, olds: any, news: any): Promise<pulumi.dynamic.DiffResult> {
            fs.appendFileSync(callsFile, JSON.stringify({ op: "diff", id, message: news.message }) + "\n");
            const replaces = olds.name !== news.name ? ["name"] : [];
            return { changes: olds.message !== news.message || replaces.length > 0, replaces };
        },
        async update(id: string, olds: any, news: any): Promise<pulumi.dynamic.UpdateResult> {
            fs.appendFileSync(callsFile, JSON.stringify({ op: "update", id, message: news.message }) + "\n");
            return { outs: { name: news.name, message: news.message, generation: (olds.generation || 0) + 1 } };
        },
        async delete(id: string, props: any): Promise<void> {
            fs.appendFileSync(callsFile, JSON.stringify({ op: "delete", id, message: props.message }) + "\n");
        },
    };
}

interface SmokeThingArgs {
    name: pulumi.Input<string>;
    message: pulumi.Input<string>;
}

class SmokeThing extends pulumi.dynamic.Resource {
    public readonly name!: pulumi.Output<string>;
    public readonly message!: pulumi.Output<string>;
    public readonly generation!: pulumi.Output<number>;

    constructor(provider: pulumi.dynamic.ResourceProvider, name: string, args: SmokeThingArgs, opts?: pulumi.CustomResourceOptions) {
        super(provider, name, { ...args, generation: undefined }, opts, "smoke", "SmokeThing");
    }
}

function readCalls(callsFile: string): ProviderCall[] {
    if (!fs.existsSync(callsFile)) return [];
    return fs
        .readFileSync(callsFile, "utf8")
        .split("\n")
        .filter((l) => l.trim())
        .map((l) => JSON.parse(l) as ProviderCall);
}

function outputValue(outputs: OutputMap, key: string): unknown {
    assert.ok(key in outputs, `stack output ${key} missing; got ${Object.keys(outputs).join(", ")}`);
    return outputs[key].value;
}

describe("engine smoke: Automation API + Pulumi CLI + dynamic provider", function () {
    this.timeout(10 * 60 * 1000);

    const projectName = "bt-engine-smoke";
    const stackName = "smoke";
    let workDir = "";
    let callsFile = "";
    let stack: Stack | undefined;
    let message = "hello";
    let log = "";
    const onOutput = (s: string) => {
        log += s;
    };

    const program = async () => {
        const thing = new SmokeThing(makeProvider(callsFile), "thing", { name: "thing-1", message });
        return { thingId: thing.id, message: thing.message, generation: thing.generation };
    };

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log("    skipping end-to-end: no Pulumi CLI; run scripts/ensure-pulumi-cli.sh");
            this.skip();
        }
        console.log(`    using Pulumi CLI ${cli} (${pulumiCliVersion(cli!)})`);
        workDir = makeWorkDir();
        callsFile = path.join(workDir, "provider-calls.jsonl");
        const env = pulumiEnv(workDir, cli);
        stack = await createInlineStack(projectName, stackName, program, workDir, env, cli);
    });

    afterEach(function () {
        if ((this.currentTest?.state === "failed" || process.env.PULUMI_E2E_VERBOSE) && log) {
            console.log(`---- pulumi output ----\n${log}\n-----------------------`);
        }
        log = "";
    });

    after(async function () {
        if (!workDir) return;
        try {
            await stack?.workspace.removeStack(stackName, { force: true });
        } catch {
            // best effort: the folder is deleted anyway
        }
        if (!process.env.PULUMI_E2E_KEEP_WORKDIR) removeWorkDir(workDir);
        else console.log(`    kept ${workDir}`);
    });

    it("up creates the dynamic resource and exports its outputs", async function () {
        const res = await stack!.up({ onOutput });
        assert.equal(res.summary.result, "succeeded");
        assert.equal(res.summary.resourceChanges?.create, 2, "stack + SmokeThing created");
        assert.equal(outputValue(res.outputs, "thingId"), "smoke-thing-1");
        assert.equal(outputValue(res.outputs, "message"), "hello");
        assert.equal(outputValue(res.outputs, "generation"), 1);
        const ops = readCalls(callsFile).map((c) => c.op);
        assert.ok(ops.includes("create"), `provider create was not called: ${ops.join(",")}`);
    });

    it("preview reports no changes", async function () {
        const before = readCalls(callsFile).length;
        const res = await stack!.preview({ onOutput });
        const changes = { ...res.changeSummary };
        delete changes.same;
        assert.deepEqual(changes, {}, `unexpected changes: ${JSON.stringify(res.changeSummary)}`);
        assert.equal(res.changeSummary.same, 2);
        const newOps = readCalls(callsFile)
            .slice(before)
            .map((c) => c.op);
        assert.ok(!newOps.includes("create") && !newOps.includes("update"), `preview mutated: ${newOps}`);
    });

    it("changing an input makes up perform an update", async function () {
        message = "hello again";
        const res = await stack!.up({ onOutput });
        assert.equal(res.summary.resourceChanges?.update, 1, JSON.stringify(res.summary.resourceChanges));
        assert.equal(res.summary.resourceChanges?.create ?? 0, 0);
        assert.equal(outputValue(res.outputs, "thingId"), "smoke-thing-1", "updated in place, same id");
        assert.equal(outputValue(res.outputs, "message"), "hello again");
        assert.equal(outputValue(res.outputs, "generation"), 2);
        const last = readCalls(callsFile)
            .filter((c) => c.op === "update")
            .pop();
        assert.deepEqual(last, { op: "update", id: "smoke-thing-1", message: "hello again" });
    });

    it("refresh calls the provider's read", async function () {
        const before = readCalls(callsFile).length;
        const res = await stack!.refresh({ onOutput });
        assert.equal(res.summary.result, "succeeded");
        assert.equal(res.summary.kind, "refresh");
        const reads = readCalls(callsFile)
            .slice(before)
            .filter((c) => c.op === "read");
        assert.deepEqual(reads, [{ op: "read", id: "smoke-thing-1", message: "hello again" }]);
    });

    it("stack export has the expected structure", async function () {
        const exported = await stack!.exportStack();
        assert.equal(exported.version, 3);
        const resources: any[] = exported.deployment?.resources ?? [];
        const types = resources.map((r) => r.type);
        assert.ok(types.includes("pulumi:pulumi:Stack"), `types: ${types}`);
        assert.ok(types.includes("pulumi:providers:pulumi-nodejs"), `types: ${types}`);
        const thing = resources.find((r) => r.type === "pulumi-nodejs:dynamic/smoke:SmokeThing");
        assert.ok(thing, `dynamic resource missing; types: ${types}`);
        assert.equal(thing.id, "smoke-thing-1");
        assert.ok(String(thing.urn).endsWith("::thing"), thing.urn);
        assert.equal(thing.outputs.message, "hello again");
        assert.equal(thing.outputs.generation, 2);
        assert.equal(typeof thing.inputs.__provider, "string", "serialized provider stored in inputs");
        assert.ok(exported.deployment.manifest?.version, "manifest records the CLI version");
        assert.ok(exported.deployment.secrets_providers?.type, "secrets provider recorded");
    });

    it("destroy deletes everything", async function () {
        const res = await stack!.destroy({ onOutput });
        assert.equal(res.summary.result, "succeeded");
        assert.equal(res.summary.resourceChanges?.delete, 2, JSON.stringify(res.summary.resourceChanges));
        const deletes = readCalls(callsFile).filter((c) => c.op === "delete");
        assert.deepEqual(deletes, [{ op: "delete", id: "smoke-thing-1", message: "hello again" }]);
        const exported = await stack!.exportStack();
        assert.equal((exported.deployment?.resources ?? []).length, 0, "no resources left after destroy");
        const summary = readCalls(callsFile).map((c) => c.op);
        console.log(`    provider calls: ${summary.join(" ")}`);
    });
});
