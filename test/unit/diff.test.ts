import * as assert from "assert";
import { handler } from "../../provider";
import { UNKNOWN } from "../../provider/engine/fields";

async function checked(kind: string, inputs: Record<string, unknown>) {
    const r = await handler(kind).check({}, inputs);
    assert.strictEqual(r.failures, undefined, JSON.stringify(r.failures));
    return r.inputs!;
}

describe("unit: diff", () => {
    const base = { name: "vpc", platform: "linux-x86", codeName: "vpc" };

    it("reports no change for identical inputs, ignoring outputs-only values", async () => {
        const news = await checked("pra:Jumpoint", base);
        const olds = { ...news, connected: true };
        const d = await handler("pra:Jumpoint").diff("1", olds, news);
        assert.strictEqual(d.changes, false);
        assert.deepStrictEqual(d.replaces, []);
    });

    it("updates in place for mutable fields", async () => {
        const olds = await checked("pra:Jumpoint", base);
        const news = await checked("pra:Jumpoint", { ...base, comments: "now with comments" });
        const d = await handler("pra:Jumpoint").diff("1", olds, news);
        assert.strictEqual(d.changes, true);
        assert.deepStrictEqual(d.replaces, []);
    });

    it("replaces on platform and clustered, deleting first when the unique name stays", async () => {
        const olds = await checked("pra:Jumpoint", base);
        for (const change of [{ platform: "windows-x86" }, { clustered: true }]) {
            const news = await checked("pra:Jumpoint", { ...base, ...change });
            const d = await handler("pra:Jumpoint").diff("1", olds, news);
            assert.deepStrictEqual(d.replaces, Object.keys(change));
            assert.strictEqual(d.deleteBeforeReplace, true);
        }
        const renamed = await checked("pra:Jumpoint", { name: "vpc-2", codeName: "vpc2", platform: "windows-x86" });
        assert.strictEqual((await handler("pra:Jumpoint").diff("1", olds, renamed)).deleteBeforeReplace, false);
    });

    it("replaces an SSH account whose type changes", async () => {
        const key = "-----BEGIN RSA PRIVATE KEY-----\nx\n-----END RSA PRIVATE KEY-----";
        const olds = await checked("pra:VaultSshAccount", { name: "k", username: "u", privateKey: key });
        const news = await checked("pra:VaultSshAccount", { name: "k", username: "u", privateKey: key, type: "ssh_ca" });
        assert.deepStrictEqual((await handler("pra:VaultSshAccount").diff("1", olds, news)).replaces, ["type"]);
    });

    it("replaces grants on every key and updates roles in place", async () => {
        const olds = await checked("pra:GroupPolicyVaultAccount", { groupPolicyId: 1, accountId: 2 });
        const role = await checked("pra:GroupPolicyVaultAccount", { groupPolicyId: 1, accountId: 2, role: "inject_and_checkout" });
        const d1 = await handler("pra:GroupPolicyVaultAccount").diff("1/2", olds, role);
        assert.deepStrictEqual([d1.changes, d1.replaces], [true, []]);
        for (const key of [{ groupPolicyId: 9 }, { accountId: 9 }]) {
            const news = await checked("pra:GroupPolicyVaultAccount", { groupPolicyId: 1, accountId: 2, ...key });
            assert.deepStrictEqual((await handler("pra:GroupPolicyVaultAccount").diff("1/2", olds, news)).replaces, Object.keys(key));
        }
    });

    it("reports a change (and a replacement for immutable fields) when a value is unknown", async () => {
        const olds = await checked("pra:ShellJump", { name: "s", jumpointId: 1, hostname: "h", jumpGroupId: 1 });
        const d = await handler("pra:ShellJump").diff("1", olds, { ...olds, tag: UNKNOWN });
        assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
        const g = await checked("pra:GroupPolicyJumpoint", { groupPolicyId: 1, jumpointId: 1 });
        const dg = await handler("pra:GroupPolicyJumpoint").diff("1/1", g, { ...g, jumpointId: UNKNOWN });
        assert.deepStrictEqual(dg.replaces, ["jumpointId"]);
    });

    it("replaces a jump item whose Jumpoint or Jump Group is being replaced (the appliance cascades), but moves it to a known one", async () => {
        const olds = await checked("pra:ShellJump", { name: "s", jumpointId: 1, hostname: "h", jumpGroupId: 1 });
        for (const key of ["jumpointId", "jumpGroupId"]) {
            const replacing = await handler("pra:ShellJump").diff("1", olds, { ...olds, [key]: UNKNOWN });
            assert.deepStrictEqual(replacing.replaces, [key]);
            const moved = await handler("pra:ShellJump").diff("1", olds, { ...olds, [key]: 7 });
            assert.deepStrictEqual([moved.changes, moved.replaces], [true, []]);
        }
    });

    it("detects a changed secret without exposing it, and a changed provider shim", async () => {
        const olds = await checked("pra:VaultTokenAccount", { name: "t", token: "one" });
        const news = await checked("pra:VaultTokenAccount", { name: "t", token: "two" });
        assert.strictEqual((await handler("pra:VaultTokenAccount").diff("1", olds, news)).changes, true);
        const shim = await handler("pra:VaultTokenAccount").diff("1", { ...olds, __provider: "a" }, { ...olds, __provider: "b" });
        assert.strictEqual(shim.changes, true);
        assert.deepStrictEqual(shim.replaces, []);
    });

    it("replaces when the connection moves to another appliance, updates when only credentials change", async () => {
        const olds = await checked("pra:JumpGroup", { name: "g", connection: { host: "a.example.com", clientId: "x" } });
        const creds = await checked("pra:JumpGroup", { name: "g", connection: { host: "https://a.example.com/", clientId: "y" } });
        const moved = await checked("pra:JumpGroup", { name: "g", connection: { host: "b.example.com", clientId: "x" } });
        const d1 = await handler("pra:JumpGroup").diff("1", olds, creds);
        assert.deepStrictEqual([d1.changes, d1.replaces], [true, []]);
        assert.deepStrictEqual((await handler("pra:JumpGroup").diff("1", olds, moved)).replaces, ["connection"]);
    });

    it("does not replace when an explicit connection names the appliance the environment already pointed at", async () => {
        const saved = process.env.BT_API_HOST;
        process.env.BT_API_HOST = "pra.example.com";
        try {
            const olds = await checked("pra:JumpGroup", { name: "g" });
            const news = await checked("pra:JumpGroup", { name: "g", connection: { host: "https://pra.example.com" } });
            const d = await handler("pra:JumpGroup").diff("1", olds, news);
            assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
        } finally {
            if (saved === undefined) delete process.env.BT_API_HOST;
            else process.env.BT_API_HOST = saved;
        }
    });

    it("does not manage an optional property the program leaves out", async () => {
        const news = await checked("pra:ShellJump", { name: "s", jumpointId: 1, hostname: "h", jumpGroupId: 1 });
        const olds = { ...news, username: "set-elsewhere" };
        assert.strictEqual((await handler("pra:ShellJump").diff("1", olds, news)).changes, false);
    });
});
