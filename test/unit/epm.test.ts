// EPM's pieces that need no server: the policy XML check (saxes: line:column, the root, the cap,
// UTF-8), the kinds' check and diff rules, the ProblemDetails / OAuth error parser, and the
// client's assumption entries, each of which docs/epm-assumptions.md must repeat under its id.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { handler } from "../../provider";
import { sha256 } from "../../provider/engine/content-source";
import { UNKNOWN } from "../../provider/engine/fields";
import * as assumptions from "../../provider/epm/assumptions";
import { parseEpmError } from "../../provider/epm/profile";
import { MAX_POLICY_BYTES, policyBytesProblem, policyXmlProblem } from "../../provider/epm/xml";

const POLICY = `<?xml version="1.0" encoding="utf-8"?>\n<Configuration ID="x" FileVersion="1"><!-- c --><Policies><P a='1'>t &amp; &#169;</P></Policies><![CDATA[<x>]]></Configuration>\n`;

describe("unit: EPM policy XML check (provider/epm/xml.ts)", () => {
    it("accepts a well-formed <Configuration> document, with or without a BOM", () => {
        assert.strictEqual(policyXmlProblem(POLICY), undefined);
        assert.strictEqual(policyXmlProblem(`\uFEFF${POLICY}`), undefined);
        assert.strictEqual(policyBytesProblem(Buffer.from(POLICY, "utf8")), undefined);
    });

    const malformed: Array<[string, string, RegExp]> = [
        ["an unclosed element", "<Configuration>\n  <Policies>\n</Configuration>", /^is not well-formed XML: 3:\d+: unexpected close tag/],
        ["an unquoted attribute", "<Configuration a=1/>", /^is not well-formed XML: 1:\d+: unquoted attribute value/],
        ["an undefined entity", "<Configuration>&nbsp;</Configuration>", /^is not well-formed XML: 1:\d+: undefined entity/],
        ["two roots", "<Configuration/><Configuration/>", /^is not well-formed XML: 1:\d+: documents may contain only one root/],
        ["nothing", "", /^is not well-formed XML: 1:0: document must contain a root element/],
        ["text before the root", "policy <Configuration/>", /^is not well-formed XML: 1:\d+: text data outside of root node/],
    ];
    for (const [title, text, reason] of malformed) {
        it(`refuses ${title}, with the parser's line:column`, () => assert.match(policyXmlProblem(text) ?? "", reason));
    }

    it("refuses well-formed XML whose root is not <Configuration>: not an EPM policy", () => {
        assert.strictEqual(policyXmlProblem("<Policy/>"), "is not an EPM policy: its root element is <Policy>, not <Configuration>");
        assert.match(policyXmlProblem("<configuration/>") ?? "", /not an EPM policy/, "element names are case-sensitive");
    });

    it(`refuses more than ${MAX_POLICY_BYTES} bytes before parsing, and bytes that are not UTF-8`, () => {
        const big = Buffer.alloc(MAX_POLICY_BYTES + 1, 0x20);
        assert.strictEqual(policyBytesProblem(big), `is ${MAX_POLICY_BYTES + 1} bytes: a policy holds at most ${MAX_POLICY_BYTES}`);
        const latin1 = Buffer.from('<Configuration Name="Caf\xe9"/>', "latin1");
        assert.match(policyBytesProblem(latin1) ?? "", /not UTF-8/);
    });
});

