import { strict as assert } from "node:assert";
import { rememberSecret } from "../support/secret-scan";
import { SimulatorProcess } from "../support/simulator";
import { PsClient, usePasswordSafe } from "./ps-client";

const ZERO = "00000000-0000-0000-0000-000000000000";
const PASSWORD = "cred-value-Zq81";
const TEXT = "text-value-Mv27";
rememberSecret(PASSWORD);
rememberSecret(TEXT);

describe("simulator: Password Safe credential and text secrets", function () {
    let sim: SimulatorProcess;
    let ps: PsClient;
    let safe: any;
    let folder: any;
    usePasswordSafe({ signIn: true }, (s, c) => {
        sim = s;
        ps = c;
    });
    beforeEach(async () => {
        safe = (await ps.must(200, "GET", "/secrets-safe/safes"))[0];
        folder = await ps.folder("apps", safe.Id);
    });

    const credential = (extra: object = {}) => ({
        Title: "db",
        Description: "the database",
        Username: "app",
        Password: PASSWORD,
        Notes: "rotated monthly",
        Urls: [{ Url: "https://db.example.com" }],
        ...extra,
    });

    // One row per secret type: how it is created, read back (with its value) and replaced.
    const kinds = [
        {
            type: "Credential",
            create: (fid: string) => `/secrets-safe/folders/${fid}/secrets`,
            read: (id: string) => `/secrets-safe/secrets/${id}`,
            update: (id: string) => `/secrets-safe/secrets/${id}`,
            body: credential,
            value: (b: any) => b.Password,
            expected: PASSWORD,
            replacement: { Title: "db2", Username: "app2", Password: "new-cred-Qw11" },
            newValue: "new-cred-Qw11",
        },
        {
            type: "Text",
            create: (fid: string) => `/secrets-safe/folders/${fid}/secrets/text`,
            read: (id: string) => `/secrets-safe/secrets/${id}/text`,
            update: (id: string) => `/secrets-safe/secrets/${id}/text`,
            body: (extra: object = {}) => ({
                Title: "note",
                Description: "d",
                Text: TEXT,
                Notes: "n",
                Urls: [{ Url: "https://x.example.com" }],
                FolderId: ZERO,
                ...extra,
            }),
            value: (b: any) => b.Text,
            expected: TEXT,
            replacement: { Title: "note2", Text: "new-text-Jk22" },
            newValue: "new-text-Jk22",
        },
    ];
    rememberSecret("new-cred-Qw11");
    rememberSecret("new-text-Jk22");

    for (const k of kinds) {
        describe(k.type, () => {
            it("create 201 with the full secret; read returns the value, SecretType and the common metadata", async () => {
                const created = await ps.post(k.create(folder.Id) + "?version=3.1", k.body());
                assert.equal(created.status, 201, created.text);
                assert.equal(created.body.SecretType, k.type);
                const read = await ps.must(200, "GET", k.read(created.body.Id) + "?version=3.1");
                assert.equal(k.value(read), k.expected);
                assert.deepEqual(
                    {
                        Title: read.Title,
                        Description: read.Description,
                        FolderId: read.FolderId,
                        Folder: read.Folder,
                        FolderPath: read.FolderPath,
                        Notes: read.Notes,
                        Url: read.Urls[0].Url,
                        CredentialId: read.Urls[0].CredentialId,
                        Owners: read.Owners,
                        CreatedBy: read.CreatedBy,
                        ModifiedBy: read.ModifiedBy,
                        SecretType: read.SecretType,
                    },
                    {
                        Title: k.body().Title,
                        Description: k.body().Description,
                        FolderId: folder.Id,
                        Folder: "apps",
                        FolderPath: "Seed Safe/apps",
                        Notes: k.body().Notes,
                        Url: k.body().Urls[0].Url,
                        CredentialId: read.Id,
                        Owners: [{ UserId: 1, GroupId: null, Name: "Password Safe Admin", Email: "ps-admin@bt-simulator.invalid" }],
                        CreatedBy: "ps-admin",
                        ModifiedBy: "ps-admin",
                        SecretType: k.type,
                    },
                );
                assert.ok(!Number.isNaN(Date.parse(read.CreatedOn)) && !Number.isNaN(Date.parse(read.ModifiedOn)));
            });

            it("titles are unique within a folder (409, any casing) but not across folders", async () => {
                await ps.must(201, "POST", k.create(folder.Id), k.body());
                const again = await ps.post(k.create(folder.Id), k.body({ Title: k.body().Title.toUpperCase() }));
                assert.equal(again.status, 409);
                assert.equal(typeof again.body, "string");
                const other = await ps.folder("other", safe.Id);
                assert.equal((await ps.post(k.create(other.Id), k.body())).status, 201);
            });

            it("PUT is a full replacement (200 + JSON): Description, Notes and Urls left out are cleared; a new FolderId moves it", async () => {
                const created = await ps.must(201, "POST", k.create(folder.Id) + "?version=3.1", k.body());
                const other = await ps.folder("other", safe.Id);
                const put = await ps.put(k.update(created.Id) + "?version=3.1", { ...k.replacement, FolderId: other.Id });
                assert.equal(put.status, 200, put.text);
                assert.equal(put.body.Id, created.Id);
                const read = await ps.must(200, "GET", k.read(created.Id) + "?version=3.1");
                assert.deepEqual(
                    {
                        Title: read.Title,
                        Description: read.Description,
                        Notes: read.Notes,
                        Urls: read.Urls,
                        FolderId: read.FolderId,
                        FolderPath: read.FolderPath,
                    },
                    { Title: k.replacement.Title, Description: "", Notes: "", Urls: [], FolderId: other.Id, FolderPath: "Seed Safe/other" },
                );
                assert.equal(k.value(read), k.newValue);
                assert.equal((await ps.must(200, "GET", `/secrets-safe/folders/${folder.Id}/secrets`)).length, 0, "it left the old folder");
            });

            it("PUT keeps the folder when FolderId is absent or zero, and a trailing slash is fine", async () => {
                const created = await ps.must(201, "POST", k.create(folder.Id), k.body());
                assert.equal((await ps.put(k.update(created.Id) + "/?version=3.1", { ...k.body(), FolderId: ZERO })).status, 200);
                assert.equal((await ps.must(200, "GET", k.read(created.Id))).FolderId, folder.Id);
            });

            it("a PUT repeating a URL keeps its Id (by Id or by value); a new URL gets a new one", async () => {
                const created = await ps.must(201, "POST", k.create(folder.Id) + "?version=3.1", k.body());
                const id = created.Urls[0].Id;
                const again = await ps.must(
                    200,
                    "PUT",
                    k.update(created.Id) + "?version=3.1",
                    k.body({ Urls: [{ Id: ZERO, CredentialId: ZERO, Url: k.body().Urls[0].Url }] }),
                );
                assert.equal(again.Urls[0].Id, id, "same URL, same Id");
                const renamed = await ps.must(
                    200,
                    "PUT",
                    k.update(created.Id) + "?version=3.1",
                    k.body({ Urls: [{ Id: id, Url: "https://moved.example.com" }] }),
                );
                assert.deepEqual(
                    renamed.Urls.map((u: any) => [u.Id, u.Url]),
                    [[id, "https://moved.example.com"]],
                    "named by Id",
                );
                const fresh = await ps.must(200, "PUT", k.update(created.Id) + "?version=3.1", k.body({ Urls: [{ Url: "https://new.example.com" }] }));
                assert.notEqual(fresh.Urls[0].Id, id);
            });

            it("DELETE 200, then 404 on read, update and delete", async () => {
                const created = await ps.must(201, "POST", k.create(folder.Id), k.body());
                assert.equal((await ps.del(`/secrets-safe/secrets/${created.Id}`)).status, 200);
                assert.equal((await ps.get(k.read(created.Id))).status, 404);
                assert.equal((await ps.put(k.update(created.Id), k.body())).status, 404);
                assert.equal((await ps.del(`/secrets-safe/secrets/${created.Id}`)).status, 404);
            });

            it("creating in an unknown folder is 404; a missing Title is 400", async () => {
                assert.equal((await ps.post(k.create("0b0b0b0b-1111-4222-8333-444444444444"), k.body())).status, 404);
                assert.equal((await ps.post(k.create(folder.Id), k.body({ Title: undefined }))).status, 400);
            });
        });
    }

    it("credential needs a Username and a Password (or a PasswordRuleID, which generates one); limits are 400", async () => {
        const url = `/secrets-safe/folders/${folder.Id}/secrets`;
        assert.equal((await ps.post(url, credential({ Username: undefined }))).status, 400);
        assert.equal((await ps.post(url, credential({ Password: undefined }))).status, 400);
        assert.equal((await ps.post(url, credential({ Password: "p".repeat(257) }))).status, 400);
        assert.equal((await ps.post(url, credential({ Urls: [{ Url: "not a url" }] }))).status, 400);
        const ruled = await ps.post(url, credential({ Title: "ruled", Password: undefined, PasswordRuleID: 3 }));
        assert.equal(ruled.status, 201, ruled.text);
        const read = await ps.must(200, "GET", `/secrets-safe/secrets/${ruled.body.Id}`);
        assert.ok(read.Password.length >= 8);
        assert.equal(read.PasswordRuleID, 3);
    });

    it("text needs Text of 1 to 4096 characters; GET secrets/{id} of a text secret has no Password; /text of a credential is 404", async () => {
        const url = `/secrets-safe/folders/${folder.Id}/secrets/text`;
        assert.equal((await ps.post(url, { Title: "t" })).status, 400);
        assert.equal((await ps.post(url, { Title: "t", Text: "x".repeat(4097) })).status, 400);
        const t = await ps.must(201, "POST", url, { Title: "t", Text: TEXT });
        const byId = await ps.must(200, "GET", `/secrets-safe/secrets/${t.Id}`);
        assert.equal(byId.SecretType, "Text");
        assert.equal(byId.Password, undefined);
        const c = await ps.must(201, "POST", `/secrets-safe/folders/${folder.Id}/secrets`, credential());
        assert.equal((await ps.get(`/secrets-safe/secrets/${c.Id}/text`)).status, 404);
        assert.equal((await ps.put(`/secrets-safe/secrets/${c.Id}/text`, { Title: "x", Text: "y" })).status, 400, "a credential cannot take a text PUT");
    });

    it("lowercase JSON names and Python-cased paths work", async () => {
        const r = await ps.post(`/Secrets-Safe/Folders/${folder.Id.toUpperCase()}/Secrets/Text`, { title: "lower", text: TEXT });
        assert.equal(r.status, 201, r.text);
        assert.equal((await ps.must(200, "GET", `/SECRETS-SAFE/secrets/${r.body.Id}/TEXT`)).Text, TEXT);
    });

    it("out-of-band edits and deletes through /_sim/ps/api are visible over the public API", async () => {
        const c = await ps.must(201, "POST", `/secrets-safe/folders/${folder.Id}/secrets`, credential());
        const t = await ps.must(201, "POST", `/secrets-safe/folders/${folder.Id}/secrets/text`, { Title: "t", Text: TEXT });
        await sim.psControl("PUT", `/api/secrets/${c.Id}`, { Password: "drifted-Pp00", Description: "changed elsewhere" });
        await sim.psControl("PUT", `/api/secrets/${t.Id}`, { Text: "drifted-text-Tt00" });
        rememberSecret("drifted-Pp00");
        rememberSecret("drifted-text-Tt00");
        const read = await ps.must(200, "GET", `/secrets-safe/secrets/${c.Id}`);
        assert.deepEqual({ Password: read.Password, Description: read.Description }, { Password: "drifted-Pp00", Description: "changed elsewhere" });
        assert.equal((await ps.must(200, "GET", `/secrets-safe/secrets/${t.Id}/text`)).Text, "drifted-text-Tt00");
        assert.equal((await sim.psControl("GET", `/api/secrets/${c.Id}`)).Password, "drifted-Pp00");
        const oob = await sim.psControl("PUT", `/api/folders/${folder.Id}`, { Name: "renamed-oob" });
        assert.deepEqual({ Id: oob.Id, Name: oob.Name }, { Id: folder.Id, Name: "renamed-oob" }, "control reads are PascalCase too");
        assert.equal((await ps.must(200, "GET", `/secrets-safe/folders/${folder.Id}`)).Name, "renamed-oob");
        await sim.psControl("DELETE", `/api/secrets/${c.Id}`);
        assert.equal((await ps.get(`/secrets-safe/secrets/${c.Id}`)).status, 404);
        await sim.psControl("DELETE", `/api/folders/${folder.Id}`);
        assert.equal((await ps.get(`/secrets-safe/secrets/${t.Id}/text`)).status, 404);
    });
});
