import { strict as assert } from "node:assert";
import { createHash } from "node:crypto";
import { SimulatorProcess } from "../support/simulator";
import { MultipartPart, PsClient, multipart, usePasswordSafe } from "./ps-client";

const sha256 = (b: Buffer) => createHash("sha256").update(b).digest("hex");
// Binary on purpose: every byte value, so nothing is decoded as text on the way.
const BYTES = Buffer.from(Array.from({ length: 1024 }, (_, i) => i % 256));

describe("simulator: Password Safe file secrets", function () {
    let sim: SimulatorProcess;
    let ps: PsClient;
    let folder: any;
    usePasswordSafe({ signIn: true }, (s, c) => {
        sim = s;
        ps = c;
    });
    beforeEach(async () => {
        const safe = (await ps.must(200, "GET", "/secrets-safe/safes"))[0];
        folder = await ps.folder("files", safe.Id);
    });

    const meta = (extra: object = {}) => JSON.stringify({ Title: "cert", Description: "a file", FileName: "cert.bin", Notes: "n", ...extra });
    const upload = (parts: MultipartPart[], path = `/secrets-safe/folders/${folder.Id}/secrets/file?version=3.1`, method = "POST") => {
        const body = multipart(parts);
        return ps.call(method, path, { raw: body.raw, headers: body.headers });
    };

    // How each client shapes the upload: PY (files, JSON metadata), GO (file, text/plain metadata), any name.
    const shapes: [string, MultipartPart[]][] = [
        [
            "PY: part `files`, metadata as application/json",
            [
                { name: "secretmetadata", contentType: "application/json", data: meta() },
                { name: "files", filename: "cert.bin", contentType: "application/octet-stream", data: BYTES },
            ],
        ],
        [
            "GO: part `file`, metadata a plain field",
            [
                { name: "secretmetadata", data: meta() },
                { name: "file", filename: "cert.bin", contentType: "application/octet-stream", data: BYTES },
            ],
        ],
        [
            "any part name, metadata as text/plain",
            [
                { name: "secretmetadata", contentType: "text/plain", data: meta() },
                { name: "whatever", filename: "cert.bin", data: BYTES },
            ],
        ],
        [
            "the file first, then the metadata",
            [
                { name: "upload", filename: "cert.bin", data: BYTES },
                { name: "SecretMetadata", data: meta() },
            ],
        ],
    ];
    for (const [label, parts] of shapes) {
        it(`create 201 (${label}); /file has FileName and the SHA-256 FileHash; /file/download returns the same bytes`, async () => {
            const r = await upload(parts);
            assert.equal(r.status, 201, r.text);
            assert.equal(r.body.SecretType, "File");
            const info = await ps.must(200, "GET", `/secrets-safe/secrets/${r.body.Id}/file?version=3.1`);
            assert.deepEqual(
                { FileName: info.FileName, FileHash: info.FileHash, Title: info.Title },
                { FileName: "cert.bin", FileHash: sha256(BYTES), Title: "cert" },
            );
            const dl = await ps.get(`/secrets-safe/secrets/${r.body.Id}/file/download`);
            assert.equal(dl.status, 200);
            assert.equal(dl.headers["content-type"], "application/octet-stream");
            assert.ok(dl.bytes.equals(BYTES), "downloaded bytes differ");
            assert.match(String(dl.headers["content-disposition"]), /attachment; filename="cert.bin"/);
        });
    }

    it("GO's FileContent inside the metadata is the file when no part carries one", async () => {
        const r = await upload([{ name: "secretmetadata", data: meta({ FileContent: "hello from go" }) }]);
        assert.equal(r.status, 201, r.text);
        const dl = await ps.get(`/secrets-safe/secrets/${r.body.Id}/file/download`);
        assert.equal(dl.text, "hello from go");
    });

    it("FileName defaults to the part's filename; GET secrets/{id} has SecretType File", async () => {
        const r = await upload([
            { name: "secretmetadata", data: JSON.stringify({ Title: "nameless" }) },
            { name: "files", filename: "from-part.txt", data: "x" },
        ]);
        assert.equal(r.status, 201, r.text);
        assert.equal(r.body.FileName, "from-part.txt");
        assert.equal((await ps.must(200, "GET", `/secrets-safe/secrets/${r.body.Id}`)).SecretType, "File");
    });

    it("exactly 5,000,000 bytes is accepted; one byte more is 413; an empty file, no file, no metadata or no multipart is 400", async () => {
        const max = Buffer.alloc(5_000_000, 7);
        const ok = await upload([
            { name: "secretmetadata", data: meta({ Title: "max" }) },
            { name: "files", filename: "max.bin", data: max },
        ]);
        assert.equal(ok.status, 201, ok.text);
        assert.equal((await ps.get(`/secrets-safe/secrets/${ok.body.Id}/file/download`)).bytes.length, 5_000_000);
        const over = await upload([
            { name: "secretmetadata", data: meta({ Title: "over" }) },
            { name: "files", filename: "over.bin", data: Buffer.alloc(5_000_001, 7) },
        ]);
        assert.equal(over.status, 413);
        assert.equal(typeof over.body, "string");
        assert.equal(
            (
                await upload([
                    { name: "secretmetadata", data: meta({ Title: "empty" }) },
                    { name: "files", filename: "e.bin", data: "" },
                ])
            ).status,
            400,
        );
        assert.equal((await upload([{ name: "secretmetadata", data: meta({ Title: "none" }) }])).status, 400);
        assert.equal((await upload([{ name: "files", filename: "a.bin", data: "a" }])).status, 400);
        assert.equal((await ps.post(`/secrets-safe/folders/${folder.Id}/secrets/file`, { Title: "json" })).status, 400);
    });

    it("a title already used in the folder is 409", async () => {
        const parts: MultipartPart[] = [
            { name: "secretmetadata", data: meta() },
            { name: "files", filename: "cert.bin", data: BYTES },
        ];
        assert.equal((await upload(parts)).status, 201);
        assert.equal((await upload(parts)).status, 409);
    });

    it("PUT secrets/{id}/file (multipart) is 204: new content and hash, omitted Description and Notes cleared; without a file the content stays", async () => {
        const created = await upload([
            { name: "secretmetadata", data: meta() },
            { name: "files", filename: "cert.bin", data: BYTES },
        ]);
        const id = created.body.Id;
        const next = Buffer.from("second version");
        const put = await upload(
            [
                {
                    name: "secretmetadata",
                    contentType: "application/json",
                    data: JSON.stringify({ Title: "cert2", FileName: "cert2.bin", FolderId: folder.Id }),
                },
                { name: "files", filename: "cert2.bin", data: next },
            ],
            `/secrets-safe/secrets/${id}/file?version=3.1`,
            "PUT",
        );
        assert.equal(put.status, 204, put.text);
        const info = await ps.must(200, "GET", `/secrets-safe/secrets/${id}/file?version=3.1`);
        assert.deepEqual(
            { Title: info.Title, FileName: info.FileName, FileHash: info.FileHash, Description: info.Description, Notes: info.Notes },
            { Title: "cert2", FileName: "cert2.bin", FileHash: sha256(next), Description: "", Notes: "" },
        );
        const metaOnly = await upload([{ name: "secretmetadata", data: JSON.stringify({ Title: "cert3" }) }], `/secrets-safe/secrets/${id}/file`, "PUT");
        assert.equal(metaOnly.status, 204, metaOnly.text);
        assert.ok((await ps.get(`/secrets-safe/secrets/${id}/file/download`)).bytes.equals(next));
    });

    it("DELETE 200, then /file and /file/download are 404; /file of a credential is 404", async () => {
        const created = await upload([
            { name: "secretmetadata", data: meta() },
            { name: "files", filename: "cert.bin", data: BYTES },
        ]);
        assert.equal((await ps.del(`/secrets-safe/secrets/${created.body.Id}`)).status, 200);
        assert.equal((await ps.get(`/secrets-safe/secrets/${created.body.Id}/file`)).status, 404);
        assert.equal((await ps.get(`/secrets-safe/secrets/${created.body.Id}/file/download`)).status, 404);
        const c = await ps.must(201, "POST", `/secrets-safe/folders/${folder.Id}/secrets`, { Title: "c", Username: "u", Password: "file-test-pw-1" });
        assert.equal((await ps.get(`/secrets-safe/secrets/${c.Id}/file`)).status, 404);
    });

    it("an out-of-band Content edit (base64) changes the download and the hash", async () => {
        const created = await upload([
            { name: "secretmetadata", data: meta() },
            { name: "files", filename: "cert.bin", data: BYTES },
        ]);
        const drift = Buffer.from("edited out of band");
        await sim.psControl("PUT", `/api/secrets/${created.body.Id}`, { Content: drift.toString("base64") });
        assert.ok((await ps.get(`/secrets-safe/secrets/${created.body.Id}/file/download`)).bytes.equals(drift));
        assert.equal((await ps.must(200, "GET", `/secrets-safe/secrets/${created.body.Id}/file`)).FileHash, sha256(drift));
    });
});
