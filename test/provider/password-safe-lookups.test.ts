// Password Safe lookups against the simulator: a safe by name, a folder by its whole path (never
// the first folder with that last name), a secret's value by folder path and title or by id, for
// each secret type; errors name the filter.
import * as assert from "assert";
import { handler } from "../../provider";
import { getFolder, getSafe, getSecret } from "../../provider/passwordsafe/lookups";
import { usePasswordSafeSimulator } from "../support/password-safe-env";

const PASSWORD = "lookup-password-55";
const TEXT = "lookup text value";
const FILE = "lookup file bytes";

describe("provider: Password Safe lookups against the simulator", function () {
    this.timeout(60_000);
    const ps = usePasswordSafeSimulator([PASSWORD, TEXT, FILE]);
    const ids: Record<string, string> = {};

    before(async () => {
        const up = async (kind: string, inputs: Record<string, unknown>) => {
            const h = handler(kind);
            const r = await h.check({}, inputs);
            assert.deepStrictEqual(r.failures, undefined);
            return (await h.create(r.inputs!)).id;
        };
        ids.safe = await up("passwordsafe:Safe", { name: "Lookup Safe" });
        ids.apps = await up("passwordsafe:Folder", { name: "Apps", parentId: ids.safe });
        // A folder of the same name elsewhere: a path lookup must not take it.
        ids.otherApps = await up("passwordsafe:Folder", { name: "Apps", parentPath: "Seed Safe" });
        ids.cred = await up("passwordsafe:CredentialSecret", { folderId: ids.apps, title: "db", username: "app", password: PASSWORD });
        ids.text = await up("passwordsafe:TextSecret", { folderId: ids.apps, title: "note", text: TEXT });
        ids.file = await up("passwordsafe:FileSecret", { folderId: ids.apps, title: "blob", fileName: "blob.txt", content: FILE });
    });

    it("getSafe by name and by id; an unknown name is an error naming it", async () => {
        assert.strictEqual((await getSafe({ name: "lookup safe" })).id, ids.safe);
        assert.strictEqual((await getSafe({ id: ids.safe })).name, "Lookup Safe");
        await assert.rejects(getSafe({ name: "No Such Safe" }), /passwordsafe\.getSafe: nothing matches name "No Such Safe"/);
    });

    it("getFolder by whole path, not by last name; by id", async () => {
        const f = await getFolder({ path: "Lookup Safe/Apps" });
        assert.deepStrictEqual([f.id, f.path, f.parentId], [ids.apps, "Lookup Safe/Apps", ids.safe]);
        assert.strictEqual((await getFolder({ path: "Seed Safe/Apps" })).id, ids.otherApps);
        assert.strictEqual((await getFolder({ id: ids.apps })).path, "Lookup Safe/Apps");
        await assert.rejects(getFolder({ path: "Apps" }), /nothing matches path "Apps"/);
    });

    it("OAuth client credentials: a token, a sign-in with it, and the same answers", async function () {
        const env = ps.sim.env;
        const connection = { url: env.BT_PS_API_URL, clientId: env.BT_PS_CLIENT_ID, clientSecret: env.BT_PS_CLIENT_SECRET };
        await ps.control("POST", "/counters/reset");
        assert.strictEqual((await getSafe({ name: "Lookup Safe", connection })).id, ids.safe);
        const c = await ps.control<any>("GET", "/counters");
        assert.strictEqual(c.signIns, 1, JSON.stringify(c.requests.byRoute));
    });

    it("owners: none declared, the signed-in user (ps-admin, UserId 1) owns the secret", async () => {
        const live = await ps.control<any>("GET", `/api/secrets/${ids.cred}`);
        const owners = (live.Owners ?? []) as Array<{ UserId?: number }>;
        assert.deepStrictEqual(
            owners.map((o) => o.UserId),
            [1],
        );
    });

    it("getSecret: each type's value, by path and title or by id", async () => {
        const cred = await getSecret({ path: "Lookup Safe/Apps", title: "db" });
        assert.deepStrictEqual([cred.id, cred.secretType, cred.username, cred.value === PASSWORD], [ids.cred, "Credential", "app", true]);
        const text = await getSecret({ path: "Lookup Safe/Apps", title: "note" });
        assert.deepStrictEqual([text.secretType, text.value === TEXT], ["Text", true]);
        const file = await getSecret({ id: ids.file });
        assert.deepStrictEqual([file.secretType, file.fileName, file.value === FILE], ["File", "blob.txt", true]);
        await assert.rejects(getSecret({ path: "Lookup Safe/Apps", title: "missing" }), /nothing matches path "Lookup Safe\/Apps" and title "missing"/);
    });

    it("getSecret by id: one GET for a credential (its answer carries the password), two for a text (metadata, then /text)", async () => {
        const calls = async (run: () => Promise<unknown>) => {
            await ps.control("POST", "/counters/reset");
            await run();
            const byRoute = (await ps.control<any>("GET", "/counters")).requests.byRoute as Record<string, number>;
            return Object.entries(byRoute)
                .filter(([k]) => !/auth\//i.test(k))
                .reduce((n, [, v]) => n + v, 0);
        };
        let cred: { value: string } | undefined;
        assert.strictEqual(await calls(async () => (cred = await getSecret({ id: ids.cred }))), 1);
        assert.ok(cred!.value === PASSWORD, "the password comes from that one answer");
        assert.strictEqual(await calls(() => getSecret({ id: ids.text })), 2);
    });
});
