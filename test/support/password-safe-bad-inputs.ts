// Invalid Password Safe inputs, each with the property its check failure must name. Used by the unit
// layer (no server) and the provider layer (a live appliance that must see no request, no sign-in).
import type { BadInput } from "./bad-inputs";

export const FOLDER_ID = "0f8fad5b-d9cb-469f-a165-70867728950e";
const ZERO = "00000000-0000-0000-0000-000000000000";
export const PS_PASSWORD = "Hunter2-never-shown";

const safe = { name: "Ops Safe", description: "" };
const folder = { name: "Linux", parentPath: "Ops Safe" };
const credential = { folderId: FOLDER_ID, title: "root", username: "root", password: PS_PASSWORD };
const text = { folderId: FOLDER_ID, title: "motd", text: "hello" };
const file = { folderId: FOLDER_ID, title: "kubeconfig", fileName: "config", content: "apiVersion: v1" };

const C = "passwordsafe:CredentialSecret";

export const PS_BAD_INPUTS: BadInput[] = [
    { title: "safe without a name", kind: "passwordsafe:Safe", inputs: { description: "x" }, property: "name" },
    { title: "safe name of 257 characters", kind: "passwordsafe:Safe", inputs: { name: "s".repeat(257) }, property: "name" },
    { title: "safe description not a string", kind: "passwordsafe:Safe", inputs: { ...safe, description: 7 }, property: "description" },
    { title: "safe property misspelled", kind: "passwordsafe:Safe", inputs: { ...safe, nmae: "x" }, property: "nmae" },
    { title: "adopt not a GUID", kind: "passwordsafe:Safe", inputs: { ...safe, adopt: "12" }, property: "adopt" },
    { title: "folder with no parent", kind: "passwordsafe:Folder", inputs: { name: "Linux" }, property: "parentId" },
    { title: "folder with two parents", kind: "passwordsafe:Folder", inputs: { ...folder, parentId: FOLDER_ID }, property: "parentPath" },
    { title: "folder parentId an integer id", kind: "passwordsafe:Folder", inputs: { name: "Linux", parentId: "123" }, property: "parentId" },
    { title: "folder parentId the zero GUID", kind: "passwordsafe:Folder", inputs: { name: "Linux", parentId: ZERO }, property: "parentId" },
    {
        title: "folder parentPath with an empty name",
        kind: "passwordsafe:Folder",
        inputs: { name: "Linux", parentPath: "Ops Safe//Sub" },
        property: "parentPath",
    },
    { title: "credential without a folder", kind: C, inputs: { ...credential, folderId: undefined }, property: "folderId" },
    { title: "credential without a password", kind: C, inputs: { ...credential, password: undefined }, property: "password" },
    {
        title: "credential password of 257 characters",
        kind: C,
        inputs: { ...credential, password: `${PS_PASSWORD}${"x".repeat(257)}` },
        property: "password",
        mustNotShow: [PS_PASSWORD],
    },
    { title: "credential username empty", kind: C, inputs: { ...credential, username: "" }, property: "username" },
    { title: "credential title of 257 characters", kind: C, inputs: { ...credential, title: "t".repeat(257) }, property: "title" },
    { title: "credential owners not a list", kind: C, inputs: { ...credential, owners: { userId: 1 } }, property: "owners" },
    { title: "credential owner naming nobody", kind: C, inputs: { ...credential, owners: [{ name: "ops" }] }, property: "owners" },
    { title: "credential url not a URL", kind: C, inputs: { ...credential, urls: ["not a url"] }, property: "urls" },
    { title: "credential notes of 4001 characters", kind: C, inputs: { ...credential, notes: "n".repeat(4001) }, property: "notes" },
    { title: "credential output set as input", kind: C, inputs: { ...credential, folderPath: "Ops Safe" }, property: "folderPath" },
    { title: "text without its text", kind: "passwordsafe:TextSecret", inputs: { ...text, text: undefined }, property: "text" },
    { title: "text of 4097 characters", kind: "passwordsafe:TextSecret", inputs: { ...text, text: "x".repeat(4097) }, property: "text" },
    { title: "file with no content", kind: "passwordsafe:FileSecret", inputs: { ...file, content: undefined }, property: "content" },
    { title: "file with content twice", kind: "passwordsafe:FileSecret", inputs: { ...file, contentFile: "/etc/hostname" }, property: "contentFile" },
    {
        title: "file contentFile missing",
        kind: "passwordsafe:FileSecret",
        inputs: { ...file, content: undefined, contentFile: "/nonexistent/kubeconfig" },
        property: "contentFile",
    },
    { title: "file name with a slash", kind: "passwordsafe:FileSecret", inputs: { ...file, fileName: "../config" }, property: "fileName" },
    { title: "file content over 5,000,000 bytes", kind: "passwordsafe:FileSecret", inputs: { ...file, content: "x".repeat(5_000_001) }, property: "content" },
    {
        title: "connection url with another scheme",
        kind: "passwordsafe:Safe",
        inputs: { ...safe, connection: { url: "ftp://ps.example.com" } },
        property: "connection.url",
    },
    {
        title: "connection run-as user not a string",
        kind: "passwordsafe:Safe",
        inputs: { ...safe, connection: { url: "ps.example.com", apiKey: "k-1", runAs: 7 } },
        property: "connection.runAs",
    },
    {
        title: "connection with a PRA setting",
        kind: "passwordsafe:Safe",
        inputs: { ...safe, connection: { host: "ps.example.com" } },
        property: "connection.host",
    },
    {
        title: "connection insecure not a boolean",
        kind: "passwordsafe:Safe",
        inputs: { ...safe, connection: { insecure: "yes" } },
        property: "connection.insecure",
    },
    {
        title: "connection url with a query string",
        kind: "passwordsafe:Safe",
        inputs: { ...safe, connection: { url: "https://ps.example.com/?key=abc" } },
        property: "connection.url",
    },
];

/** One valid input per kind: check passes with no failure (the catalogue's counterpart). */
export const PS_GOOD_INPUTS: Array<{ kind: string; inputs: Record<string, unknown> }> = [
    { kind: "passwordsafe:Safe", inputs: safe },
    { kind: "passwordsafe:Folder", inputs: folder },
    { kind: C, inputs: credential },
    { kind: "passwordsafe:TextSecret", inputs: text },
    { kind: "passwordsafe:FileSecret", inputs: file },
];
