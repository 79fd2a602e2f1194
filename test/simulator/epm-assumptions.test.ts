import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import { EPM_ASSUMPTIONS } from "../../simulator/epm/assumptions";

// The simulator's one list of unverified EPM choices and the document a reader checks a tenant
// against must say the same thing.
describe("EPM assumptions: simulator/epm/assumptions.ts and docs/epm-assumptions.md agree", function () {
    const doc = fs.readFileSync(path.join(__dirname, "../../docs/epm-assumptions.md"), "utf8");

    it("ids are unique and every entry is complete", () => {
        assert.equal(new Set(EPM_ASSUMPTIONS.map((a) => a.id)).size, EPM_ASSUMPTIONS.length);
        for (const a of EPM_ASSUMPTIONS) {
            for (const k of ["endpoint", "references", "chosen", "confirm"] as const) assert.ok(a[k].length > 10, `${a.id}.${k}`);
        }
    });

    it("the document lists each one with its endpoint, choice, confidence and what to confirm", () => {
        const sections = doc.split(/^## /m).slice(1);
        assert.equal(sections.length, EPM_ASSUMPTIONS.length);
        for (const a of EPM_ASSUMPTIONS) {
            const s = sections.find((x) => x.startsWith(`${a.id}: `));
            assert.ok(s, `no section for ${a.id}`);
            assert.ok(s.includes(a.endpoint), `${a.id} endpoint`);
            assert.ok(s.includes(a.chosen), `${a.id} choice`);
            assert.ok(s.includes(`**Confidence:** ${a.confidence}`), `${a.id} confidence`);
            assert.ok(s.includes(a.confirm), `${a.id} confirm`);
        }
    });
});
