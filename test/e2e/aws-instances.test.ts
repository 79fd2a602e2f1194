// examples/aws-instances: EC2 instances each with its Shell Jump, and the VPC's Jumpoint setup.
// The AWS side is Pulumi's mocks (no account, no AWS plugin: a fake that gives ids and addresses);
// the BeyondTrust side really runs: every resource's step goes through the provider's handlers
// over HTTP to a Remote Support simulator (test/support/mocked-program.ts says how, and why not
// the real engine). Each run asserts what the appliance holds and the API calls it cost.
// What mocks cannot show, that the setup is replaced with its VPC (`replaceWith`, an engine
// feature), is shown through the real engine at the end, with a replaced Jumpoint standing in for
// the VPC.
import * as assert from "assert";
import * as crypto from "crypto";
import type { Stack } from "@pulumi/pulumi/automation";
import { awsInstances, settingsFromConfig } from "../../examples/aws-instances/program";
import { vpcJumpoint } from "../../examples/vpc-jumpoint/program";
import { resetClients } from "../../provider";
import { pra } from "../../sdk";
import { createInlineStack, findPulumiCli, makeWorkDir, pulumiEnv, removeWorkDir, ENSURE_SCRIPT } from "../support/pulumi-cli";
import { CloudResource, MockedCloud, MockedStack } from "../support/mocked-program";
import { useSimulatorEnv } from "../support/provider-env";
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
                // EC2 keeps an instance's addresses for its life.
                const n = prior ? Number(prior.state.privateIp.split(".")[3]) : 10 + hosts++;
                Object.assign(state, { privateIp: `10.0.0.${n}`, publicIp: `198.51.100.${n}`, instanceState: "running" });
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
    return Object.fromEntries(
        Object.entries(c.requests.byRoute as Record<string, number>).filter(([r]) => /^(POST|PATCH|PUT|DELETE) /.test(r) && r !== "POST /oauth2/token"),
    );
}

function stripIds(state: any): string {
    return JSON.stringify(state.collections) + JSON.stringify(state.grants);
}

