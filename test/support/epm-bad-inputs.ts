// Invalid EPM inputs, each with the property its check failure must name (and, where the words
// matter, what the reason must say). Shape errors: check refuses them before any connection, call
// or token (test/provider/epm-bad-input.test.ts). Blocks per kind helper: epm-kinds' first
// (ComputerGroup, Policy); epm-assign appends its own block at the end.
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import type { BadInput } from "./bad-inputs";

export interface EpmBadInput extends BadInput {
    /** What the failure's reason must say, when the words are the point (line:column, "not an EPM policy"). */
    reason?: RegExp;
}

export const EPM_CLIENT_SECRET_SHOWN_NOWHERE = "epm-bad-input-secret-7Q";

export const POLICY_XML = `<?xml version="1.0" encoding="utf-8"?>\n<Configuration FileVersion="1"><Policies /></Configuration>\n`;

/** Policy files on disk for the contentFile rows: one good, one malformed (written once, at load). */
const dir = fs.mkdtempSync(path.join(os.tmpdir(), "epm-bad-inputs-"));
export const GOOD_POLICY_FILE = path.join(dir, "good.xml");
const MALFORMED_POLICY_FILE = path.join(dir, "malformed.xml");
fs.writeFileSync(GOOD_POLICY_FILE, POLICY_XML);
fs.writeFileSync(MALFORMED_POLICY_FILE, "<Configuration>\n  <Policies>\n</Configuration>\n");

const G = "epm:ComputerGroup";
const P = "epm:Policy";
const group = { name: "Test Workstations", description: "" };
const policy = { name: "Pre-production", description: "staging policy", content: POLICY_XML, changeDescription: "initial" };

// ---- epm-kinds: ComputerGroup and Policy ------------------------------------------------------
export const EPM_BAD_INPUTS: EpmBadInput[] = [
    { title: "group without a name", kind: G, inputs: { description: "x" }, property: "name" },
    { title: "group with an empty name", kind: G, inputs: { ...group, name: "" }, property: "name" },
    { title: "group name of 257 characters", kind: G, inputs: { ...group, name: "g".repeat(257) }, property: "name" },
    { title: "group name with a trailing space", kind: G, inputs: { ...group, name: "Test " }, property: "name", reason: /leading or trailing spaces/ },
    { title: "group default not a boolean", kind: G, inputs: { ...group, default: "yes" }, property: "default" },
    { title: "group description not a string", kind: G, inputs: { ...group, description: 7 }, property: "description" },
    { title: "group property it does not have", kind: G, inputs: { ...group, policyId: "00000000-0000-4000-8000-0000000000a1" }, property: "policyId" },
    { title: "group adopt neither true nor a GUID", kind: G, inputs: { ...group, adopt: "Test Workstations" }, property: "adopt" },
    {
        title: "policy content not well formed",
        kind: P,
        inputs: { ...policy, content: "<Configuration>\n  <Policies>\n</Configuration>" },
        property: "content",
        reason: /not well-formed XML: 3:\d+: /,
    },
    {
        title: "policy contentFile not well formed",
        kind: P,
        inputs: { ...policy, content: undefined, contentFile: MALFORMED_POLICY_FILE },
        property: "contentFile",
        reason: /not well-formed XML: 3:\d+: /,
    },
    {
        title: "policy XML whose root is not Configuration",
        kind: P,
        inputs: { ...policy, content: "<Policy/>" },
        property: "content",
        reason: /not an EPM policy/,
    },
    { title: "policy with content and contentFile", kind: P, inputs: { ...policy, contentFile: GOOD_POLICY_FILE }, property: "contentFile" },
    { title: "policy with neither content nor contentFile", kind: P, inputs: { ...policy, content: undefined }, property: "content", reason: /is required/ },
    {
        title: "policy contentFile that does not exist",
        kind: P,
        inputs: { ...policy, content: undefined, contentFile: path.join(dir, "missing.xml") },
        property: "contentFile",
        reason: /does not exist/,
    },
    {
        title: "policy content over 5,000,000 bytes",
        kind: P,
        inputs: { ...policy, content: `<Configuration>${" ".repeat(5_000_000)}</Configuration>` },
        property: "content",
        reason: /at most 5000000/,
    },
    { title: "policy name of 257 characters", kind: P, inputs: { ...policy, name: "p".repeat(257) }, property: "name" },
    { title: "policy content not a string", kind: P, inputs: { ...policy, content: { xml: "<Configuration/>" } }, property: "content" },
    { title: "policy changeDescription not a string", kind: P, inputs: { ...policy, changeDescription: 2 }, property: "changeDescription" },
    {
        title: "policy output set as input",
        kind: P,
        inputs: { ...policy, latestRevisionId: "00000000-0000-4000-8000-0000000000b1" },
        property: "latestRevisionId",
    },
    {
        title: "connection url with another scheme",
        kind: G,
        inputs: { ...group, connection: { url: "ftp://tenant-services.pm.beyondtrustcloud.com" } },
        property: "connection.url",
    },
    {
        title: "connection url with a path that is not the Management API's",
        kind: P,
        inputs: {
            ...policy,
            connection: { url: "https://tenant-services.pm.beyondtrustcloud.com/api/v3", clientId: "id", clientSecret: EPM_CLIENT_SECRET_SHOWN_NOWHERE },
        },
        property: "connection.url",
        mustNotShow: [EPM_CLIENT_SECRET_SHOWN_NOWHERE],
    },
    {
        title: "connection apiVersion v4",
        kind: G,
        inputs: { ...group, connection: { apiVersion: "v4" } },
        property: "connection.apiVersion",
        reason: /v1, v2, v3/,
    },
    {
        title: "connection with a Password Safe setting",
        kind: G,
        inputs: { ...group, connection: { apiKey: EPM_CLIENT_SECRET_SHOWN_NOWHERE } },
        property: "connection.apiKey",
        reason: /is not an EPM connection setting/,
        mustNotShow: [EPM_CLIENT_SECRET_SHOWN_NOWHERE],
    },
    { title: "connection with a PRA setting", kind: P, inputs: { ...policy, connection: { host: "pra.example.com" } }, property: "connection.host" },
    { title: "connection clientSecret not a string", kind: G, inputs: { ...group, connection: { clientSecret: 42 } }, property: "connection.clientSecret" },
];

