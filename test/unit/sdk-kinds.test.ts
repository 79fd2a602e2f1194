// The SDK reads each kind's title, properties (and which are secret) and outputs, and each product's
// stack config keys, from sdk/kinds.generated.ts rather than from the provider's registry (so a
// program loads no provider code: test/serialization/sdk-data.test.ts). This keeps that file equal to
// the registry, so a kind added or changed there reaches the SDK by rerunning the generator.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as pulumi from "@pulumi/pulumi";
import { allKinds, CONFIG_KEY_TABLES } from "../../provider/registry";
import { CONFIG_KEYS, SDK_KINDS } from "../../sdk/kinds.generated";
import { lookupConnection, stackConfigOf } from "../../sdk/stack-config";
import { renderSdkKinds, SDK_KINDS_FILE } from "../../scripts/gen-policy-kinds";

describe("unit: the SDK's kind data", () => {
    it("is exactly what scripts/gen-policy-kinds.ts writes from the registry (run it after adding or changing a kind)", () => {
        assert.equal(fs.readFileSync(SDK_KINDS_FILE, "utf8"), renderSdkKinds(allKinds(), CONFIG_KEY_TABLES));
    });

    it("holds every registered kind, in registry order, with its title, properties, secret flags and outputs", () => {
        assert.deepEqual(
            Object.keys(SDK_KINDS),
            allKinds().map((k) => k.kind),
        );
        for (const k of allKinds()) {
            const data = SDK_KINDS[k.kind];
            assert.equal(data.title, k.title, k.kind);
            assert.deepEqual(Object.keys(data.fields), Object.keys(k.fields), `${k.kind} properties`);
            for (const [prop, f] of Object.entries(k.fields)) assert.equal(data.fields[prop].secret === true, f.secret === true, `${k.kind}.${prop} secret`);
            assert.deepEqual(data.outputs, Object.keys(k.outputs), `${k.kind} outputs`);
        }
    });

    it("holds each product's stack config keys, and a table for every product that has kinds", () => {
        assert.deepEqual(CONFIG_KEYS, CONFIG_KEY_TABLES);
        for (const k of allKinds()) {
            const product = k.kind.split(":")[0];
            assert.ok(Object.prototype.hasOwnProperty.call(CONFIG_KEYS, product), `${k.kind}: no stack config keys for "${product}"`);
        }
    });

    it("a stale file is told apart: a missing kind, a secret flag or an output changes the rendering", () => {
        const kinds = allKinds();
        const want = renderSdkKinds(kinds);
        assert.notEqual(renderSdkKinds(kinds.slice(1)), want);
        const withSecret = kinds.find((k) => Object.values(k.fields).some((f) => f.secret))!;
        const unflagged = {
            ...withSecret,
            fields: Object.fromEntries(Object.entries(withSecret.fields).map(([p, f]) => [p, { ...f, secret: false }])),
        };
        assert.notEqual(renderSdkKinds(kinds.map((k) => (k === withSecret ? unflagged : k))), want);
        assert.notEqual(renderSdkKinds(kinds.map((k) => (k === kinds[0] ? { ...k, outputs: { ...k.outputs, extra: "extra" } } : k))), want);
        assert.notEqual(renderSdkKinds(kinds, { ...CONFIG_KEY_TABLES, pra: { ...CONFIG_KEY_TABLES.pra, host: "apiHost" } }), want);
    });

    it("the lookups read each product's settings from the stack config keys the plugin reads", () => {
        const saved = pulumi.runtime.allConfig();
        try {
            // Every key of every product set, each to a value naming it; a stray key is not read.
            const keys = new Set(Object.values(CONFIG_KEY_TABLES).flatMap((t) => Object.values(t)));
            pulumi.runtime.setAllConfig(
                { ...Object.fromEntries([...keys].map((k) => [`beyondtrust:${k}`, `value of ${k}`])), "beyondtrust:hostName": "stray" },
                [],
            );
            for (const [product, table] of Object.entries(CONFIG_KEY_TABLES)) {
                const want = Object.fromEntries(Object.entries(table).map(([setting, key]) => [setting, `value of ${key}`]));
                assert.deepEqual(stackConfigOf(product as keyof typeof CONFIG_KEYS), want, product);
            }
            pulumi.runtime.setAllConfig({ "beyondtrust:passwordSafeUrl": "ps.example.com", "beyondtrust:host": "" }, []);
            assert.deepEqual(stackConfigOf("passwordsafe"), { url: "ps.example.com" });
            assert.deepEqual(stackConfigOf("pra"), {}, "an empty value is unset");
            pulumi.runtime.setAllConfig(
                { "beyondtrust:epmUrl": "config.example.com", "beyondtrust:insecure": "true", "beyondtrust:epmClientId": "config-id" },
                [],
            );
            assert.deepEqual(lookupConnection("epm", { url: "given.example.com", clientId: "", clientSecret: null }), {
                url: "given.example.com",
                clientId: "config-id",
                insecure: true,
            });
        } finally {
            pulumi.runtime.setAllConfig(saved, []);
        }
    });
});
