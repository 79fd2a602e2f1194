// The pack as the Pulumi CLI runs it: a separate process started through the pack's launcher (the
// `pulumi-analyzer-policy-nodejs` plugin a CLI without the Node language plugin looks for), which
// prints its port; then GetAnalyzerInfo, Configure, Analyze and AnalyzeStack over gRPC with the
// properties encoded as the engine encodes them (secrets as secret objects, unknowns as sentinels).
import * as assert from "assert";
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import * as grpc from "@grpc/grpc-js";
import { Struct } from "google-protobuf/google/protobuf/struct_pb";
import { policies, praType } from "../../policy/rules";
import { checked } from "./harness";

const analyzerRpc = require("@pulumi/pulumi/proto/analyzer_grpc_pb");
const analyzerPb = require("@pulumi/pulumi/proto/analyzer_pb");
const { Empty } = require("google-protobuf/google/protobuf/empty_pb");

const PACK_DIR = path.join(__dirname, "..", "..", "policy");
const LAUNCHER = path.join(PACK_DIR, "bin", "pulumi-analyzer-policy-nodejs");
const SECRET_SIG = { "4dabf18193072939515e22adb298388d": "1b47061264138c4ac30d75fd1eb44270" };
const UNKNOWN_NUMBER = "04da6b54-80e4-46f7-96ec-b56ff0331ba9";
const Level = analyzerPb.EnforcementLevel;

interface Diag {
    policyName: string;
    policyPackName: string;
    enforcementLevel: number;
    message: string;
    urn: string;
}

/** Starts the pack as the CLI does (cwd = pack directory; args: engine address, "."); resolves its port. */
function startPack(): Promise<{ proc: ChildProcess; port: number; stderr: () => string }> {
    return new Promise((resolve, reject) => {
        const proc = spawn(LAUNCHER, ["127.0.0.1:1", "."], { cwd: PACK_DIR, stdio: ["ignore", "pipe", "pipe"] });
        let out = "";
        let err = "";
        proc.stderr!.on("data", (d) => (err += d));
        proc.stdout!.on("data", (d) => {
            out += d;
            const m = /^(\d+)\s*$/m.exec(out);
            if (m) resolve({ proc, port: Number(m[1]), stderr: () => err });
        });
        proc.on("exit", (code) => reject(new Error(`policy pack exited with ${code} before printing a port:\n${err}`)));
        proc.on("error", reject);
    });
}

const call = <T>(client: any, method: string, req: unknown): Promise<T> =>
    new Promise((resolve, reject) => client[method](req, (e: Error | null, r: T) => (e ? reject(e) : resolve(r))));

function options(): any {
    const o = new analyzerPb.AnalyzerResourceOptions();
    o.setProtect(false);
    return o;
}

const urnOf = (kind: string, name: string) => `urn:pulumi:dev::bt-policy::${praType(kind)}::${name}`;

/** Checked inputs as the engine sends them: the SDK's secret properties wrapped as secrets. */
function wire(props: Record<string, unknown>, secrets: string[] = [], unknowns: string[] = []): Struct {
    const out: Record<string, unknown> = { ...props };
    for (const k of secrets) if (out[k] !== undefined) out[k] = { ...SECRET_SIG, value: out[k] };
    for (const k of unknowns) out[k] = UNKNOWN_NUMBER;
    return Struct.fromJavaScript(out as any);
}

function analyzeRequest(kind: string, name: string, props: Struct): any {
    const req = new analyzerPb.AnalyzeRequest();
    req.setType(praType(kind));
    req.setUrn(urnOf(kind, name));
    req.setName(name);
    req.setProperties(props);
    req.setOptions(options());
    return req;
}

function stackResource(kind: string, name: string, props: Struct, deps: Record<string, string[]> = {}): any {
    const r = new analyzerPb.AnalyzerResource();
    r.setType(praType(kind));
    r.setUrn(urnOf(kind, name));
    r.setName(name);
    r.setProperties(props);
    r.setOptions(options());
    r.setDependenciesList([...new Set(Object.values(deps).flat())]);
    const map = r.getPropertydependenciesMap();
    for (const [k, urns] of Object.entries(deps)) {
        const d = new analyzerPb.AnalyzerPropertyDependencies();
        d.setUrnsList(urns);
        map.set(k, d);
    }
    return r;
}

