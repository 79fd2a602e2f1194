// Runs a Pulumi program under Pulumi's mocks (pulumi.runtime.setMocks) for programs that mix cloud
// resources no test can create (an AWS account, the AWS provider plugin) with this package's:
// - every other package's resource is the test's fake (`cloud`), kept across runs like a cloud's
//   state, as unit tests with mocks do;
// - this package's resources are really executed: each registration must carry its kind's shim as
//   `__provider` (what the plugin would load), and runs the step the engine would (check, then
//   create, or diff and update or replace) through the provider's handlers, over HTTP, against the
//   appliance the environment names (a simulator);
// - mocks have no engine, so nothing deletes: after the program, what it no longer declares is
//   deleted in reverse creation order, as the engine's delete steps are.
// Step generation is MiniEngine's (test/support/mini-engine.ts); the real engine runs the
// BeyondTrust resources in test/e2e/examples.test.ts.
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { shimFor } from "../../sdk/shim";
import { MiniEngine } from "./mini-engine";

type Props = Record<string, any>;

/** A cloud resource as the fake keeps it: its id and outputs. */
export interface CloudResource {
    type: string;
    name: string;
    id: string;
    state: Props;
}

export interface MockedCloud {
    /** The outputs of a cloud resource, given its inputs and what the fake held for it before (undefined on create). */
    resource(type: string, name: string, inputs: Props, prior: CloudResource | undefined): { id: string; state: Props };
    /** A provider function (an invoke such as aws:ec2/getAmi:getAmi). */
    call(token: string, inputs: Props): Props;
}

export interface RunResult {
    outputs: Props;
    /** Each resource's step in this run, in the order they happened ("type::name"). */
    steps: Array<{ step: "create" | "update" | "replace" | "same" | "delete"; key: string }>;
}

const TYPE_PREFIX = "pulumi-nodejs:dynamic/beyondtrust/";

export class MockedStack {
    /** This package's resources, with their inputs and outputs as the engine's state would hold them. */
    readonly beyondtrust = new MiniEngine();
    readonly cloud = new Map<string, CloudResource>();
    /** Every resource's key, in creation order across runs (either side), for deleting dependents first. */
    private readonly created = new Set<string>();

    constructor(
        private readonly fake: MockedCloud,
        readonly project: string,
        readonly stack = "mocked",
    ) {}

    /** One `pulumi up` of `program` with `config` (keys without the project prefix; `secret` ones as secrets). */
    async up(program: () => unknown, config: Record<string, string> = {}, secret: string[] = []): Promise<RunResult> {
        const declared = new Set<string>();
        const steps: RunResult["steps"] = [];
        const failures: unknown[] = [];
        await pulumi.runtime.setMocks(
            {
                newResource: async (args) => {
                    const key = `${args.type}::${args.name}`;
                    declared.add(key);
                    // Components (and the stack) have no provider and no id.
                    if (!args.custom) return { id: undefined, state: {} };
                    try {
                        return await this.register(key, args.type, args.name, unwrapSecrets(args.inputs), steps);
                    } catch (e) {
                        failures.push(e);
                        throw e;
                    }
                },
                call: (args) => this.fake.call(args.token, unwrapSecrets(args.inputs)),
            },
            this.project,
            this.stack,
            false,
        );
        const qualified = (k: string) => `${this.project}:${k}`;
        pulumi.runtime.setAllConfig(Object.fromEntries(Object.entries(config).map(([k, v]) => [qualified(k), v])), secret.map(qualified));
        const outputs = (await pulumi.runtime.runInPulumiStack(async () => program())) ?? {};
        // What the language host does before it exits: wait until every registration has answered.
        await pulumi.runtime.disconnect();
        if (failures.length > 0) throw failures[0];
        for (const key of [...this.created].reverse()) {
            if (declared.has(key)) continue;
            if (this.cloud.delete(key)) this.created.delete(key);
            else await this.beyondtrust.destroy(key).then(() => this.created.delete(key));
            steps.push({ step: "delete", key });
        }
        return { outputs: unwrapSecrets(outputs), steps };
    }

    /** `pulumi destroy`: everything, dependents first. */
    async destroy(): Promise<void> {
        for (const key of [...this.created].reverse()) {
            if (!this.cloud.delete(key)) await this.beyondtrust.destroy(key);
            this.created.delete(key);
        }
    }

    private async register(key: string, type: string, name: string, inputs: Props, steps: RunResult["steps"]) {
        if (!type.startsWith(TYPE_PREFIX)) {
            const prior = this.cloud.get(key);
            const r = this.fake.resource(type, name, inputs, prior);
            this.cloud.set(key, { type, name, ...r });
            this.created.add(key);
            steps.push({ step: prior ? "same" : "create", key });
            return r;
        }
        const kind = type.slice(TYPE_PREFIX.length);
        const { __provider, ...rest } = inputs;
        assert.strictEqual(__provider, shimFor(kind), `${key}: its __provider is the ${kind} shim`);
        const r = await this.beyondtrust.up(key, kind, rest);
        this.created.add(key);
        steps.push({ step: r.step, key });
        return { id: r.tracked.id, state: r.tracked.outs };
    }
}

/** Mocks hand secrets over wrapped (`{<sig>: <secret sig>, value}`); the engine hands providers their values. */
function unwrapSecrets(v: any): any {
    if (Array.isArray(v)) return v.map(unwrapSecrets);
    if (v && typeof v === "object") {
        if (v[pulumi.runtime.specialSigKey] === pulumi.runtime.specialSecretSig) return unwrapSecrets(v.value);
        return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, unwrapSecrets(x)]));
    }
    return v;
}
