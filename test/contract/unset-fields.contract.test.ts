// Objects created with only their required fields must still carry every property of the spec's
// model in GET answers (null where nullable, the empty value otherwise), as appliances answer and
// clients that decode whole models expect. The few exceptions are listed with their reason.
import { strict as assert } from "node:assert";
import { contractSuite } from "./suite";

/** Properties an object leaves out when unset; each with its reason (docs/simulator.md repeats them). */
export const ABSENT_WHEN_UNSET: Record<string, string> = {
    "Jumpoint.code_name": 'no value is valid: the spec\'s pattern refuses "" and it is not nullable',
    "Jumpoint.external_jump_item_network_id":
        'live behaviour: BeyondTrust\'s Terraform provider fails on "" for a Jumpoint created without it (docs/simulator.md)',
    "JumpGroup.code_name": "as Jumpoint.code_name",
    "JumpPolicy.code_name": "as Jumpoint.code_name",
    "JumpGroup.ecm_group_id": "an integer id, not nullable: no value means no ECM group",
    "Jumpoint.docker_deploy_key": "the spec: only set for clustered Linux Jumpoints",
    "ProtocolTunnelJumpItem.url": "minLength 1, not nullable: no value is valid until the item is a k8s tunnel (tcp and mssql items have none)",
    "ProtocolTunnelJumpItem.ca_certificates": "as ProtocolTunnelJumpItem.url",
    "VaultAccountPolicy.maximum_password_age": "the spec: null while scheduled_password_rotation is off, but not nullable",
    "JumpClientInstaller.name": "the POST takes none or \"\" (the Jump Client then takes its computer's name), which the schema's minLength 1 cannot show",
    "JumpClientInstaller.jump_policy_id": "an id, not nullable: no value means no Jump Policy",
    "JumpClientInstaller.jumpoint_proxy": "no Jumpoint proxy unless one is named",
    "JumpClientInstaller.support_button_profile_code_name": 'as Jumpoint.code_name: the pattern refuses ""',
    "JumpClientInstaller.support_button_direct_queue": "as JumpClientInstaller.support_button_profile_code_name",
    "VaultUsernamePasswordAccount.owner_user_id": "the spec: only for personal accounts (not simulated)",
    "VaultSSHAccount.owner_user_id": "as VaultUsernamePasswordAccount.owner_user_id",
    "VaultTokenAccount.owner_user_id": "as VaultUsernamePasswordAccount.owner_user_id",
};

for (const product of ["pra", "rs"] as const) {
    describe(`contract: ${product.toUpperCase()} objects carry their model's properties when unset`, function () {
        const ctx = contractSuite(product);

        /** Names of the model's properties that a response must carry (writeOnly ones never appear). */
        const expected = (schema: string): string[] => {
            const props = ctx.spec.doc.components.schemas[schema].properties as Record<string, any>;
            return Object.entries(props)
                .filter(([, p]) => !(p.$ref ? false : p.writeOnly))
                .map(([name]) => name);
        };

        const assertComplete = (schema: string, body: Record<string, unknown>) => {
            const missing = expected(schema).filter((name) => !(name in body) && !ABSENT_WHEN_UNSET[`${schema}.${name}`]);
            assert.deepEqual(missing, [], `${schema}: properties missing from a minimal object's GET: ${missing.join(", ")}`);
            const nulls = Object.entries(body)
                .filter(([, v]) => v === null)
                .map(([k]) => k);
            for (const name of nulls) {
                const p = ctx.spec.doc.components.schemas[schema].properties[name];
                assert.ok(p?.nullable || name === "last_checkout_timestamp", `${schema}.${name} is null but not nullable`);
            }
        };

        const createAndRead = async (path: string, body: unknown) => {
            const r = await ctx.api.post(path, body);
            assert.equal(r.status, 201, `POST ${path}: ${r.text}`);
            return (await ctx.api.get(`${path}/${r.body.id}`)).body;
        };

        it("every simulated kind, created with its required fields only", async () => {
            const jp = await createAndRead("/jumpoint", { name: "jp", platform: "linux-x86" });
            assertComplete("Jumpoint", jp);
            const jg = await createAndRead("/jump-group", { name: "jg" });
            assertComplete("JumpGroup", jg);
            assertComplete("JumpPolicy", await createAndRead("/jump-policy", { display_name: "jpol" }));
            assertComplete("GroupPolicy", await createAndRead("/group-policy", { name: "gp" }));
            assertComplete("VaultAccountPolicy", await createAndRead("/vault/account-policy", { name: "ap" }));
            assertComplete("VaultAccountGroup", await createAndRead("/vault/account-group", { name: "vg" }));
            const owners = { jumpoint_id: jp.id, jump_group_id: jg.id };
            assertComplete("JumpClientInstaller", await createAndRead("/jump-client/installer", { jump_group_id: jg.id }));
            assertComplete("ShellJumpItem", await createAndRead("/jump-item/shell-jump", { name: "sj", hostname: "h1", protocol: "ssh", ...owners }));
            assertComplete("RemoteRdpJumpItem", await createAndRead("/jump-item/remote-rdp", { name: "rdp", hostname: "h2", ...owners }));
            assertComplete("RemoteVncJumpItem", await createAndRead("/jump-item/remote-vnc", { name: "vnc", hostname: "h4", ...owners }));
            if (product === "pra") {
                assertComplete("WebJumpItem", await createAndRead("/jump-item/web-jump", { name: "web", url: "https://h3.example.com", ...owners }));
                assertComplete(
                    "ProtocolTunnelJumpItem",
                    await createAndRead("/jump-item/protocol-tunnel-jump", { name: "tcp", hostname: "h5", tunnel_definitions: "1;2", ...owners }),
                );
                assertComplete("PostgreSQLTunnelJumpItem", await createAndRead("/jump-item/psql-tunnel-jump", { name: "psql", hostname: "h6", ...owners }));
                assertComplete("MySQLTunnelJumpItem", await createAndRead("/jump-item/mysql-tunnel-jump", { name: "mysql", hostname: "h7", ...owners }));
                assertComplete(
                    "NetworkTunnelJumpItem",
                    await createAndRead("/jump-item/network-tunnel-jump", { name: "net", filter_rules: [{ ip_addresses: { cidr: "10.0.0.0/8" } }], ...owners }),
                );
            }
            const up = await createAndRead("/vault/account", { type: "username_password", name: "up", username: "u", password: "p" });
            assertComplete("VaultUsernamePasswordAccount", up);
            assert.equal(up.last_checkout_timestamp, null, "a shared account never checked out");
            assertComplete("VaultTokenAccount", await createAndRead("/vault/account", { type: "opaque_token", name: "t", token: "x" }));
            assertComplete("VaultSSHAccount", await createAndRead("/vault/account", { type: "ssh", name: "s", username: "u", private_key: "k" }));
            assertComplete("JumpItemRole", (await ctx.api.get("/jump-item-role/2")).body);
            for (const sp of (await ctx.api.get("/session-policy")).body) assertComplete("SessionPolicy", sp);
        });
    });
}
