// The importer's pieces against a simulator, without a Pulumi CLI: keepSecretsOnAdopt adopts a
// vault account without a write, the filters (kind, name pattern, Jump Group, personal), and names.
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { generate, readEstate } from "../../provider/import";
import { slug } from "../../provider/import/names";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

describe("provider: import building blocks", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
        await sim.control("POST", "/seed", {
            collections: {
                jumpoint: [{ id: 10, name: "vpc-a", platform: "linux-x86" }],
                "jump-group": [
                    { id: 20, name: "vpc-a servers" },
                    { id: 21, name: "other" },
                ],
                "jump-item/shell-jump": [
                    { id: 30, name: "bastion", hostname: "10.0.0.5", jumpoint_id: 10, jump_group_id: 20 },
                    { id: 31, name: "bastion", hostname: "10.0.0.6", jumpoint_id: 10, jump_group_id: 21 },
                    { id: 32, name: "mine", hostname: "10.0.0.7", jumpoint_id: 10, jump_group_id: 7, jump_group_type: "personal" },
                ],
                "vault/account": [
                    { id: 40, type: "username_password", name: "svc", username: "svc", password: "Held-Passw0rd!" },
                    { id: 41, type: "username_password", name: "me", username: "me", password: "Mine-Passw0rd!", personal: true, owner_user_id: 7 },
                ],
                "group-policy": [{ id: 50, name: "ops" }],
            },
            grants: {
                "jump-group": [
                    { group_policy_id: 50, jump_group_id: 20 },
                    { group_policy_id: 50, jump_group_id: 21 },
                ],
            },
        });
    });

    it("keepSecretsOnAdopt: adopting a vault account sends nothing (and its password stays as held)", async () => {
        const inputs = { name: "svc", username: "svc", password: "Held-Passw0rd!", adopt: "40", keepSecretsOnAdopt: true };
        const checked = await handler("pra:VaultUsernamePasswordAccount").check({}, inputs);
        assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
        await sim.control("POST", "/counters/reset");
        const made = await handler("pra:VaultUsernamePasswordAccount").create(checked.inputs!);
        assert.strictEqual(made.id, "40");
        assert.strictEqual(made.outs.keepSecretsOnAdopt, true);
        const { byMethod, byRoute } = (await sim.counters()).requests;
        // Product detection (GET /get_mech_list, once per process) is not the point here.
        const gets = byMethod.GET - (byRoute["GET /get_mech_list"] ?? 0);
        assert.deepStrictEqual({ ...byMethod, GET: gets }, { GET: 1, POST: 1 }, "the token and one GET");
        const bad = await handler("pra:JumpGroup").check({}, { name: "g", keepSecretsOnAdopt: "yes" });
        assert.match(JSON.stringify(bad.failures), /keepSecretsOnAdopt.*must be true or false/);
    });

    it("reads every kind, leaving out built-in and personal objects unless asked", async () => {
        const all = await readEstate();
        const kinds = (k: string) => all.objects.filter((o) => o.spec.kind === k).map((o) => o.id);
        assert.deepStrictEqual(kinds("pra:ShellJump"), ["30", "31"]);
        assert.deepStrictEqual(kinds("pra:VaultUsernamePasswordAccount"), ["40"]);
        assert.deepStrictEqual(kinds("pra:VaultAccountGroup"), [], "the default group 1 is built in");
        assert.deepStrictEqual(kinds("pra:GroupPolicyJumpGroup"), ["50/20", "50/21"]);
        assert.deepStrictEqual(all.skipped.map((s) => `${s.spec.kind}:${s.id}:${s.why}`).sort(), [
            "pra:ShellJump:32:personal",
            "pra:VaultAccountGroup:1:built in",
            "pra:VaultUsernamePasswordAccount:41:personal",
        ]);
        const personal = await readEstate({ includePersonal: true, kinds: ["shell-jump"] });
        assert.deepStrictEqual(
            personal.objects.map((o) => o.id),
            ["30", "31", "32"],
        );
    });

    it("filters by kind, name pattern and Jump Group; grants follow their policy and group", async () => {
        const byGroup = await readEstate({ jumpGroups: ["vpc-a servers"] });
        assert.deepStrictEqual(
            byGroup.objects.filter((o) => o.spec.kind === "pra:ShellJump").map((o) => o.id),
            ["30"],
        );
        assert.deepStrictEqual(
            byGroup.objects.filter((o) => o.spec.kind === "pra:GroupPolicyJumpGroup").map((o) => o.id),
            ["50/20"],
        );
        assert.deepStrictEqual(
            byGroup.objects.filter((o) => o.spec.kind === "pra:JumpGroup").map((o) => o.id),
            ["20"],
        );
        const named = await readEstate({ namePattern: "vpc-*", kinds: ["Jumpoint", "pra:JumpGroup"] });
        assert.deepStrictEqual(
            named.objects.map((o) => o.id),
            ["10", "20"],
        );
        await assert.rejects(readEstate({ kinds: ["Nope"] }), /no resource kind "Nope"/);
        await assert.rejects(readEstate({ jumpGroups: ["missing"] }), /no Jump Group named or numbered "missing"/);
    });

    it("generates unique names, references as variables and a config key per secret", async () => {
        const estate = await readEstate();
        const g = generate(estate.objects, { product: "pra", project: "p", origin: "https://x", packageVersion: "0.1.0" });
        const src = g.files["estate.ts"];
        assert.match(
            src,
            /new pra\.ShellJump\("bastion", \{\n\s+name: "bastion",\n\s+jumpointId: jumpointVpcA\.id,\n\s+jumpGroupId: jumpGroupVpcAServers\.id,/,
        );
        assert.match(src, /new pra\.ShellJump\("bastion-31", \{/);
        assert.match(src, /password: config\.requireSecret\("svc-password"\),\n\s+adopt: "40",\n\s+keepSecretsOnAdopt: true,/);
        assert.deepStrictEqual(
            g.secrets.map((s) => s.key),
            ["svc-password"],
        );
        assert.ok(!src.includes("Held-Passw0rd!"));
        assert.deepStrictEqual(
            [slug("Zürich DC"), slug("東京サーバー"), slug("  !!  "), slug("ＦＵＬＬ width")],
            ["zurich-dc", "東京サーバー", "", "full-width"],
        );
    });
});
