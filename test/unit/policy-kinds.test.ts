// The policy pack matches resources by type token from policy/kinds.generated.ts; this keeps that
// file equal to what the provider registers, so a kind added to (or renamed in) provider/registry.ts
// reaches the pack's rules, and shows which rule families each kind falls into.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import { allKinds, SPECS } from "../../provider/registry";
import { KINDS } from "../../policy/kinds.generated";
import { JUMP_ITEM_TYPES, rules } from "../../policy/rules";
import { KINDS_FILE, renderKinds } from "../../scripts/gen-policy-kinds";
import { typeToken } from "../../sdk/resource";

describe("policy pack kind list", () => {
    it("is exactly what scripts/gen-policy-kinds.ts writes from the registry (run it after adding a kind)", () => {
        assert.equal(fs.readFileSync(KINDS_FILE, "utf8"), renderKinds(allKinds()));
    });

    it("holds every registered kind with the SDK's type token", () => {
        assert.deepEqual(
            Object.keys(KINDS),
            allKinds().map((s) => s.kind),
        );
        assert.ok(
            Object.keys(KINDS).some((k) => k.startsWith("passwordsafe:")),
            "Password Safe kinds are listed",
        );
        for (const s of allKinds()) assert.equal(KINDS[s.kind as keyof typeof KINDS].token, typeToken(s.kind));
    });

    it("gives the Jump Item rules every kind stored under /jump-item/ and nothing else", () => {
        const expected = SPECS.filter((s) => s.api.collection?.path.startsWith("/jump-item/")).map((s) => typeToken(s.kind));
        assert.ok(expected.length >= 8, `only ${expected.length} jump-item kinds found`);
        assert.deepEqual([...JUMP_ITEM_TYPES].sort(), expected.sort());
        const tagRule = rules.find((r) => r.name === "beyondtrust-jump-item-tag")!;
        assert.deepEqual([...tagRule.appliesTo].sort(), expected.sort());
    });

    it("names only registered kinds in every rule", () => {
        const known = new Set(allKinds().map((s) => typeToken(s.kind)));
        for (const rule of rules) for (const t of rule.appliesTo) assert.ok(known.has(t), `${rule.name} applies to unknown type ${t}`);
    });

    it("a stale file is told apart: a kind missing from the list changes the rendering", () => {
        assert.notEqual(renderKinds(allKinds().slice(1)), renderKinds(allKinds()));
    });
});
