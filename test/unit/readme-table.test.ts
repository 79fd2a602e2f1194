// The README's resources table states, per kind, which optional properties are not managed when a
// program leaves them out (those without a default); it must say exactly what the specs do.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import { SPECS } from "../../provider";
import { RECORD_SPECS } from "../../provider/registry";

function readmeRows(): Map<string, string[]> {
    const text = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    const lines = text.split("\n");
    const header = lines.findIndex((l) => l.startsWith("| class |"));
    assert.ok(header >= 0, "README has the resources table");
    const columns = lines[header].split("|").map((c) => c.trim());
    const col = columns.indexOf("not managed when left out");
    assert.ok(col > 0, "the table has a 'not managed when left out' column");
    const rows = new Map<string, string[]>();
    for (const line of lines.slice(header + 2)) {
        if (!line.startsWith("|")) break;
        const cells = line.split("|").map((c) => c.trim());
        const cls = cells[1].replace(/`/g, "");
        rows.set(cls, [...cells[col].matchAll(/`([A-Za-z]+)`/g)].map((m) => m[1]).sort());
    }
    return rows;
}

describe("README: which left-out properties are not managed, per kind", () => {
    const rows = readmeRows();
    for (const spec of SPECS) {
        const cls = spec.kind.replace(/^pra:/, "");
        it(`${cls}: exactly the optional properties without a default`, () => {
            const expected = Object.entries(spec.fields)
                .filter(([, f]) => !f.required && f.default === undefined)
                .map(([name]) => name)
                .sort();
            assert.deepStrictEqual(rows.get(cls), expected);
        });
    }
});

describe("README: every Password Safe and EPM class has its row", () => {
    const text = fs.readFileSync(path.join(__dirname, "..", "..", "README.md"), "utf8");
    for (const spec of RECORD_SPECS) {
        const [product, cls] = spec.kind.split(":");
        it(`${product}.${cls}`, () => assert.match(text, new RegExp(`^\\| \`${product}\\.${cls}\` \\|`, "m")));
    }
});