describe("unit: EPM error bodies (parseEpmError)", () => {
    it("ProblemDetails: title and detail, field errors by field", () => {
        const d = parseEpmError(400, {
            type: "https://tools.ietf.org/html/rfc9110#section-15.5.1",
            title: "Bad Request",
            status: 400,
            detail: "Group g holds 2 computer(s) and cannot be deleted.",
            errors: { Name: ["The Name field is required."], "Pagination.PageSize": "must be 1..200" },
        });
        assert.strictEqual(d.message, "Bad Request: Group g holds 2 computer(s) and cannot be deleted.");
        assert.deepStrictEqual(d.fields, { Name: ["The Name field is required."], "Pagination.PageSize": ["must be 1..200"] });
    });

    it("OAuth's {error, error_description} when there is no title", () => {
        assert.deepStrictEqual(parseEpmError(400, { error: "invalid_client", error_description: "Unknown client." }), {
            message: "invalid_client: Unknown client.",
            fields: {},
        });
    });

    it("text bodies are cut at 300 characters; an empty or odd body gives no message", () => {
        assert.strictEqual(parseEpmError(502, "x".repeat(400)).message?.length, 300);
        assert.deepStrictEqual(parseEpmError(500, undefined), { message: undefined, fields: {} });
        assert.deepStrictEqual(parseEpmError(500, [1, 2]), { message: undefined, fields: {} });
    });
});

describe("unit: the client's EPM assumptions (provider/epm/assumptions.ts) are in docs/epm-assumptions.md", () => {
    const doc = fs.readFileSync(path.join(__dirname, "../../docs/epm-assumptions.md"), "utf8");
    const sections = doc.split(/^## /m).slice(1);
    const entries = Object.entries(assumptions).filter(
        (e): e is [string, assumptions.ClientAssumption] => typeof e[1] === "object" && e[1] !== null && "assumption" in e[1],
    );

    it("the file has entries, each with a route and words", () => {
        assert.ok(entries.length >= 9, `${entries.length} entries`);
        for (const [name, a] of entries) {
            assert.match(a.path, /^\//, name);
            assert.ok(a.sends.length > 20, name);
        }
    });

    for (const [name, a] of entries) {
        it(`${name} (${a.assumption}): its section says what the provider sends`, () => {
            const s = sections.find((x) => x.startsWith(`${a.assumption}: `));
            assert.ok(s, `docs/epm-assumptions.md has no section ${a.assumption}`);
            assert.ok(s.includes(`- **Provider sends:** ${a.sends}`), `${a.assumption} lacks: ${a.sends}`);
        });
    }
});

describe("unit: EPM kinds' check and diff (no server)", () => {
    const policy = handler("epm:Policy");
    const group = handler("epm:ComputerGroup");
    const declared = { name: "P", description: "d", content: POLICY, changeDescription: "one" };

    it("check derives contentSha256 from the content and applies the defaults", async () => {
        const r = await policy.check({}, { name: "P", content: POLICY });
        assert.strictEqual(r.failures, undefined);
        assert.deepStrictEqual([r.inputs!.contentSha256, r.inputs!.description], [sha256(POLICY), ""]);
        const g = await group.check({}, { name: "G" });
        assert.deepStrictEqual(g.inputs, { name: "G", description: "" }, "default left out stays out: not managed");
    });

    it("content unknown at preview passes check, and diff reports a change", async () => {
        const r = await policy.check({}, { ...declared, content: UNKNOWN });
        assert.strictEqual(r.failures, undefined);
        const olds = { ...(await policy.check({}, declared)).inputs, latestRevision: 1 };
        const d = await policy.diff("id", olds, r.inputs!);
        assert.strictEqual(d.changes, true);
    });

    it("diff: a new changeDescription alone is no change; new content is, through contentSha256, in place", async () => {
        const olds = { ...(await policy.check({}, declared)).inputs, latestRevision: 1, latestRevisionId: "r1" };
        const comment = await policy.diff("id", olds, (await policy.check({}, { ...declared, changeDescription: "two" })).inputs!);
        assert.strictEqual(comment.changes, false);
        const content = await policy.diff("id", olds, (await policy.check({}, { ...declared, content: POLICY.replace("t &amp;", "u &amp;") })).inputs!);
        assert.deepStrictEqual([content.changes, content.replaces], [true, []]);
    });

    it("diff: a group's default left out is not compared; declared, it is", async () => {
        const olds = { name: "G", description: "", default: true };
        assert.strictEqual((await group.diff("id", olds, { name: "G", description: "" })).changes, false);
        assert.strictEqual((await group.diff("id", olds, { name: "G", description: "", default: false })).changes, true);
    });
});