function diags(resp: any): Diag[] {
    return resp.getDiagnosticsList().map((d: any) => ({
        policyName: d.getPolicyname(),
        policyPackName: d.getPolicypackname(),
        enforcementLevel: d.getEnforcementlevel(),
        message: d.getMessage(),
        urn: d.getUrn(),
    }));
}

describe("policy: the pack over gRPC (Analyze, as the CLI drives it)", function () {
    this.timeout(120_000); // spawns the policy pack in before(): seconds on a loaded machine
    let pack: Awaited<ReturnType<typeof startPack>>;
    let client: any;

    before(async () => {
        pack = await startPack();
        client = new analyzerRpc.AnalyzerClient(`127.0.0.1:${pack.port}`, grpc.credentials.createInsecure());
    });
    after(() => {
        client?.close();
        pack?.proc.kill();
    });

    it("GetAnalyzerInfo lists every rule with its default level and config schema", async () => {
        const info: any = await call(client, "getAnalyzerInfo", new Empty());
        assert.strictEqual(info.getName(), "beyondtrust-guardrails");
        assert.ok(info.getSupportsconfig());
        const listed = info.getPoliciesList().map((p: any) => ({
            name: p.getName(),
            level: p.getEnforcementlevel(),
            schema: p.getConfigschema()?.getProperties()?.toJavaScript(),
            remediation: p.getRemediationSteps(),
        }));
        assert.deepStrictEqual(
            listed.map((p: any) => p.name),
            policies.map((p) => p.name),
        );
        for (const p of listed) {
            const rule = policies.find((x) => x.name === p.name)!;
            assert.strictEqual(p.level, rule.enforcementLevel === "mandatory" ? Level.MANDATORY : Level.ADVISORY, p.name);
            assert.deepStrictEqual(Object.keys(p.schema ?? {}).sort(), Object.keys(rule.configSchema!.properties).sort(), p.name);
            assert.ok(p.remediation.length > 20, p.name);
        }
    });

    it("Analyze: a Telnet Shell Jump on port 2323 with no tag gets three diagnostics at their levels", async () => {
        const props = await checked("ShellJump", { name: "legacy switch", hostname: "sw-1", jumpointId: 1, jumpGroupId: 2, protocol: "telnet", port: 2323 });
        const ds = diags(await call(client, "analyze", analyzeRequest("ShellJump", "switch", wire(props))));
        const byName = Object.fromEntries(ds.map((d) => [d.policyName, d]));
        assert.deepStrictEqual(Object.keys(byName).sort(), ["beyondtrust-jump-item-tag", "beyondtrust-shell-jump-port", "beyondtrust-shell-jump-ssh-only"]);
        assert.strictEqual(byName["beyondtrust-shell-jump-ssh-only"].enforcementLevel, Level.MANDATORY);
        assert.strictEqual(byName["beyondtrust-shell-jump-port"].enforcementLevel, Level.ADVISORY);
        assert.strictEqual(byName["beyondtrust-jump-item-tag"].enforcementLevel, Level.ADVISORY);
        assert.strictEqual(byName["beyondtrust-shell-jump-ssh-only"].policyPackName, "beyondtrust-guardrails");
        assert.match(byName["beyondtrust-shell-jump-ssh-only"].message, /Telnet sends credentials[\s\S]*"legacy switch" uses Telnet to host "sw-1"[\s\S]*Fix:/);
    });

    it("Analyze: a clean Shell Jump and a clean Jump Group get none", async () => {
        const sj = await checked("ShellJump", { name: "vpc-a bastion", hostname: "10.0.0.5", jumpointId: 1, jumpGroupId: 2, tag: "vpc-a" });
        assert.deepStrictEqual(diags(await call(client, "analyze", analyzeRequest("ShellJump", "bastion", wire(sj)))), []);
        const jg = await checked("JumpGroup", { name: "vpc-a servers" });
        assert.deepStrictEqual(diags(await call(client, "analyze", analyzeRequest("JumpGroup", "servers", wire(jg)))), []);
    });

    it("Analyze: a secret placeholder password is unwrapped and caught; an unknown jumpGroupId does not matter", async () => {
        const weak = await checked("VaultUsernamePasswordAccount", { name: "svc", username: "svc", password: "changeme" });
        const ds = diags(await call(client, "analyze", analyzeRequest("VaultUsernamePasswordAccount", "svc", wire(weak, ["password"]))));
        assert.deepStrictEqual(
            ds.map((d) => [d.policyName, d.enforcementLevel]),
            [["beyondtrust-vault-credential-quality", Level.MANDATORY]],
        );
        assert.ok(!ds[0].message.includes("changeme"));
        const strong = await checked("VaultUsernamePasswordAccount", { name: "svc", username: "svc", password: "x7#Qv9!mLp2@Rt" });
        assert.deepStrictEqual(diags(await call(client, "analyze", analyzeRequest("VaultUsernamePasswordAccount", "svc", wire(strong, ["password"])))), []);
        const sj = await checked("ShellJump", { name: "vpc-a web", hostname: "10.0.0.6", jumpointId: 1, jumpGroupId: 2, tag: "vpc-a" });
        assert.deepStrictEqual(diags(await call(client, "analyze", analyzeRequest("ShellJump", "web", wire(sj, [], ["jumpGroupId"])))), []);
    });

    it("AnalyzeStack: checkout and Jump Group grants are resolved through property dependencies", async () => {
        const gp = stackResource("GroupPolicy", "admins", wire(await checked("GroupPolicy", { name: "vpc-a admins" })));
        const jg = stackResource("JumpGroup", "servers", wire(await checked("JumpGroup", { name: "vpc-a servers" })));
        const grantJg = stackResource(
            "GroupPolicyJumpGroup",
            "jg-grant",
            wire(await checked("GroupPolicyJumpGroup", { groupPolicyId: 1, jumpGroupId: 1 }), [], ["groupPolicyId", "jumpGroupId"]),
            {
                groupPolicyId: [gp.getUrn()],
                jumpGroupId: [jg.getUrn()],
            },
        );
        const checkout = stackResource(
            "GroupPolicyVaultAccount",
            "key-grant",
            wire(await checked("GroupPolicyVaultAccount", { groupPolicyId: 1, accountId: 4, role: "inject_and_checkout" }), [], ["groupPolicyId"]),
            {
                groupPolicyId: [gp.getUrn()],
            },
        );
        const foreign = stackResource(
            "GroupPolicyJumpGroup",
            "foreign-grant",
            wire(await checked("GroupPolicyJumpGroup", { groupPolicyId: 1, jumpGroupId: 99 }), [], ["groupPolicyId"]),
            {
                groupPolicyId: [gp.getUrn()],
            },
        );
        const req = new analyzerPb.AnalyzeStackRequest();
        req.setResourcesList([gp, jg, grantJg, checkout, foreign]);
        const ds = diags(await call(client, "analyzeStack", req));
        assert.deepStrictEqual(ds.map((d) => [d.policyName, d.urn, d.enforcementLevel]).sort(), [
            ["beyondtrust-jump-group-grant-allowlist", foreign.getUrn(), Level.MANDATORY],
            ["beyondtrust-vault-checkout-allowlist", checkout.getUrn(), Level.MANDATORY],
        ]);
        assert.match(ds.find((d) => d.policyName === "beyondtrust-vault-checkout-allowlist")!.message, /group policy "vpc-a admins" inject_and_checkout/);
    });

    it("Configure: per-rule levels (disabled, mandatory) and config (allowedPorts) take effect", async () => {
        const req = new analyzerPb.ConfigureAnalyzerRequest();
        const map = req.getPolicyconfigMap();
        const cfg = (level: number, props: Record<string, unknown> = {}) => {
            const c = new analyzerPb.PolicyConfig();
            c.setEnforcementlevel(level);
            c.setProperties(Struct.fromJavaScript(props as any));
            return c;
        };
        map.set("beyondtrust-shell-jump-ssh-only", cfg(Level.DISABLED));
        map.set("beyondtrust-jump-item-tag", cfg(Level.MANDATORY, { allowedTags: ["core-*"] }));
        map.set("beyondtrust-shell-jump-port", cfg(Level.ADVISORY, { allowedPorts: [2323] }));
        await call(client, "configure", req);
        const props = await checked("ShellJump", {
            name: "legacy switch",
            hostname: "sw-1",
            jumpointId: 1,
            jumpGroupId: 2,
            protocol: "telnet",
            port: 2323,
            tag: "misc",
        });
        const ds = diags(await call(client, "analyze", analyzeRequest("ShellJump", "switch", wire(props))));
        assert.deepStrictEqual(
            ds.map((d) => [d.policyName, d.enforcementLevel]),
            [["beyondtrust-jump-item-tag", Level.MANDATORY]],
        );
        assert.match(ds[0].message, /tag "misc", which is not an allowed tag/);
    });
});
