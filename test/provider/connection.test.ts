// Where the provider connects and how: the precedence of the resource's connection, stack config and
// environment; https with a private CA, the insecure switch, and refusal without either; Remote
// Support, whose API lacks PRA-only fields.
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { resolveConnection, setStackConfig } from "../../provider/core/connection";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

const ENV = ["BT_API_HOST", "BT_CLIENT_ID", "BT_CLIENT_SECRET", "BT_CA_FILE", "BT_INSECURE", "BT_PRODUCT"];

function withEnv(values: Record<string, string>): () => void {
    const saved = Object.fromEntries(ENV.map((k) => [k, process.env[k]]));
    for (const k of ENV) delete process.env[k];
    Object.assign(process.env, values);
    return () => {
        for (const k of ENV) {
            if (saved[k] === undefined) delete process.env[k];
            else process.env[k] = saved[k];
        }
    };
}

const config = (values: Record<string, string>) => ({ get: (k: string) => values[k] });

describe("provider: connection", function () {
    this.timeout(60_000);
    afterEach(() => setStackConfig(config({})));

    it("takes each setting from the resource, else stack config, else the environment", () => {
        const restore = withEnv({ BT_API_HOST: "env.example.com", BT_CLIENT_ID: "env-id", BT_CLIENT_SECRET: "env-secret" });
        try {
            assert.deepStrictEqual(
                [resolveConnection().origin, resolveConnection().clientId],
                ["https://env.example.com", "env-id"],
                "https is assumed for a bare host",
            );
            setStackConfig(config({ "beyondtrust:host": "http://config.example.com:8080/", "beyondtrust:clientId": "config-id" }));
            const c = resolveConnection();
            assert.deepStrictEqual([c.origin, c.clientId, c.clientSecret], ["http://config.example.com:8080", "config-id", "env-secret"]);
            const r = resolveConnection({ host: "resource.example.com", clientSecret: "resource-secret" });
            assert.deepStrictEqual([r.origin, r.clientId, r.clientSecret], ["https://resource.example.com", "config-id", "resource-secret"]);
        } finally {
            restore();
        }
    });

    it("names every missing setting and where to put it", () => {
        const restore = withEnv({});
        try {
            assert.throws(() => resolveConnection(), /missing host \(beyondtrust:host or BT_API_HOST\), clientId .*clientSecret/);
        } finally {
            restore();
        }
    });

    describe("over https with a self-signed certificate", () => {
        let sim: SimulatorProcess;
        before(async () => (sim = await startSimulatorProcess({ https: true })));
        after(async () => sim?.stop());
        beforeEach(() => resetClients());

        const createGroup = async (name: string, connection: Record<string, unknown>) => {
            const checked = await handler("pra:JumpGroup").check({}, { name, connection });
            assert.strictEqual(checked.failures, undefined);
            return handler("pra:JumpGroup").create(checked.inputs!);
        };
        const creds = () => ({ host: sim.apiHost, clientId: sim.clientId, clientSecret: sim.clientSecret });

        it("trusts the CA file it is given", async () => {
            assert.ok(sim.apiHost.startsWith("https://"));
            const made = await createGroup("over tls", { ...creds(), caFile: sim.caFile });
            assert.ok(made.id);
        });

        it("refuses the unknown certificate without a CA, with an error that says so", async () => {
            const err = await createGroup("no ca", creds()).then(
                () => undefined,
                (e: Error) => e,
            );
            assert.ok(err);
            assert.match(err.message, /certificate is not trusted/);
            assert.match(err.message, /caFile/, "says how to fix it");
            assert.ok(!err.message.includes(sim.clientSecret));
        });

        it("connects with the insecure switch", async () => {
            const made = await createGroup("insecure", { ...creds(), insecure: true });
            assert.ok(made.id);
        });
    });

    describe("Remote Support", () => {
        let sim: SimulatorProcess;
        before(async () => (sim = await startSimulatorProcess({ product: "rs" })));
        after(async () => sim?.stop());

        it("creates RS objects without PRA-only fields, including a jump-group grant", async () => {
            const connection = { host: sim.apiHost, clientId: sim.clientId, clientSecret: sim.clientSecret, product: "rs" };
            const create = async (kind: string, inputs: Record<string, unknown>) => {
                const checked = await handler(kind).check({}, { ...inputs, connection });
                assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
                return handler(kind).create(checked.inputs!);
            };
            const jp = await create("pra:Jumpoint", { name: "rs jumpoint", platform: "linux-x86" });
            assert.strictEqual(jp.outs.protocolTunnelEnabled, undefined);
            const jg = await create("pra:JumpGroup", { name: "rs group" });
            const gp = await create("pra:GroupPolicy", { name: "rs policy" });
            const grant = await create("pra:GroupPolicyJumpGroup", { groupPolicyId: gp.id, jumpGroupId: jg.id, jumpItemRoleId: 1 });
            assert.strictEqual(grant.id, `${gp.id}/${jg.id}`);
            assert.strictEqual(grant.outs.jumpPolicyId, undefined);
            const read = await handler("pra:GroupPolicyJumpGroup").read(grant.id, grant.outs);
            assert.strictEqual(read.props!.jumpItemRoleId, 1);
        });
    });
});
