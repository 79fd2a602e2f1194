// A program imports the SDK; the provider (specs, zod, got, the HTTP stack) belongs in the plugin,
// which loads it through the shim. The SDK learns each kind's properties, secrets and outputs from
// sdk/kinds.generated.ts instead of the provider's registry. This proves, on the built package in a
// child Node process (so nothing this test imports counts), that requiring dist/sdk/index.js and
// constructing a resource of every registered kind under Pulumi's mocks loads no module under
// dist/provider, and that each resource registers what the registry says: every given property,
// secrets (the kind's secret fields, the connection, unknown arguments) wrapped as secrets and listed
// in additionalSecretOutputs, and an Output for every field and declared output.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import { allKinds, KindInfo } from "../../provider/registry";
import { REPO_ROOT } from "../support/linked-project";

const DIST = path.join(REPO_ROOT, "dist");
const SECRET_SIG = "4dabf18193072939515e22adb298388d";

interface Probed {
    kind: string;
    /** Properties on the wire (given values only: unset ones are not sent). */
    sent: string[];
    /** Those sent as secrets. */
    secret: string[];
    additionalSecretOutputs: string[];
    /** The resource object's properties that are Outputs (Pulumi's urn and id aside). */
    outputs: string[];
}

interface ProbeRun {
    afterImport: string[];
    afterConstruct: string[];
    providerVisible: boolean;
    probed: Probed[];
}

/** The arguments a probe gives a kind: a value for every field, the common arguments and one unknown. */
function argsFor(k: KindInfo): Record<string, unknown> {
    const args: Record<string, unknown> = Object.fromEntries(Object.keys(k.fields).map((p) => [p, `v-${p}`]));
    return { ...args, connection: { host: "pra.example.com" }, adopt: true, keepSecretsOnAdopt: false, notAPropertyOfAnyKind: "x" };
}

/** Run in a child process from the repository: the built SDK, Pulumi's mocks, one resource per kind. */
function probe(kinds: readonly KindInfo[]): ProbeRun {
    const requests = kinds.map((k) => ({
        kind: k.kind,
        args: argsFor(k),
        // A caller's own list is kept and not repeated: the first output (if any) is named by the caller.
        opts: { additionalSecretOutputs: Object.keys(k.outputs).slice(0, 1) },
    }));
    const script = `
        const path = require("path");
        const dist = ${JSON.stringify(DIST)};
        const loaded = () => Object.keys(require.cache).filter((f) => f.startsWith(dist + path.sep)).map((f) => path.relative(dist, f));
        require(path.join(dist, "sdk", "index.js"));
        const afterImport = loaded();
        const pulumi = require(require.resolve("@pulumi/pulumi", { paths: [${JSON.stringify(REPO_ROOT)}] }));
        const { BeyondTrustResource } = require(path.join(dist, "sdk", "resource.js"));
        class Probe extends BeyondTrustResource {
            constructor(kind, name, args, opts) { super(kind, name, args, opts); }
        }
        const requests = ${JSON.stringify(requests)};
        (async () => {
            await pulumi.runtime.setMocks({ newResource: (a) => ({ id: a.name + "-id", state: {} }), call: () => ({}) }, "proj", "stack", false);
            const monitor = pulumi.runtime.getMonitor();
            const register = monitor.registerResource.bind(monitor);
            const wire = new Map();
            monitor.registerResource = (req, callback) => {
                const sent = req.getObject().toJavaScript();
                wire.set(req.getName(), {
                    sent: Object.keys(sent).filter((k) => k !== "__provider").sort(),
                    secret: Object.keys(sent).filter((k) => sent[k] && typeof sent[k] === "object" && ${JSON.stringify(SECRET_SIG)} in sent[k]).sort(),
                    additionalSecretOutputs: req.getAdditionalsecretoutputsList(),
                });
                return register(req, callback);
            };
            const resources = requests.map((r, i) => new Probe(r.kind, "r" + i, r.args, r.opts));
            await Promise.all(resources.map((r) => new Promise((resolve) => r.urn.apply(resolve))));
            const probed = resources.map((r, i) => ({
                kind: requests[i].kind,
                ...wire.get("r" + i),
                outputs: Object.keys(r).filter((k) => !["urn", "id"].includes(k) && pulumi.Output.isInstance(r[k])).sort(),
            }));
            const afterConstruct = loaded();
            // The probe can see provider modules: once the provider is required they are listed.
            require(path.join(dist, "provider", "index.js"));
            const providerVisible = loaded().some((f) => f.startsWith("provider" + path.sep));
            console.log(JSON.stringify({ afterImport, afterConstruct, providerVisible, probed }));
        })().catch((e) => { console.error(e); process.exit(1); });`;
    const out = execFileSync(process.execPath, ["-e", script], { cwd: REPO_ROOT, encoding: "utf8" });
    return JSON.parse(out.trim().split("\n").pop()!);
}

const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("serialization: the SDK carries its kinds as data and loads no provider code", function () {
    this.timeout(120_000);
    let run: ProbeRun;

    before(() => {
        assert.ok(fs.existsSync(path.join(DIST, "sdk", "kinds.generated.js")), "dist/sdk is not built (npm run build)");
        run = probe(allKinds());
    });

    it("requiring dist/sdk/index.js loads no module under dist/provider", () => {
        assert.ok(
            run.afterImport.includes(path.join("sdk", "index.js")) && run.afterImport.includes(path.join("sdk", "kinds.generated.js")),
            "the probe sees SDK modules",
        );
        assert.deepStrictEqual(
            run.afterImport.filter((f) => f.startsWith(`provider${path.sep}`)),
            [],
        );
        assert.ok(run.providerVisible, "the probe would list provider modules had they been loaded");
    });

    it("constructing a resource of every kind loads none either", () => {
        assert.deepStrictEqual(
            run.afterConstruct.filter((f) => !f.startsWith(`sdk${path.sep}`)),
            [],
        );
        assert.deepStrictEqual(
            run.probed.map((p) => p.kind),
            allKinds().map((k) => k.kind),
        );
    });

    for (const k of allKinds()) {
        it(`${k.kind}: registers the registry's properties, secrets and outputs`, () => {
            const p = run.probed.find((x) => x.kind === k.kind)!;
            const secretFields = Object.entries(k.fields)
                .filter(([, f]) => f.secret)
                .map(([name]) => name);
            const secrets = ["connection", ...secretFields, "notAPropertyOfAnyKind"];
            const callers = Object.keys(k.outputs).slice(0, 1);
            assert.deepStrictEqual(p.sent, sorted(Object.keys(argsFor(k))), "every argument is sent");
            assert.deepStrictEqual(p.secret, sorted(secrets), "secret fields, the connection and unknown arguments are secrets");
            // Secret outputs (an installer's key) are secret from the first write, after the secret inputs.
            const secretOutputs = [...secrets.slice(0, -1), ...(k.secretOutputs ?? []), ...secrets.slice(-1)];
            assert.deepStrictEqual(p.additionalSecretOutputs, [...callers, ...secretOutputs.filter((s) => !callers.includes(s))]);
            const outputs = [
                ...Object.keys(k.fields),
                ...Object.keys(k.outputs),
                "connection",
                "adopt",
                "keepSecretsOnAdopt",
                "notAPropertyOfAnyKind",
                "__provider",
            ];
            assert.deepStrictEqual(p.outputs, sorted(new Set(outputs)), "an Output for every field and declared output");
        });
    }
});
