// examples/aws-instances: EC2 instances each with its Shell Jump, and the VPC's Jumpoint setup.
// The AWS side is Pulumi's mocks (no account, no AWS plugin: a fake that gives ids and addresses);
// the BeyondTrust side really runs: every resource's step goes through the provider's handlers
// over HTTP to a Remote Support simulator (test/support/mocked-program.ts says how, and why not
// the real engine). Each run asserts what the appliance holds and the API calls it cost.
import * as assert from "assert";
import * as crypto from "crypto";
import { awsInstances, settingsFromConfig } from "../../examples/aws-instances/program";
import { resetClients } from "../../provider";
import { CloudResource, MockedCloud, MockedStack } from "../support/mocked-program";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";

type Props = Record<string, any>;

const INSTANCE = "aws:ec2/instance:Instance";
const SHELL_JUMP = "pulumi-nodejs:dynamic/beyondtrust/pra:ShellJump";
const UBUNTU_AMI = "ami-0c0ffee0c0ffee000";
const ID_PREFIX: Record<string, string> = {
    "aws:ec2/vpc:Vpc": "vpc",
    "aws:ec2/subnet:Subnet": "subnet",
    "aws:ec2/internetGateway:InternetGateway": "igw",
    "aws:ec2/routeTable:RouteTable": "rtb",
    "aws:ec2/routeTableAssociation:RouteTableAssociation": "rtbassoc",
    "aws:ec2/securityGroup:SecurityGroup": "sg",
    "aws:ec2/keyPair:KeyPair": "key",
    [INSTANCE]: "i",
};

/** AWS as far as the program sees it: ids, the addresses EC2 assigns, the AMI lookup. */
function fakeAws(): MockedCloud & { lookups: Props[] } {
    let hosts = 0;
    const lookups: Props[] = [];
    return {
        lookups,
        resource(type: string, name: string, inputs: Props, prior: CloudResource | undefined) {
            const prefix = ID_PREFIX[type];
            assert.ok(prefix, `the program declares only the AWS types the fake knows, not ${type}`);
            const id = prior?.id ?? `${prefix}-${crypto.createHash("sha256").update(`${type}/${name}`).digest("hex").slice(0, 17)}`;
            const state: Props = { ...inputs, arn: `arn:aws:ec2:eu-west-1:123456789012:${prefix}/${id}`, tagsAll: inputs.tags ?? {} };
            if (type === INSTANCE) {
                const n: number = prior?.state.host ?? 10 + hosts++;
                Object.assign(state, { host: n, privateIp: `10.0.0.${n}`, publicIp: `198.51.100.${n}`, instanceState: "running" });
            }
            if (type === "aws:ec2/keyPair:KeyPair") state.keyName = inputs.keyName ?? `${name}-0a1b2c3`;
            return { id, state };
        },
        call(token: string, inputs: Props) {
            assert.strictEqual(token, "aws:ec2/getAmi:getAmi");
            lookups.push(inputs);
            return { id: UBUNTU_AMI, imageId: UBUNTU_AMI, name: "ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-20260101" };
        },
    };
}

function writes(c: any): Record<string, number> {
    return Object.fromEntries(Object.entries(c.requests.byRoute as Record<string, number>).filter(([r]) => /^(POST|PATCH|PUT|DELETE) /.test(r) && r !== "POST /oauth2/token"));
}

function stripIds(state: any): string {
    return JSON.stringify(state.collections) + JSON.stringify(state.grants);
}

