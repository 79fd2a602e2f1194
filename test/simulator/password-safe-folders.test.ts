import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { PsClient, SEED_SAFE, usePasswordSafe } from "./ps-client";

const ZERO = "00000000-0000-0000-0000-000000000000";

describe("simulator: Password Safe safes", function () {
    let sim: SimulatorProcess;
    let ps: PsClient;
    usePasswordSafe({ signIn: true }, (s, c) => {
        sim = s;
        ps = c;
    });

    it("starts with one safe, Seed Safe, and no folders", async () => {
        const safes = await ps.must(200, "GET", "/secrets-safe/safes?version=3.1");
        assert.deepEqual(
            safes.map((s: any) => s.Name),
            [SEED_SAFE],
        );
        const folders = await ps.must(200, "GET", "/secrets-safe/folders");
        assert.deepEqual(
            folders.map((f: any) => f.Name),
            [SEED_SAFE],
            "the folder list holds only the safe",
        );
    });

    it("create 201 + JSON, get, PUT 204 (full replacement), DELETE 204, then 404", async () => {
        const created = await ps.safe("Team");
        assert.match(created.Id, /^[0-9a-f-]{36}$/);
        assert.deepEqual(created, { Id: created.Id, Name: "Team", Description: "Team safe" });
        assert.deepEqual(await ps.must(200, "GET", `/secrets-safe/safes/${created.Id}`), created);
        const put = await ps.put(`/secrets-safe/safes/${created.Id}`, { Name: "Team 2" });
        assert.equal(put.status, 204);
        assert.equal(put.text, "");
        assert.deepEqual(await ps.must(200, "GET", `/secrets-safe/safes/${created.Id}`), { Id: created.Id, Name: "Team 2", Description: null });
        assert.equal((await ps.del(`/secrets-safe/safes/${created.Id}`)).status, 204);
        const gone = await ps.get(`/secrets-safe/safes/${created.Id}`);
        assert.equal(gone.status, 404);
        assert.equal(typeof gone.body, "string", "errors are JSON strings");
    });

    it("a second safe with the same name (any casing) is 409, on create and on rename", async () => {
        await ps.safe("Dup");
        const again = await ps.post("/secrets-safe/safes", { Name: "dup" });
        assert.equal(again.status, 409);
        assert.equal(typeof again.body, "string");
        const other = await ps.safe("Other");
        assert.equal((await ps.put(`/secrets-safe/safes/${other.Id}`, { Name: "DUP" })).status, 409);
    });

    it("accepts GO's safe body (FolderType, a zero ParentId) on a trailing-slash path, and any JSON name casing", async () => {
        const r = await ps.post("/secrets-safe/safes/", { Name: "Go Safe", Description: "d", FolderType: "SAFE", ParentId: ZERO });
        assert.equal(r.status, 201, r.text);
        const lower = await ps.post("/Secrets-Safe/Safes", { name: "lower", description: "from lowercase keys" });
        assert.equal(lower.status, 201, lower.text);
        assert.equal(lower.body.Description, "from lowercase keys");
    });

    it("bad input is 400: no Name, a Name over 256 characters, a body that is not JSON", async () => {
        assert.equal((await ps.post("/secrets-safe/safes", { Description: "x" })).status, 400);
        assert.equal((await ps.post("/secrets-safe/safes", { Name: "n".repeat(257) })).status, 400);
        assert.equal((await ps.call("POST", "/secrets-safe/safes", { raw: "{nope" })).status, 400);
    });

    it("deleting a safe deletes its folders and secrets", async () => {
        const safe = await ps.safe("Doomed");
        const f = await ps.folder("inner", safe.Id);
        const s = await ps.must(201, "POST", `/secrets-safe/folders/${f.Id}/secrets/text?version=3.1`, { Title: "t", Text: "doomed-text-value" });
        assert.equal((await ps.del(`/secrets-safe/safes/${safe.Id}`)).status, 204);
        assert.equal((await ps.get(`/secrets-safe/folders/${f.Id}`)).status, 404);
        assert.equal((await ps.get(`/secrets-safe/secrets/${s.Id}/text`)).status, 404);
        assert.equal((await sim.psControl("GET", "/state")).secrets.length, 0);
    });
});