/** One valid input per kind: check passes with no failure (the catalogue's counterpart). */
export const EPM_GOOD_INPUTS: Array<{ kind: string; inputs: Record<string, unknown> }> = [
    { kind: G, inputs: group },
    { kind: G, inputs: { ...group, default: true } },
    { kind: P, inputs: policy },
    { kind: P, inputs: { ...policy, content: undefined, contentFile: GOOD_POLICY_FILE } },
];

// ---- epm-assign: PolicyAssignment and ComputerGroupMembership ----------------------------------
// (Existence errors, which need the tenant: unknown computers, a revision of another policy, a group
// holding another policy, are in test/provider/epm-assignment.test.ts, with reads only and no write.)
const A = "epm:PolicyAssignment";
const M = "epm:ComputerGroupMembership";
const GROUP_ID = "00000000-0000-4000-8000-000000000002";
const assignment = { groupId: GROUP_ID, policyId: "00000000-0000-4000-8000-0000000000a1" };
const membership = { groupId: GROUP_ID, computerIds: ["00000000-0000-4000-8000-0000000000c1"], hostNames: ["CORPWS02"] };

EPM_BAD_INPUTS.push(
    { title: "assignment without a groupId", kind: A, inputs: { policyId: assignment.policyId }, property: "groupId", reason: /is required/ },
    { title: "assignment without a policyId", kind: A, inputs: { groupId: GROUP_ID }, property: "policyId", reason: /is required/ },
    { title: "assignment policyId an integer id", kind: A, inputs: { ...assignment, policyId: 12 }, property: "policyId" },
    { title: "assignment revisionId not a GUID", kind: A, inputs: { ...assignment, revisionId: "revision-2" }, property: "revisionId", reason: /GUID/ },
    { title: "assignment groupId the zero GUID", kind: A, inputs: { ...assignment, groupId: "00000000-0000-0000-0000-000000000000" }, property: "groupId" },
    {
        title: "assignment pinned and following at once",
        kind: A,
        inputs: { ...assignment, revisionId: "00000000-0000-4000-8000-0000000000b1", latestRevisionId: "00000000-0000-4000-8000-0000000000b1" },
        property: "latestRevisionId",
        reason: /cannot be given with revisionId/,
    },
    { title: "assignment property it does not have", kind: A, inputs: { ...assignment, revision: 2 }, property: "revision", reason: /is not a property/ },
    {
        title: "assignment output set as input",
        kind: A,
        inputs: { ...assignment, assignedRevisionId: "00000000-0000-4000-8000-0000000000b1" },
        property: "assignedRevisionId",
        reason: /is an output/,
    },
    {
        title: "membership with an empty computer list",
        kind: M,
        inputs: { ...membership, computerIds: [] },
        property: "computerIds",
        reason: /at least one computer/,
    },
    { title: "membership naming no computer at all", kind: M, inputs: { groupId: GROUP_ID }, property: "computerIds", reason: /computerIds or hostNames/ },
    {
        title: "membership computer id not a GUID",
        kind: M,
        inputs: { ...membership, computerIds: ["CORPWS01"] },
        property: "computerIds",
        reason: /not a computer id/,
    },
    { title: "membership host name empty", kind: M, inputs: { ...membership, hostNames: ["CORPWS02", "  "] }, property: "hostNames", reason: /\[1\] is empty/ },
    { title: "membership hostNames a string, not a list", kind: M, inputs: { ...membership, hostNames: "CORPWS02" }, property: "hostNames" },
    { title: "membership without a groupId", kind: M, inputs: { computerIds: membership.computerIds }, property: "groupId" },
    {
        title: "membership property it does not have",
        kind: M,
        inputs: { ...membership, computers: ["CORPWS03"] },
        property: "computers",
        reason: /is not a property/,
    },
    {
        title: "membership output set as input",
        kind: M,
        inputs: { ...membership, memberIds: membership.computerIds },
        property: "memberIds",
        reason: /is an output/,
    },
);

EPM_GOOD_INPUTS.push(
    { kind: A, inputs: assignment },
    { kind: A, inputs: { ...assignment, revisionId: "00000000-0000-4000-8000-0000000000b1" } },
    { kind: A, inputs: { ...assignment, latestRevisionId: "00000000-0000-4000-8000-0000000000b1" } },
    { kind: M, inputs: membership },
    { kind: M, inputs: { groupId: GROUP_ID, hostNames: ["corpws01", "CORPWS01"] } },
);