describe("e2e: examples/aws-instances (AWS mocked, BeyondTrust on a Remote Support simulator)", function () {
    this.timeout(300_000);
    let sim: SimulatorProcess;
    let seeded: string;
    const saved: Record<string, string | undefined> = {};
    const aws = fakeAws();
    const stack = new MockedStack(aws, "beyondtrust-aws-instances", "fleet");
    const privateKey = crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const up = (instances: string[]) =>
        stack.up(
            () => awsInstances(settingsFromConfig()),
            { vpcName: "fleet", instances: JSON.stringify(instances), sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFleetKeyForTheFakeCloud fleet", sshPrivateKey: privateKey },
            ["sshPrivateKey"],
        );
    const instanceOf = (name: string) => stack.cloud.get(`${INSTANCE}::${name}`)!;
    const shellJumps = async (): Promise<Props[]> => (await sim.control("GET", "/state")).collections["jump-item/shell-jump"];

    before(async () => {
        sim = await startSimulatorProcess({ product: "rs" });
        for (const [k, v] of Object.entries(sim.env)) {
            saved[k] = process.env[k];
            process.env[k] = v;
        }
        resetClients();
        seeded = stripIds(await sim.control("GET", "/state"));
    });
    after(async () => {
        for (const [k, v] of Object.entries(saved)) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
        resetClients();
        await sim?.stop();
    });

    it("a fleet of three: each instance's Shell Jump has the guide's fields, in the VPC's Jump Group behind its Jumpoint", async () => {
        const r = await up(["web-1", "web-2", "db-1"]);
        const state = await sim.control("GET", "/state");
        const vpcId = r.outputs.vpcId;
        assert.match(vpcId, /^vpc-/);
        assert.deepStrictEqual(aws.lookups.map((l) => l.owners), [["099720109477"]], "one AMI lookup, Canonical's");

        // The guide's "Scripting a new setup", named after the VPC's id.
        const jumpoints = state.collections.jumpoint.filter((j: Props) => j.name === vpcId);
        assert.strictEqual(jumpoints.length, 1, JSON.stringify(state.collections.jumpoint));
        const [jumpoint] = jumpoints;
        assert.deepStrictEqual([jumpoint.platform, jumpoint.shell_jump_enabled], ["linux-x86", true]);
        const jumpGroup = state.collections["jump-group"].find((g: Props) => g.name === `${vpcId} Jump Group`);
        assert.ok(jumpGroup, "the VPC's Jump Group");
        const key = state.collections["vault/account"].find((a: Props) => a.name === `${vpcId} SSH`);
        assert.deepStrictEqual([key?.type, key?.username], ["ssh", "ubuntu"]);
        const policy = state.collections["group-policy"].find((g: Props) => g.name === `${vpcId} admins`);
        assert.ok(policy, "the group policy the setup creates");
        assert.strictEqual(r.outputs.groupPolicyId, String(policy.id));
        for (const [grants, field, id] of [["jumpoint", "jumpoint_id", jumpoint.id], ["jump-group", "jump_group_id", jumpGroup.id], ["vault-account", "account_id", key.id]] as const) {
            assert.deepStrictEqual(
                state.grants[grants].filter((g: Props) => String(g.group_policy_id) === String(policy.id)).map((g: Props) => g[field]),
                [id],
                `${grants} granted to ${policy.name}: ${JSON.stringify(state.grants[grants])}`,
            );
        }

        // One Shell Jump per instance, with the registration script's fields; and the Jumpoint host's.
        const items: Props[] = state.collections["jump-item/shell-jump"];
        assert.strictEqual(items.length, 4, JSON.stringify(items.map((i) => i.name)));
        const expected = (name: string, instance: CloudResource, tag: string) => ({
            name,
            hostname: instance.state.privateIp,
            tag,
            jump_group_id: jumpGroup.id,
            jump_group_type: "shared",
            jumpoint_id: jumpoint.id,
            username: "ubuntu",
            protocol: "ssh",
            port: 22,
            terminal: "xterm",
        });
        const pick = (item: Props | undefined, like: Props) => Object.fromEntries(Object.keys(like).map((k) => [k, item?.[k]]));
        for (const name of ["web-1", "web-2", "db-1"]) {
            const instance = instanceOf(name);
            assert.strictEqual(instance.state.tags.Name, name);
            const want = expected(name, instance, instance.id);
            assert.deepStrictEqual(pick(items.find((i) => i.tag === instance.id), want), want);
            assert.strictEqual(r.outputs.shellJumps[name].shellJumpId, String(items.find((i) => i.tag === instance.id)!.id));
        }
        const host = stack.cloud.get(`${INSTANCE}::fleet-jumpoint-host`)!;
        const hostItem = expected(`${vpcId} Jumpoint`, host, "");
        assert.deepStrictEqual(pick(items.find((i) => i.name === `${vpcId} Jumpoint`), hostItem), hostItem);

        // The API calls: one POST per object, three grants and their provision, one token.
        const c = await sim.counters();
        assert.deepStrictEqual(writes(c), {
            "POST /jumpoint": 1,
            "POST /jump-group": 1,
            "POST /vault/account": 1,
            "POST /group-policy": 1,
            "POST /jump-item/shell-jump": 4,
            "POST /group-policy/{id}/jumpoint": 1,
            "POST /group-policy/{id}/jump-group": 1,
            "POST /group-policy/{id}/vault-account": 1,
            "POST /group-policy/{id}/provision": c.provisions,
        });
        assert.ok(c.provisions >= 1 && c.provisions <= 3, `provisions: ${c.provisions}`);
        assert.strictEqual(c.tokensMinted, 1);
    });

    it("the same fleet again: every step is 'same' and the appliance gets no call", async () => {
        await sim.control("POST", "/counters/reset");
        const r = await up(["web-1", "web-2", "db-1"]);
        assert.deepStrictEqual(r.steps.filter((s) => s.step !== "same"), []);
        assert.strictEqual((await sim.counters()).requests.total, 0);
    });

    it("removing an instance from the fleet deletes it and its Shell Jump, and nothing else: one DELETE", async () => {
        const gone = instanceOf("web-2").id;
        const before = await shellJumps();
        await sim.control("POST", "/counters/reset");
        const r = await up(["web-1", "db-1"]);
        assert.deepStrictEqual(
            r.steps.filter((s) => s.step !== "same"),
            [
                { step: "delete", key: `${SHELL_JUMP}::web-2` },
                { step: "delete", key: `${INSTANCE}::web-2` },
            ],
        );
        const after = await shellJumps();
        assert.deepStrictEqual(after.map((i) => i.id), before.filter((i) => i.tag !== gone).map((i) => i.id));
        assert.deepStrictEqual(writes(await sim.counters()), { "DELETE /jump-item/shell-jump/{id}": 1 });
    });

    it("adding an instance registers it with one POST", async () => {
        await sim.control("POST", "/counters/reset");
        const r = await up(["web-1", "db-1", "cache-1"]);
        assert.deepStrictEqual(
            r.steps.filter((s) => s.step !== "same").map((s) => `${s.step} ${s.key}`).sort(),
            [`create ${INSTANCE}::cache-1`, `create ${SHELL_JUMP}::cache-1`],
        );
        const item = (await shellJumps()).find((i) => i.tag === instanceOf("cache-1").id);
        assert.deepStrictEqual([item?.name, item?.hostname], ["cache-1", instanceOf("cache-1").state.privateIp]);
        assert.deepStrictEqual(writes(await sim.counters()), { "POST /jump-item/shell-jump": 1 });
    });

    it("destroy returns the appliance to its seeded state", async () => {
        await stack.destroy();
        assert.strictEqual(stripIds(await sim.control("GET", "/state")), seeded);
    });
});
