// The Password Safe rules called directly with the provider's checked inputs: folder paths through
// the stack's Safe/Folder resources, owners, and file content written in the program.
import * as assert from "assert";
import { checked, runResource, runStack, stackResource } from "./harness";

const R = {
    folders: "beyondtrust-ps-secret-folders",
    owners: "beyondtrust-ps-secret-owners",
    file: "beyondtrust-ps-file-content-not-inline",
};
const GUID = "6f1d6b5e-3c1a-4a57-9d0e-2b7f6a1c9e42";

/** A safe "CI Safe" with folder "pipelines" and its sub-folder "deploy", as the stack declares them. */
function tree() {
    const safe = stackResource("passwordsafe:Safe", "ci", { name: "CI Safe" });
    const pipelines = stackResource("passwordsafe:Folder", "pipelines", { name: "pipelines", parentId: GUID }, { parentId: [safe] });
    const deploy = stackResource("passwordsafe:Folder", "deploy", { name: "deploy", parentId: GUID }, { parentId: [pipelines] });
    const byPath = stackResource("passwordsafe:Folder", "legacy", { name: "legacy", parentPath: "Old Safe/apps" });
    return { safe, pipelines, deploy, byPath };
}

describe("policy: beyondtrust-ps-secret-folders", () => {
    it("passes everything while allowedFolderPaths is empty (the default)", async () => {
        const { deploy } = tree();
        const s = stackResource("passwordsafe:TextSecret", "t", { title: "token", folderId: GUID }, { folderId: [deploy] });
        assert.deepStrictEqual(await runStack(R.folders, [s]), []);
    });

    it("follows folders up to their safe and matches the whole path against the patterns", async () => {
        const { safe, pipelines, deploy, byPath } = tree();
        const inDeploy = stackResource("passwordsafe:CredentialSecret", "db", { title: "db", folderId: GUID }, { folderId: [deploy] });
        const inSafe = stackResource("passwordsafe:TextSecret", "root", { title: "root token", folderId: GUID }, { folderId: [safe] });
        const inLegacy = stackResource("passwordsafe:FileSecret", "cert", { title: "cert", folderId: GUID }, { folderId: [byPath] });
        const config = { allowedFolderPaths: ["CI Safe/pipelines/*", "Old Safe/apps/legacy"] };
        const out = await runStack(R.folders, [safe, pipelines, deploy, inDeploy, inSafe, inLegacy], config);
        assert.equal(out.length, 1, JSON.stringify(out));
        assert.match(out[0].message, /secret "root token" \(root\) is put in folder "CI Safe", which allowedFolderPaths does not list/);
        assert.equal(out[0].urn, inSafe.urn);
    });

    it("refuses a folder id from outside the stack when paths are restricted (it cannot be checked)", async () => {
        const s = stackResource("passwordsafe:TextSecret", "t", { title: "token", folderId: GUID });
        const out = await runStack(R.folders, [s], { allowedFolderPaths: ["*"] });
        assert.equal(out.length, 1);
        assert.match(out[0].message, /cannot tell/);
    });
});

describe("policy: beyondtrust-ps-secret-owners", () => {
    const base = { folderId: GUID, title: "db", username: "app", password: "x-long-generated-value" };

    it("fails a secret without owners and passes one with an owner", async () => {
        const none = await runResource(R.owners, "passwordsafe:CredentialSecret", await checked("passwordsafe:CredentialSecret", base));
        assert.equal(none.length, 1);
        assert.match(none[0].message, /secret "db" names no owners/);
        const one = await runResource(
            R.owners,
            "passwordsafe:CredentialSecret",
            await checked("passwordsafe:CredentialSecret", { ...base, owners: [{ userId: 7 }] }),
        );
        assert.deepStrictEqual(one, []);
    });

    it("minOwners is configurable", async () => {
        const props = await checked("passwordsafe:TextSecret", { folderId: GUID, title: "t", text: "v", owners: [{ userId: 7 }] });
        const out = await runResource(R.owners, "passwordsafe:TextSecret", props, { minOwners: 2 });
        assert.equal(out.length, 1);
        assert.match(out[0].message, /names 1 owner \(at least 2 required\)/);
    });
});

describe("policy: beyondtrust-ps-file-content-not-inline", () => {
    it("fails content written in the program, passes content from another resource and contentFile", async () => {
        const { pipelines } = tree();
        const literal = stackResource(
            "passwordsafe:FileSecret",
            "lit",
            { title: "kubeconfig", fileName: "config", content: "apiVersion: v1", folderId: GUID },
            { folderId: [pipelines] },
        );
        const cert = stackResource("tls:index/selfSignedCert:SelfSignedCert", "cert", { certPem: "-----BEGIN CERTIFICATE-----" });
        const fromOutput = stackResource(
            "passwordsafe:FileSecret",
            "out",
            { title: "cert", fileName: "cert.pem", content: "-----BEGIN CERTIFICATE-----", folderId: GUID },
            { content: [cert] },
        );
        const fromFile = stackResource("passwordsafe:FileSecret", "file", { title: "ca", fileName: "ca.pem", contentFile: "./ca.pem", folderId: GUID });
        const out = await runStack(R.file, [pipelines, literal, cert, fromOutput, fromFile]);
        assert.equal(out.length, 1, JSON.stringify(out));
        assert.match(out[0].message, /file secret "kubeconfig" \(lit\) has its content written in the program/);
        assert.equal(out[0].urn, literal.urn);
    });
});
