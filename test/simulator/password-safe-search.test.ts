import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { rememberSecret } from "../support/secret-scan";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, samples } from "./client";
import { PsClient, multipart, usePasswordSafe } from "./ps-client";

const PW = "search-pw-Hh55";
const TX = "search-text-Gg66";
rememberSecret(PW);
rememberSecret(TX);

describe("simulator: Password Safe search, versions and lists", function () {
    let sim: SimulatorProcess;
    let ps: PsClient;
    let safe: any;
    let apps: any;
    let web: any;
    usePasswordSafe({ signIn: true }, (s, c) => {
        sim = s;
        ps = c;
    });
    beforeEach(async () => {
        safe = (await ps.must(200, "GET", "/secrets-safe/safes"))[0];
        apps = await ps.folder("apps", safe.Id);
        web = await ps.folder("web", apps.Id);
        await ps.must(201, "POST", `/secrets-safe/folders/${apps.Id}/secrets?version=3.1`, { Title: "db", Username: "u", Password: PW });
        await ps.must(201, "POST", `/secrets-safe/folders/${apps.Id}/secrets/text?version=3.1`, { Title: "token", Text: TX });
        await ps.must(201, "POST", `/secrets-safe/folders/${web.Id}/secrets?version=3.1`, { Title: "db", Username: "w", Password: PW });
    });

    it("path finds the exact folder (not its subfolders) and title the secret; a text secret's value is in Password too", async () => {
        const db = await ps.must(200, "GET", "/secrets-safe/secrets?path=Seed Safe/apps&title=db&version=3.1");
        assert.equal(db.length, 1);
        assert.deepEqual(
            { Title: db[0].Title, FolderPath: db[0].FolderPath, Password: db[0].Password, SecretType: db[0].SecretType },
            { Title: "db", FolderPath: "Seed Safe/apps", Password: PW, SecretType: "Credential" },
        );
        const text = await ps.must(200, "GET", "/secrets-safe/secrets?path=seed safe/apps&title=TOKEN&version=3.1");
        assert.deepEqual({ Password: text[0].Password, Text: text[0].Text, SecretType: text[0].SecretType }, { Password: TX, Text: TX, SecretType: "Text" });
        assert.equal((await ps.must(200, "GET", "/secrets-safe/secrets?path=Seed Safe/apps")).length, 2, "web's secret is not in apps");
        assert.equal((await ps.must(200, "GET", "/secrets-safe/secrets?title=db")).length, 2, "title alone searches every folder");
        assert.deepEqual(await ps.must(200, "GET", "/secrets-safe/secrets?path=Seed Safe/none&title=db"), [], "nothing found is an empty list");
        assert.equal((await ps.must(200, "GET", "/secrets-safe/secrets?path=Seed Safe|apps|web&separator=|&title=db"))[0].Username, "w");
    });

    it("decrypt=false (any casing) hides the values; absent means true", async () => {
        for (const q of ["decrypt=false", "decrypt=False"]) {
            const list = await ps.must(200, "GET", `/secrets-safe/secrets?path=Seed Safe/apps&${q}`);
            assert.deepEqual(
                list.map((s: any) => [s.Password, s.Text]),
                [
                    [null, null],
                    [null, null],
                ],
            );
        }
        const shown = await ps.must(200, "GET", "/secrets-safe/secrets?path=Seed Safe/apps");
        assert.deepEqual(
            shown.map((s: any) => s.Password),
            [PW, TX],
        );
    });

    it("limit and offset page every list; 3.2 and 3.3 wrap secret lists as {TotalCount, Data}, earlier versions do not", async () => {
        const page = await ps.must(200, "GET", "/secrets-safe/secrets?limit=1&offset=1&version=3.1");
        assert.equal(page.length, 1);
        assert.equal(page[0].Title, "token");
        for (const v of ["3.2", "3.3"]) {
            const wrapped = await ps.must(200, "GET", `/secrets-safe/secrets?limit=2&version=${v}`);
            assert.deepEqual({ total: wrapped.TotalCount, n: wrapped.Data.length }, { total: 3, n: 2 });
            const inFolder = await ps.must(200, "GET", `/secrets-safe/folders/${apps.Id}/secrets?version=${v}`);
            assert.equal(inFolder.TotalCount, 2);
            assert.ok(Array.isArray(await ps.must(200, "GET", `/secrets-safe/folders?version=${v}`)), "folder lists are never wrapped");
        }
        assert.ok(Array.isArray(await ps.must(200, "GET", `/secrets-safe/folders/${apps.Id}/secrets?version=3.0`)));
        assert.equal((await ps.get("/secrets-safe/secrets?offset=-1")).status, 400);
    });

    it("owners by version: 3.0 OwnerId/OwnerType and Owners[{OwnerId, Owner, Email}], 3.1+ Owners[{UserId, GroupId, Name, Email}]; none given = the signed-in user", async () => {
        const v30 = await ps.post(`/secrets-safe/folders/${web.Id}/secrets/text?version=3.0`, {
            Title: "v30",
            Text: TX,
            OwnerId: 1,
            OwnerType: "User",
            Owners: [{ OwnerId: 1, Owner: "ps-admin", Email: "a@example.com" }],
        });
        assert.equal(v30.status, 201, v30.text);
        const read30 = await ps.must(200, "GET", `/secrets-safe/secrets/${v30.body.Id}/text`);
        assert.deepEqual(
            { OwnerId: read30.OwnerId, OwnerType: read30.OwnerType, Owners: read30.Owners },
            { OwnerId: 1, OwnerType: "User", Owners: [{ OwnerId: 1, Owner: "ps-admin", Email: "a@example.com" }] },
        );
        const read31 = await ps.must(200, "GET", `/secrets-safe/secrets/${v30.body.Id}/text?version=3.1`);
        assert.deepEqual(read31.Owners, [{ UserId: 1, GroupId: null, Name: "ps-admin", Email: "a@example.com" }]);
        assert.equal(read31.OwnerId, undefined);
        assert.equal(read31.IsFavorite, false);

        const group = await ps.post(`/secrets-safe/folders/${web.Id}/secrets/text?version=3.1`, {
            Title: "grp",
            Text: TX,
            Owners: [{ GroupId: 7, Name: "ops", Email: "ops@example.com" }],
        });
        assert.equal(group.status, 201, group.text);
        const g30 = await ps.must(200, "GET", `/secrets-safe/secrets/${group.body.Id}/text?version=3.0`);
        assert.deepEqual({ OwnerType: g30.OwnerType, OwnerId: g30.OwnerId }, { OwnerType: "Group", OwnerId: 7 });

        const none = await ps.must(201, "POST", `/secrets-safe/folders/${web.Id}/secrets/text?version=3.2`, { Title: "none", Text: TX });
        assert.deepEqual(none.Owners, [{ UserId: 1, GroupId: null, Name: "Password Safe Admin", Email: "ps-admin@bt-simulator.invalid" }]);
        assert.ok(none.SecretValueModifiedOn, "3.2 adds SecretValueModifiedOn");
        assert.equal(
            (await ps.post(`/secrets-safe/folders/${web.Id}/secrets/text?version=3.1`, { Title: "bad", Text: TX, Owners: [{ Name: "x" }] })).status,
            400,
        );
    });

    it("an unknown version is 400 on every route", async () => {
        for (const p of ["/secrets-safe/secrets?version=4.0", "/secrets-safe/folders?version=3", `/secrets-safe/safes/${safe.Id}?version=2.9`]) {
            const r = await ps.get(p);
            assert.equal(r.status, 400, p);
            assert.equal(typeof r.body, "string");
        }
    });

    it("counts requests per route (GUIDs as {id}), sign-ins and 401s", async () => {
        await sim.psControl("POST", "/counters/reset");
        await ps.get(`/secrets-safe/folders/${apps.Id}`);
        await ps.get(`/Secrets-Safe/Folders/${web.Id}/`);
        await ps.get("/secrets-safe/safes", { noCookie: true });
        const c = await sim.psControl("GET", "/counters");
        assert.equal(c.requests.byRoute["GET /secrets-safe/folders/{id}"], 2);
        assert.equal(c.requests.byRoute["GET /secrets-safe/safes"], 1);
        assert.equal(c.unauthorized, 1);
        const core = await sim.counters();
        assert.ok(core.requests.byRoute["GET /beyondtrust/api/public/v3/secrets-safe/folders/{id}"] >= 2, "the simulator-wide counters see Password Safe too");
    });

    it("injected faults apply to Password Safe paths too", async () => {
        await sim.control("POST", "/faults", { rules: [{ kind: "status", status: 503, count: 1, match: { path: "/secrets-safe/safes" } }] });
        assert.equal((await ps.get("/secrets-safe/safes")).status, 503);
        assert.equal((await ps.get("/secrets-safe/safes")).status, 200);
    });
});

