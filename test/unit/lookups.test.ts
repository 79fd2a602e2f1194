// The lookup table (provider/pra/lookups.ts) against its sources: every kind the SDK names has a
// lookup; every list filter a lookup sends is one the official spec (when present) and the
// simulator's list accept (a wrong one would be a 401 "unknown query parameter"); every result
// property is a field the simulator's objects have; and importing the SDK loads no lookup code.
import * as assert from "assert";
import { execFileSync } from "child_process";
import * as fs from "fs";
import * as path from "path";
import * as yaml from "js-yaml";
import { praLookups, LIST_FILTERS } from "../../provider/pra/lookups";
import { pra } from "../../sdk";
import { KINDS } from "../../simulator/pra/kinds";
import { SPEC_FILES } from "../contract/spec";

/** The SDK's name for a kind's lookup: "pra:VaultAccountPolicy" -> getVaultAccountPolicy / getVaultAccountPolicies. */
function sdkNames(kind: string): { one: string; many: string } {
    const one = `get${kind.split(":")[1]}`;
    return { one, many: one.endsWith("y") ? `${one.slice(0, -1)}ies` : `${one}s` };
}

/** SDK functions that are not a kind's one/many pair. */
const NOT_A_KIND_LOOKUP = new Set(["getVaultCredential"]);

describe("unit: lookups", () => {
    it("every kind in the table has its SDK lookup pair, and every SDK lookup a kind in the table", () => {
        const kinds = praLookups();
        const expected = new Set<string>();
        for (const kind of kinds.keys()) {
            const { one, many } = sdkNames(kind);
            assert.strictEqual(typeof (pra as any)[one], "function", `${kind}: pra.${one}`);
            assert.strictEqual(typeof (pra as any)[many], "function", `${kind}: pra.${many}`);
            expected.add(one).add(many);
        }
        const exported = Object.keys(pra).filter((k) => /^get[A-Z]/.test(k) && !NOT_A_KIND_LOOKUP.has(k));
        assert.deepStrictEqual(
            exported.filter((k) => !expected.has(k)),
            [],
            "SDK lookups without a kind in the table",
        );
        assert.ok(kinds.size >= 18, `${kinds.size} lookup kinds`);
    });

    it("list filters are the spec's and the simulator's; properties are fields of the simulator's objects", () => {
        const specs = Object.fromEntries(
            (["pra", "rs"] as const).filter((p) => fs.existsSync(SPEC_FILES[p])).map((p) => [p, yaml.load(fs.readFileSync(SPEC_FILES[p], "utf8")) as any]),
        );
        for (const kind of praLookups().values()) {
            const sim = KINDS.find((k) => `/${k.path}` === kind.path);
            assert.ok(sim, `the simulator serves ${kind.path}`);
            for (const f of kind.listFilters) assert.ok(f in sim!.filters, `${kind.path}: the simulator's list takes ${f}`);
            const simFields = new Set([
                ...Object.keys(sim!.fields),
                ...Object.values(sim!.variants?.tables ?? {}).flatMap((t) => Object.keys(t)),
                ...(sim!.derive ? ["connected", "public_key"] : []),
            ]);
            for (const api of Object.values(kind.properties)) assert.ok(simFields.has(api), `${kind.kind}: the simulator's objects have ${api}`);
            for (const [product, doc] of Object.entries(specs)) {
                const op = doc.paths[kind.path]?.get;
                if (!op) continue; // e.g. Web Jump in the RS spec
                const params = (op.parameters ?? []).map((p: any) => (p.$ref ? doc.components.parameters[p.$ref.split("/").pop()].name : p.name));
                for (const f of kind.listFilters) assert.ok(params.includes(f), `${product} spec: GET ${kind.path} takes ${f}`);
            }
        }
        assert.ok(Object.keys(LIST_FILTERS).length >= 12);
    });

    it("importing the SDK loads no lookup code: the engine is required by the first lookup", () => {
        const root = path.resolve(__dirname, "../..");
        const loaded = execFileSync(process.execPath, [
            "-e",
            `require(${JSON.stringify(path.join(root, "dist/sdk/index.js"))}); console.log(JSON.stringify(Object.keys(require.cache)))`,
        ]).toString();
        const files = JSON.parse(loaded) as string[];
        assert.ok(
            files.some((f) => f.endsWith(path.join("dist", "sdk", "pra", "lookups.js"))),
            "the SDK's lookups module is loaded",
        );
        for (const f of ["dist/provider/lookups.js", "dist/provider/engine/lookup.js", "dist/provider/pra/lookups.js"]) {
            assert.ok(!files.includes(path.join(root, f)), `${f} is not loaded`);
        }
    });
});