describe("e2e: examples/aws-instances (AWS mocked, BeyondTrust on a Remote Support simulator)", function () {
    this.timeout(300_000);
    let sim: SimulatorProcess;
    let seeded: string;
    const aws = fakeAws();
    const stack = new MockedStack(aws, "beyondtrust-aws-instances", "fleet");
    const privateKey = crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    const up = (instances: string[]) =>
        stack.up(
            () => awsInstances(settingsFromConfig()),
            {
                vpcName: "fleet",
                instances: JSON.stringify(instances),
                sshPublicKey: "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIFleetKeyForTheFakeCloud fleet",
                sshPrivateKey: privateKey,
            },
            ["sshPrivateKey"],
        );
    const instanceOf = (name: string) => stack.cloud.get(`${INSTANCE}::${name}`)!;
    const shellJumps = async (): Promise<Props[]> => (await sim.control("GET", "/state")).collections["jump-item/shell-jump"];

    before(async () => {
        sim = await startSimulatorProcess({ product: "rs" });
        resetClients();
        seeded = stripIds(await sim.control("GET", "/state"));
    });
    after(async () => {
        resetClients();
        await sim?.stop();
    });
    useSimulatorEnv(() => sim);

    it("a fleet of three: each instance's Shell Jump has the guide's fields, in the VPC's Jump Group behind its Jumpoint", async () => {
        const r = await up(["web-1", "web-2", "db-1"]);
        const state = await sim.control("GET", "/state");
        const vpcId = r.outputs.vpcId;
        assert.match(vpcId, /^vpc-/);
        assert.deepStrictEqual(
            aws.lookups.map((l) => l.owners),
            [["099720109477"]],
            "one AMI lookup, Canonical's",
        );

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
        for (const [grants, field, id] of [
            ["jumpoint", "jumpoint_id", jumpoint.id],
            ["jump-group", "jump_group_id", jumpGroup.id],
            ["vault-account", "account_id", key.id],
        ] as const) {
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
            assert.deepStrictEqual(
                pick(
                    items.find((i) => i.tag === instance.id),
                    want,
                ),
                want,
            );
            assert.strictEqual(r.outputs.shellJumps[name].shellJumpId, String(items.find((i) => i.tag === instance.id)!.id));
        }
        const host = stack.cloud.get(`${INSTANCE}::fleet-jumpoint-host`)!;
        const hostItem = expected(`${vpcId} Jumpoint`, host, "");
        assert.deepStrictEqual(
            pick(
                items.find((i) => i.name === `${vpcId} Jumpoint`),
                hostItem,
            ),
            hostItem,
        );

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
        assert.deepStrictEqual(
            r.steps.filter((s) => s.step !== "same"),
            [],
        );
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
        assert.deepStrictEqual(
            after.map((i) => i.id),
            before.filter((i) => i.tag !== gone).map((i) => i.id),
        );
        assert.deepStrictEqual(writes(await sim.counters()), { "DELETE /jump-item/shell-jump/{id}": 1 });
    });

    it("adding an instance registers it with one POST", async () => {
        await sim.control("POST", "/counters/reset");
        const r = await up(["web-1", "db-1", "cache-1"]);
        assert.deepStrictEqual(
            r.steps
                .filter((s) => s.step !== "same")
                .map((s) => `${s.step} ${s.key}`)
                .sort(),
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

describe("e2e: the VPC setup replaced with its VPC (replaceWith) through the Pulumi engine", function () {
    this.timeout(900_000);
    let sim: SimulatorProcess;
    let stack: Stack;
    let workDir: string;
    let platform: "linux-x86" | "windows-x86" = "linux-x86";
    const privateKey = crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();

    before(async function () {
        const cli = findPulumiCli();
        if (!cli) {
            console.log(`    skipping end-to-end: no Pulumi CLI found; run ${ENSURE_SCRIPT} (or set PULUMI_CLI)`);
            this.skip();
        }
        sim = await startSimulatorProcess({ product: "rs" });
        workDir = makeWorkDir();
        // The stand-in for the VPC: a resource the engine replaces (a Jumpoint whose platform
        // changes), whose id names the setup as a VPC's id does; the setup as awsInstances declares it.
        const program = async () => {
            const anchor = new pra.Jumpoint("anchor", { name: "anchor", platform, shellJumpEnabled: true });
            const vpcId = anchor.id.apply((id) => `vpc-${id}`);
            return vpcJumpoint(
                { resourceName: "vpc", vpcId, instanceIp: "10.0.0.9", targetUser: "ubuntu", sshPrivateKey: privateKey },
                { replaceWith: [anchor] },
            );
        };
        stack = await createInlineStack("bt-aws-replace-with", "e2e", program, workDir, pulumiEnv(workDir, cli), cli);
        await stack.setAllConfig({
            "beyondtrust:host": { value: sim.apiHost },
            "beyondtrust:clientId": { value: sim.clientId },
            "beyondtrust:clientSecret": { value: sim.clientSecret, secret: true },
        });
    });
    after(async () => {
        await sim?.stop();
        if (workDir) removeWorkDir(workDir);
    });

    it("a replaced VPC replaces the Jumpoint, Jump Group, vault key, group policy and grants, and deletes the old ones", async () => {
        const first = await stack.up();
        assert.strictEqual(first.summary.result, "succeeded");
        const before = await sim.control("GET", "/state");
        platform = "windows-x86";
        const r = await stack.up();
        assert.strictEqual(r.summary.result, "succeeded");
        // The anchor and the eight objects of the setup; without replaceWith the Jumpoint, Jump
        // Group, vault account, Shell Jump and group policy would only be renamed in place.
        assert.deepStrictEqual(r.summary.resourceChanges, { replace: 9, same: 1 }, JSON.stringify(r.summary.resourceChanges));
        const after = await sim.control("GET", "/state");
        const vpcId = `vpc-${after.collections.jumpoint.find((j: Props) => j.name === "anchor").id}`;
        for (const [collection, name] of [
            ["jumpoint", vpcId],
            ["jump-group", `${vpcId} Jump Group`],
            ["vault/account", `${vpcId} SSH`],
            ["group-policy", `${vpcId} admins`],
            ["jump-item/shell-jump", `${vpcId} Jumpoint`],
        ]) {
            const ours = (state: any) => state.collections[collection].filter((o: Props) => o.name !== "anchor" && String(o.name).startsWith("vpc-"));
            assert.deepStrictEqual(
                ours(after).map((o: Props) => o.name),
                [name],
                collection,
            );
            assert.strictEqual(ours(before).length, 1, collection);
            assert.notStrictEqual(ours(after)[0].id, ours(before)[0].id, `${collection}: a new object`);
        }
        await stack.destroy();
        const empty = await sim.control("GET", "/state");
        assert.strictEqual(empty.collections.jumpoint.length, 0);
        assert.strictEqual(empty.grants["jump-group"].length, 0);
    });
});