describe("simulator: Password Safe folders", function () {
    let ps: PsClient;
    let seedSafe: any;
    usePasswordSafe({ signIn: true }, (_s, c) => {
        ps = c;
    });
    beforeEach(async () => {
        seedSafe = (await ps.must(200, "GET", "/secrets-safe/safes"))[0];
    });

    it("create 201 with ParentId, GET by id, PUT {Name, Description} 200 + JSON, DELETE 204", async () => {
        const f = await ps.folder("apps", seedSafe.Id);
        assert.deepEqual(
            { Name: f.Name, ParentId: f.ParentId, Description: f.Description, UserId: f.UserId },
            { Name: "apps", ParentId: seedSafe.Id, Description: "", UserId: 1 },
        );
        assert.equal((await ps.must(200, "GET", `/secrets-safe/folders/${f.Id}`)).Name, "apps");
        const put = await ps.put(`/secrets-safe/folders/${f.Id}`, { Name: "apps2", Description: "renamed" });
        assert.equal(put.status, 200);
        assert.deepEqual({ Name: put.body.Name, Description: put.body.Description }, { Name: "apps2", Description: "renamed" });
        assert.equal((await ps.del(`/secrets-safe/folders/${f.Id}`)).status, 204);
        assert.equal((await ps.get(`/secrets-safe/folders/${f.Id}`)).status, 404);
    });

    it("PY's folder create (UserGroupId: null) and GO's (FolderType FOLDER) both work", async () => {
        assert.equal((await ps.post("/secrets-safe/folders", { Name: "py", Description: "d", ParentId: seedSafe.Id, UserGroupId: null })).status, 201);
        assert.equal((await ps.post("/secrets-safe/folders/", { Name: "go", Description: "d", ParentId: seedSafe.Id, FolderType: "FOLDER" })).status, 201);
    });

    it("names are unique among siblings (409) but may repeat under another parent", async () => {
        const a = await ps.folder("a", seedSafe.Id);
        const b = await ps.folder("b", seedSafe.Id);
        assert.equal((await ps.post("/secrets-safe/folders", { Name: "A", ParentId: seedSafe.Id })).status, 409);
        assert.equal((await ps.post("/secrets-safe/folders", { Name: "a", ParentId: b.Id })).status, 201);
        assert.equal((await ps.put(`/secrets-safe/folders/${b.Id}`, { Name: "a" })).status, 409);
        assert.ok(a.Id);
    });

    it("needs a ParentId (400; a zero GUID counts as none) that exists (404)", async () => {
        assert.equal((await ps.post("/secrets-safe/folders", { Name: "orphan" })).status, 400);
        assert.equal((await ps.post("/secrets-safe/folders", { Name: "orphan", ParentId: ZERO })).status, 400);
        assert.equal((await ps.post("/secrets-safe/folders", { Name: "orphan", ParentId: "0b0b0b0b-1111-4222-8333-444444444444" })).status, 404);
    });

    it("lists the tree with the safes as roots; folderName (partial), folderPath, includeSubfolders, rootOnly (Python's True/False), limit/offset", async () => {
        const apps = await ps.folder("apps", seedSafe.Id);
        const web = await ps.folder("web", apps.Id);
        await ps.folder("deep", web.Id);
        const other = await ps.safe("Other");
        await ps.folder("apps", other.Id);
        const names = async (q: string) => (await ps.must(200, "GET", `/secrets-safe/folders${q}`)).map((f: any) => f.Name);

        const all = await ps.must(200, "GET", "/secrets-safe/folders");
        assert.deepEqual(
            all.map((f: any) => f.Name),
            ["Seed Safe", "apps", "web", "deep", "Other", "apps"],
        );
        assert.equal(all[0].ParentId, null, "a safe's ParentId is null");
        assert.deepEqual(await names("?rootOnly=True&includeSubfolders=False"), ["Seed Safe", "Other"]);
        assert.deepEqual(await names("?folderName=PP"), ["apps", "apps"]);
        assert.deepEqual(await names("?folderPath=Seed Safe/apps"), ["apps", "web", "deep"]);
        assert.deepEqual(await names("?folderPath=seed safe/apps&includeSubfolders=False"), ["apps"]);
        assert.deepEqual(await names("?folderPath=Seed Safe/nothing"), []);
        assert.deepEqual(await names("?limit=2&offset=1"), ["apps", "web"]);
        assert.equal((await ps.get("/secrets-safe/folders?limit=0")).status, 400);
        assert.equal((await ps.get("/secrets-safe/folders?rootOnly=maybe")).status, 400);
    });

    it("move: 200 with the move's summary; Stop is 409 on a name clash, Rename renames, Skip leaves it; not into itself", async () => {
        const src = await ps.folder("src", seedSafe.Id);
        const child = await ps.folder("child", src.Id);
        const dest = await ps.folder("dest", seedSafe.Id);
        await ps.must(201, "POST", `/secrets-safe/folders/${child.Id}/secrets/text?version=3.1`, { Title: "t", Text: "moving-text" });
        const moved = await ps.put(`/secrets-safe/folders/${src.Id}/move`, { DestinationFolderId: dest.Id, DuplicateNameAction: "Stop" });
        assert.equal(moved.status, 200, moved.text);
        assert.deepEqual(
            { ...moved.body },
            {
                FolderId: src.Id,
                ParentId: dest.Id,
                OldParentId: seedSafe.Id,
                FolderCount: 2,
                SecretCount: 1,
                ShareCount: 0,
                NewFolderName: "src",
                OldFolderName: "src",
            },
        );
        assert.equal((await ps.must(200, "GET", `/secrets-safe/folders/${src.Id}`)).ParentId, dest.Id);
        const text = await ps.must(200, "GET", `/secrets-safe/folders/${child.Id}/secrets?version=3.1`);
        assert.equal(text[0].FolderPath, "Seed Safe/dest/src/child", "secrets move with their folder");

        const clash = await ps.folder("src", seedSafe.Id);
        const stop = await ps.put(`/secrets-safe/folders/${clash.Id}/move`, { DestinationFolderId: dest.Id, DuplicateNameAction: "Stop" });
        assert.equal(stop.status, 409);
        const skip = await ps.put(`/secrets-safe/folders/${clash.Id}/move`, { destinationfolderid: dest.Id, duplicatenameaction: "skip" });
        assert.equal(skip.status, 200);
        assert.equal((await ps.must(200, "GET", `/secrets-safe/folders/${clash.Id}`)).ParentId, seedSafe.Id, "Skip left it");
        const rename = await ps.put(`/secrets-safe/folders/${clash.Id}/move`, { DestinationFolderId: dest.Id, DuplicateNameAction: "Rename" });
        assert.equal(rename.status, 200);
        assert.equal(rename.body.NewFolderName, "src (1)");
        assert.equal((await ps.put(`/secrets-safe/folders/${dest.Id}/move`, { DestinationFolderId: child.Id })).status, 400, "into its own subtree");
        assert.equal((await ps.put(`/secrets-safe/folders/${seedSafe.Id}/move`, { DestinationFolderId: dest.Id })).status, 400, "a safe cannot move");
    });

    it("deleting a folder deletes its subfolders and their secrets", async () => {
        const top = await ps.folder("top", seedSafe.Id);
        const sub = await ps.folder("sub", top.Id);
        const s = await ps.must(201, "POST", `/secrets-safe/folders/${sub.Id}/secrets?version=3.1`, {
            Title: "c",
            Username: "u",
            Password: "cascade-password",
        });
        assert.equal((await ps.del(`/secrets-safe/folders/${top.Id}`)).status, 204);
        assert.equal((await ps.get(`/secrets-safe/folders/${sub.Id}`)).status, 404);
        assert.equal((await ps.get(`/secrets-safe/secrets/${s.Id}`)).status, 404);
    });

    it("unknown ids and malformed ids are 404; an unknown path is 404; a wrong method is 405", async () => {
        assert.equal((await ps.get("/secrets-safe/folders/0b0b0b0b-1111-4222-8333-444444444444")).status, 404);
        assert.equal((await ps.get("/secrets-safe/folders/not-a-guid")).status, 404);
        assert.equal((await ps.get("/secrets-safe/nothing")).status, 404);
        const r = await ps.call("PATCH", "/secrets-safe/folders");
        assert.equal(r.status, 405);
        assert.equal(typeof r.body, "string");
    });
});