describe("simulator: Password Safe beside PRA, and --state", function () {
    let dir: string;
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bt-ps-state-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("keeps Password Safe's safes, folders, secrets and files across a restart, beside PRA's objects", async () => {
        const file = path.join(dir, "state.json");
        const args = ["--ps-api-key", "a".repeat(128), "--client-id", "me", "--client-secret", "state-test-secret"];
        const first = await startSimulatorProcess({ stateFile: file, args });
        let ids: { safe: string; secret: string; file: string; jg: number };
        const bytes = Buffer.from([0, 1, 2, 250, 255]);
        try {
            const ps = new PsClient(first);
            assert.equal((await ps.signIn()).status, 200);
            const safe = await ps.safe("Kept");
            const f = await ps.folder("inner", safe.Id);
            const s = await ps.must(201, "POST", `/secrets-safe/folders/${f.Id}/secrets`, { Title: "kept", Username: "u", Password: PW });
            const body = multipart([
                { name: "secretmetadata", data: JSON.stringify({ Title: "blob", FileName: "b.bin" }) },
                { name: "files", filename: "b.bin", data: bytes },
            ]);
            const fileSecret = await ps.call("POST", `/secrets-safe/folders/${f.Id}/secrets/file`, { raw: body.raw, headers: body.headers });
            assert.equal(fileSecret.status, 201, fileSecret.text);
            const jg = await new Api(first).create("/jump-group", samples.jumpGroup({ code_name: "kept_pra" }));
            ids = { safe: safe.Id, secret: s.Id, file: fileSecret.body.Id, jg: jg.id };
        } finally {
            await first.stop();
        }
        const saved = JSON.parse(fs.readFileSync(file, "utf8"));
        assert.ok(saved.collections["jump-group"], "PRA's part stays at the top level");
        assert.equal(saved.passwordSafe.secrets.length, 2);

        const second = await startSimulatorProcess({ stateFile: file, args });
        try {
            const ps = new PsClient(second);
            assert.equal((await ps.signIn()).status, 200, "the same key still signs in");
            assert.equal((await ps.must(200, "GET", `/secrets-safe/safes/${ids.safe}`)).Name, "Kept");
            const s = await ps.must(200, "GET", `/secrets-safe/secrets/${ids.secret}`);
            assert.deepEqual({ Password: s.Password, FolderPath: s.FolderPath }, { Password: PW, FolderPath: "Kept/inner" });
            assert.ok((await ps.get(`/secrets-safe/secrets/${ids.file}/file/download`)).bytes.equals(bytes), "file bytes survive");
            assert.equal((await new Api(second).get(`/jump-group/${ids.jg}`)).body.code_name, "kept_pra", "PRA still works with Password Safe mounted");
        } finally {
            await second.stop();
        }

        // Restarted with other credentials, the printed ones work, and the objects are still there.
        const third = await startSimulatorProcess({ stateFile: file, args: ["--client-id", "me", "--client-secret", "state-test-secret"] });
        try {
            const ps = new PsClient(third);
            assert.notEqual(third.env.BT_PS_API_KEY, "a".repeat(128));
            assert.equal((await ps.signIn()).status, 200, "the new random key signs in");
            assert.equal((await ps.must(200, "GET", `/secrets-safe/safes/${ids.safe}`)).Name, "Kept");
            await third.reset();
            assert.equal((await ps.get(`/secrets-safe/safes/${ids.safe}`)).status, 401, "a full reset also ends Password Safe's sessions");
        } finally {
            await third.stop();
        }
    });
});
