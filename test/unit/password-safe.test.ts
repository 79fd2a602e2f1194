// Password Safe kinds at the unit layer: check (defaults, normalization, every bad input named),
// diff (what updates in place, what a file's hash decides), the multipart encoder and the pager.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { handler } from "../../provider";
import { failureNames } from "../../provider/engine/handlers";
import { encodeMultipart } from "../../provider/core/multipart";
import { limitOffset, numberedPages } from "../../provider/core/paging";
import { parseApiUrl, psAuthMethod, resolvePasswordSafeConnection } from "../../provider/passwordsafe/connection";
import { psAuthHeader } from "../../provider/core/session";
import { sha256 } from "../../provider/passwordsafe/file-secret";
import { FOLDER_ID, PS_BAD_INPUTS, PS_GOOD_INPUTS, PS_PASSWORD } from "../support/password-safe-bad-inputs";

const ENV = ["BT_PS_API_URL", "BT_PS_API_KEY", "BT_PS_RUNAS", "BT_PS_CLIENT_ID", "BT_PS_CLIENT_SECRET"];

describe("unit: Password Safe kinds", () => {
    const saved: Record<string, string | undefined> = {};
    before(() => {
        for (const n of ENV) saved[n] = process.env[n];
        process.env.BT_PS_API_URL = "ps.example.com";
        process.env.BT_PS_API_KEY = "unit-key";
        process.env.BT_PS_RUNAS = "ps-admin";
    });
    after(() => {
        for (const n of ENV) {
            if (saved[n] === undefined) delete process.env[n];
            else process.env[n] = saved[n];
        }
    });

    describe("check", () => {
        for (const good of PS_GOOD_INPUTS) {
            it(`${good.kind}: a valid input passes`, async () => {
                const r = await handler(good.kind).check({}, { ...good.inputs });
                assert.deepStrictEqual(r.failures, undefined);
            });
        }
        for (const bad of PS_BAD_INPUTS) {
            it(`${bad.kind}: ${bad.title} fails on ${bad.property}`, async () => {
                const r = await handler(bad.kind).check({}, { ...bad.inputs });
                assert.ok(
                    r.failures?.some((f) => failureNames(f, bad.property)),
                    JSON.stringify(r.failures).slice(0, 400),
                );
                for (const hidden of bad.mustNotShow ?? []) assert.ok(!JSON.stringify(r.failures).includes(hidden));
            });
        }
        it("defaults are explicit and a GUID is normalized to lower case", async () => {
            const r = await handler("passwordsafe:CredentialSecret").check(
                {},
                { folderId: FOLDER_ID.toUpperCase(), title: "root", username: "root", password: PS_PASSWORD },
            );
            assert.deepStrictEqual(r.inputs, {
                folderId: FOLDER_ID,
                title: "root",
                username: "root",
                password: PS_PASSWORD,
                description: "",
                notes: "",
                urls: [],
            });
        });
        it("a password failure never names it as a property value (the engine would print the value)", async () => {
            const r = await handler("passwordsafe:CredentialSecret").check(
                {},
                { folderId: FOLDER_ID, title: "root", username: "root", password: "x".repeat(300) },
            );
            assert.strictEqual(r.failures?.[0].property, "");
            assert.match(r.failures![0].reason, /^password: /);
        });
        it("contentFile is hashed at check; its bytes are not in the inputs", async () => {
            const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ps-file-"));
            const file = path.join(dir, "kubeconfig");
            fs.writeFileSync(file, "apiVersion: v1\nkind: Config\n");
            const r = await handler("passwordsafe:FileSecret").check({}, { folderId: FOLDER_ID, title: "kube", fileName: "config", contentFile: file });
            assert.strictEqual(r.failures, undefined);
            assert.strictEqual(r.inputs!.contentSha256, sha256("apiVersion: v1\nkind: Config\n"));
            assert.ok(!JSON.stringify(r.inputs).includes("kind: Config"));
        });
    });

    describe("diff", () => {
        const olds = {
            folderId: FOLDER_ID,
            title: "root",
            username: "root",
            password: PS_PASSWORD,
            description: "",
            notes: "",
            urls: [],
            folderPath: "Ops Safe",
        };
        it("no change: no diff; outputs stay stable", async () => {
            const d = await handler("passwordsafe:CredentialSecret").diff("id", olds, { ...olds, folderPath: undefined });
            assert.deepStrictEqual([d.changes, d.replaces], [false, []]);
        });
        it("a new folder moves the secret in place (an update, not a replacement)", async () => {
            const d = await handler("passwordsafe:CredentialSecret").diff("id", olds, { ...olds, folderId: "1f8fad5b-d9cb-469f-a165-70867728950e" });
            assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
        });
        it("a password changed out of band (refresh read it) is a change", async () => {
            const d = await handler("passwordsafe:CredentialSecret").diff("id", { ...olds, password: "changed" }, olds);
            assert.strictEqual(d.changes, true);
        });
        it("a folder's new parent is an update (a move), not a replacement", async () => {
            const d = await handler("passwordsafe:Folder").diff(
                "id",
                { name: "L", description: "", parentId: FOLDER_ID },
                { name: "L", description: "", parentId: "1f8fad5b-d9cb-469f-a165-70867728950e" },
            );
            assert.deepStrictEqual([d.changes, d.replaces], [true, []]);
        });
        it("a file is judged by its hash: same content, no change; other content, a change", async () => {
            const base = { folderId: FOLDER_ID, title: "f", fileName: "f", description: "", notes: "", urls: [] };
            const h = handler("passwordsafe:FileSecret");
            assert.strictEqual(
                (await h.diff("id", { ...base, content: "a", contentSha256: sha256("a") }, { ...base, content: "a", contentSha256: sha256("a") })).changes,
                false,
            );
            assert.strictEqual(
                (await h.diff("id", { ...base, contentSha256: sha256("b") }, { ...base, content: "a", contentSha256: sha256("a") })).changes,
                true,
            );
        });
    });

    describe("wire pieces", () => {
        it("multipart: a JSON part and a file part with its name, delimited by the boundary", () => {
            const m = encodeMultipart([
                { name: "secretmetadata", contentType: "application/json", data: '{"Title":"t"}' },
                { name: "file", filename: 'a"b.txt', contentType: "application/octet-stream", data: Buffer.from([0, 1, 2]) },
            ]);
            const boundary = /boundary=(.+)$/.exec(m.contentType)![1];
            const text = m.body.toString("latin1");
            assert.ok(
                text.startsWith(
                    `--${boundary}\r\nContent-Disposition: form-data; name="secretmetadata"\r\nContent-Type: application/json\r\n\r\n{"Title":"t"}\r\n`,
                ),
            );
            assert.ok(text.includes('name="file"; filename="a%22b.txt"\r\nContent-Type: application/octet-stream\r\n\r\n\u0000\u0001\u0002\r\n'));
            assert.ok(text.endsWith(`--${boundary}--\r\n`));
        });
        it("limit/offset pages: a short page or the 3.2 envelope's total ends the list", () => {
            const p = limitOffset(2);
            assert.deepStrictEqual(p.query(3), { limit: 2, offset: 4 });
            assert.strictEqual(p.parse([1, 2], { status: 200, headers: {}, body: "" }, 1).more, true);
            assert.strictEqual(p.parse([1], { status: 200, headers: {}, body: "" }, 2).more, false);
            assert.deepStrictEqual(p.parse({ TotalCount: 4, Data: [3, 4] }, { status: 200, headers: {}, body: "" }, 2), {
                items: [3, 4],
                more: false,
                lastPage: 0,
            });
        });
        it("numbered pages: the last page comes from X-BT-Pagination-Last-Page", () => {
            const p = numberedPages(100);
            const res = { status: 200, headers: { "x-bt-pagination-last-page": "3" }, body: "" };
            assert.deepStrictEqual([p.parse([1], res, 2).more, p.parse([1], res, 3).more], [true, false]);
        });
        it("a bare host gets https and the API base path; a given path is kept", () => {
            assert.deepStrictEqual(parseApiUrl("ps.example.com"), { origin: "https://ps.example.com", basePath: "/BeyondTrust/api/public/v3" });
            assert.deepStrictEqual(parseApiUrl("http://127.0.0.1:8080/BeyondTrust/api/public/v3/"), {
                origin: "http://127.0.0.1:8080",
                basePath: "/BeyondTrust/api/public/v3",
            });
        });
        it("the sign-in method comes from the first source naming one: a resource's OAuth client beats a key in the environment", () => {
            assert.strictEqual(psAuthMethod(undefined), "api-key", "BT_PS_API_KEY is set");
            assert.strictEqual(psAuthMethod({ clientId: "c", clientSecret: "s" }), "oauth");
            const conn = resolvePasswordSafeConnection({ clientId: "c", clientSecret: "s" });
            assert.deepStrictEqual([conn.auth.kind, conn.origin, conn.basePath], ["oauth", "https://ps.example.com", "/BeyondTrust/api/public/v3"]);
        });
        it("the PS-Auth header: key and run-as, the password bracketed", () => {
            assert.strictEqual(psAuthHeader("K", "u"), "PS-Auth key=K; runas=u;");
            assert.strictEqual(psAuthHeader("K", "u", "p"), "PS-Auth key=K; runas=u; pwd=[p];");
        });
    });
});
