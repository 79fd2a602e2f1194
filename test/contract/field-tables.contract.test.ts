// The simulator's field tables are its reading of the official specs: every table it serves (each
// object kind, each vault account type, each kind's list filters, each group-policy grant, on each
// product) is compared here, field by field, with the schema the spec gives that object (the create
// body where the API creates it, else what a read returns; a list's query parameters for filters):
// the field's name (both ways: a table field the schema lacks, a schema property the table lacks,
// a field the table keeps from a product whose schema has it), type, enum values, read-only and
// write-only marks, whether create requires it, nullable, minimum and maximum, pattern, list sizes,
// its default where both give one, and its length limits where the spec gives them (a maximum
// length the spec does not give is a difference too), nested list items and object properties
// alike. Reading the tables as data finds what no single request
// exercises. A difference fails naming the product, the table, the field and what differs, unless
// FIELD_TABLE_DIFFERENCES (test/contract/spec.ts, beside SPEC_DEFECTS) justifies it with its source;
// an entry that no longer matches any difference fails too, so the list stays true. Needs no
// simulator process; skips, saying so, when shared/reference is absent.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as yaml from "js-yaml";
import { Field, FieldTable, Product } from "../../simulator/pra/fields";
import { GRANT_KINDS } from "../../simulator/pra/grant-kinds";
import { kindsFor } from "../../simulator/pra/kinds";
import { FIELD_TABLE_DIFFERENCES, SPEC_FILES } from "./spec";

const PRODUCTS: Product[] = ["pra", "rs"];

/** One table the simulator serves on a product, and the spec's schema for the object it holds. */
interface ServedTable {
    product: Product;
    /** e.g. "jump-item/shell-jump", "vault/account (ssh)", "jumpoint (list filters)", "group-policy/{id}/jump-group". */
    name: string;
    /** The kind's path for all its tables (a known difference named by it holds for every vault account type). */
    base: string;
    fields: FieldTable;
    schema: any;
    /** The public API creates it (read-only kinds are seeded): only then is "required on create" compared. */
    creatable: boolean;
}

type Doc = any;

function resolve(doc: Doc, node: any): any {
    let n = node;
    for (let i = 0; n && typeof n.$ref === "string" && i < 10; i++) {
        n = n.$ref
            .replace(/^#\//, "")
            .split("/")
            .reduce((o: any, p: string) => o?.[p.replace(/~1/g, "/").replace(/~0/g, "~")], doc);
    }
    return n;
}

/** The JSON body schema of a request or response, $refs followed. */
function bodySchema(doc: Doc, holder: any): any {
    return resolve(doc, resolve(doc, holder)?.content?.["application/json"]?.schema);
}

/** The object a kind's table describes: its create body where it can be created, otherwise what a read returns. */
function objectSchema(doc: Doc, path: string): any {
    const paths = doc.paths ?? {};
    const create = paths[`/${path}`]?.post?.requestBody;
    if (create) {
        const sent = bodySchema(doc, create);
        // An inline create body (the Jump Client installer's) names only what is sent; the object's
        // own schema is the create answer's. Compare with both: what is sent keeps the create body's
        // constraints, what is only sent is write-only, and what is only answered is read-only when
        // nothing can change the object afterwards (no PATCH).
        const inline = create.content?.["application/json"]?.schema?.$ref === undefined;
        const answer = bodySchema(doc, paths[`/${path}`]?.post?.responses?.["201"]);
        if (!inline || !answer?.properties || !sent?.properties) return sent;
        const patchable = paths[`/${path}/{id}`]?.patch !== undefined;
        const props: Record<string, any> = {};
        for (const [k, v] of Object.entries<any>(answer.properties))
            props[k] = k in sent.properties ? { ...v, ...sent.properties[k] } : patchable ? v : { ...v, readOnly: true };
        for (const [k, v] of Object.entries<any>(sent.properties)) if (!(k in answer.properties)) props[k] = { ...v, writeOnly: true };
        return {
            ...answer,
            properties: props,
            required: sent.required ?? [],
        };
    }
    const read = paths[`/${path}/{id}`]?.get?.responses?.["200"];
    if (read) return bodySchema(doc, read);
    const list = bodySchema(doc, paths[`/${path}`]?.get?.responses?.["200"]);
    return list?.type === "array" ? resolve(doc, list.items) : list;
}

/** A list's query parameters (paging aside) as an object schema: the filters a kind's list takes. */
function filterSchema(doc: Doc, path: string): any {
    const params = (doc.paths?.[`/${path}`]?.get?.parameters ?? []).map((p: any) => resolve(doc, p)).filter((p: any) => p.in === "query");
    const paging = new Set(["per_page", "current_page"]);
    return { type: "object", properties: Object.fromEntries(params.filter((p: any) => !paging.has(p.name)).map((p: any) => [p.name, p.schema ?? {}])) };
}

/** The operations the spec gives a collection path and its item path, and whether its list is paginated. */
function operationsOf(doc: Doc, path: string): { operations: string[]; paginated: boolean } {
    const list = doc.paths?.[`/${path}`] ?? {};
    const item = doc.paths?.[`/${path}/{id}`] ?? {};
    const operations = [
        ...(list.get ? ["list"] : []),
        ...(list.post ? ["create"] : []),
        ...(item.get ? ["read"] : []),
        ...(item.patch ? ["update"] : []),
        ...(item.delete ? ["delete"] : []),
    ];
    const params = (list.get?.parameters ?? []).map((p: any) => resolve(doc, p)?.name);
    return { operations, paginated: params.includes("per_page") || params.includes("current_page") };
}

/** For a kind whose tables vary by a field (vault accounts by `type`): the oneOf member whose enum holds the variant. */
function variantSchema(doc: Doc, schema: any, by: string, variant: string): any {
    const members = (schema?.oneOf ?? [schema]).map((m: any) => resolve(doc, m));
    return members.find((m: any) => (resolve(doc, m?.properties?.[by])?.enum ?? []).includes(variant));
}

function servedTables(product: Product, doc: Doc): ServedTable[] {
    const tables: ServedTable[] = [];
    for (const kind of kindsFor(product)) {
        const schema = objectSchema(doc, kind.path);
        const creatable = kind.operations.includes("create");
        if (kind.variants) {
            for (const [variant, fields] of Object.entries(kind.variants.tables)) {
                const variantOf = variantSchema(doc, schema, kind.variants.by, variant);
                tables.push({ product, name: `${kind.path} (${variant})`, base: kind.path, fields, schema: variantOf, creatable });
            }
        } else {
            tables.push({ product, name: kind.path, base: kind.path, fields: kind.fields, schema, creatable });
        }
    }
    for (const kind of kindsFor(product)) {
        if (!kind.operations.includes("list")) continue;
        const fields = Object.fromEntries(Object.entries(kind.filters).map(([name, f]) => [name, f.field]));
        tables.push({
            product,
            name: `${kind.path} (list filters)`,
            base: `${kind.path} (list filters)`,
            fields,
            schema: filterSchema(doc, kind.path),
            creatable: false,
        });
    }
    for (const grant of GRANT_KINDS) {
        const path = `group-policy/{id}/${grant.path}`;
        if (doc.paths?.[`/${path}`]) tables.push({ product, name: path, base: path, fields: grant.fields, schema: objectSchema(doc, path), creatable: true });
    }
    return tables;
}

const show = (v: unknown) => (v === undefined ? "none" : JSON.stringify(v));
const sameSet = (a: readonly unknown[] = [], b: readonly unknown[] = []) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");

/** An object schema's properties and required names, its oneOf/anyOf/allOf members' included (a property may be in any member). */
function objectShape(doc: Doc, schema: any): { props: Record<string, any>; required: string[] } {
    const s = resolve(doc, schema);
    const props: Record<string, any> = { ...(s?.properties ?? {}) };
    const required: string[] = [...(s?.required ?? [])];
    for (const k of ["allOf", "oneOf", "anyOf"]) {
        for (const member of s?.[k] ?? []) {
            const inner = objectShape(doc, member);
            for (const [n, p] of Object.entries(inner.props)) if (!(n in props)) props[n] = p;
            // Only allOf's requirements hold for every value; a oneOf member's hold for that member only.
            if (k === "allOf") required.push(...inner.required);
        }
    }
    return { props, required };
}

/** The differences between one field and its schema property, as "field: what (table X, spec Y)"; `required` undefined: not compared. */
function fieldDifferences(doc: Doc, product: Product, name: string, field: Field, prop: any, required: boolean | undefined): string[] {
    const out: string[] = [];
    const p = resolve(doc, prop);
    const say = (what: string, table: unknown, spec: unknown) => out.push(`${name}: ${what} (table ${show(table)}, spec ${show(spec)})`);
    if (p.type !== undefined && p.type !== field.type) say("type", field.type, p.type);
    const tableEnum = field.enumByProduct?.[product] ?? field.enum;
    if ((tableEnum || p.enum) && !sameSet(tableEnum, p.enum)) say("enum", tableEnum, p.enum);
    if ((field.readOnly === true) !== (p.readOnly === true)) say("read-only", field.readOnly === true, p.readOnly === true);
    if ((field.writeOnly === true) !== (p.writeOnly === true)) say("write-only", field.writeOnly === true, p.writeOnly === true);
    if (required !== undefined && (field.required === true) !== required) say("required on create", field.required === true, required);
    if (p.maxLength !== undefined && field.maxLength !== p.maxLength) say("max length", field.maxLength, p.maxLength);
    if (p.minLength !== undefined && (field.minLength ?? 0) !== p.minLength) say("min length", field.minLength, p.minLength);
    // JSON Schema bounds numbers only (a string's minimum/maximum bounds nothing: see its length instead).
    if (field.type === "integer" && p.minimum !== undefined && field.minimum !== p.minimum) say("minimum", field.minimum, p.minimum);
    if (field.type === "integer" && p.maximum !== undefined && field.maximum !== p.maximum) say("maximum", field.maximum, p.maximum);
    if ((p.pattern !== undefined || field.pattern !== undefined) && field.pattern !== p.pattern) say("pattern", field.pattern, p.pattern);
    if (p.minItems !== undefined && (field.minItems ?? 0) !== p.minItems) say("min items", field.minItems, p.minItems);
    if ((p.maxItems !== undefined || field.maxItems !== undefined) && field.maxItems !== p.maxItems) say("max items", field.maxItems, p.maxItems);
    // Defaults where both give a value (the spec is silent on most; kind code such as a derive step fills computed ones).
    const literal = field.default !== undefined && typeof field.default !== "function";
    if (literal && p.default !== undefined && JSON.stringify(field.default) !== JSON.stringify(p.default)) say("default", field.default, p.default);
    if ((field.nullable === true) !== (p.nullable === true)) say("nullable", field.nullable === true, p.nullable === true);
    if (p.maxLength === undefined && field.maxLength !== undefined) say("max length", field.maxLength, p.maxLength);
    if (field.type === "array" && field.items && p.items) out.push(...fieldDifferences(doc, product, `${name}[]`, field.items, p.items, undefined));
    if (field.properties) out.push(...tableDifferences(doc, product, field.properties, p, required !== undefined, `${name}.`));
    return out;
}

/** Every field the table declares against the schema's properties; a field the schema lacks is a difference too. */
function tableDifferences(doc: Doc, product: Product, fields: FieldTable, schema: any, creatable: boolean, prefix = ""): string[] {
    const { props, required } = objectShape(doc, schema);
    const out: string[] = [];
    for (const [name, field] of Object.entries(fields)) {
        if (field.products && !field.products.includes(product)) {
            if (Object.prototype.hasOwnProperty.call(props, name))
                out.push(`${prefix}${name}: only for ${field.products.join(", ")} in the table, but in this product's schema`);
            continue;
        }
        if (!Object.prototype.hasOwnProperty.call(props, name)) {
            out.push(`${prefix}${name}: not in the spec's schema`);
            continue;
        }
        out.push(...fieldDifferences(doc, product, `${prefix}${name}`, field, props[name], creatable ? required.includes(name) : undefined));
    }
    for (const name of Object.keys(props))
        if (!Object.prototype.hasOwnProperty.call(fields, name))
            out.push(`${prefix}${name}: not in the table${resolve(doc, props[name])?.readOnly ? " (read-only)" : ""}`);
    return out;
}

describe("contract: the simulator's field tables match the official specs' schemas", () => {
    const used = new Set<string>();
    const docs: Partial<Record<Product, Doc>> = {};
    for (const product of PRODUCTS) if (fs.existsSync(SPEC_FILES[product])) docs[product] = yaml.load(fs.readFileSync(SPEC_FILES[product], "utf8"));

    before(function () {
        const missing = PRODUCTS.filter((p) => !docs[p]);
        if (missing.length > 0) {
            console.log(`    skipped: ${missing.map((p) => SPEC_FILES[p]).join(", ")} absent (the official specs live in shared/reference, outside the repo)`);
            this.skip();
        }
    });

    for (const product of PRODUCTS) {
        const doc = docs[product];
        if (!doc) continue;
        describe(product, () => {
            it("every kind's operations and paging are the spec's for its paths", () => {
                const wrong: string[] = [];
                for (const kind of kindsFor(product)) {
                    const ops = operationsOf(doc, kind.path);
                    if (!sameSet(kind.operations, ops.operations))
                        wrong.push(`${kind.path}: operations (table ${show(kind.operations)}, spec ${show(ops.operations)})`);
                    if (kind.operations.includes("list") && kind.paginated !== ops.paginated)
                        wrong.push(`${kind.path}: paginated (table ${kind.paginated}, spec ${ops.paginated})`);
                }
                assert.deepEqual(wrong, [], `${product}: kinds whose operations differ from the spec`);
            });

            for (const table of servedTables(product, doc)) {
                it(`${table.name}: every field as the spec's schema declares it`, () => {
                    assert.ok(table.schema?.properties, `${product} ${table.name}: the spec gives no object schema for it`);
                    const unexplained: string[] = [];
                    for (const d of tableDifferences(doc, product, table.fields, table.schema, table.creatable)) {
                        const what = d.replace(/ \(table .*$/, "");
                        const key = [`${table.name} ${what}`, `${table.base} ${what}`].find((k) =>
                            Object.prototype.hasOwnProperty.call(FIELD_TABLE_DIFFERENCES, k),
                        );
                        const known = key === undefined ? undefined : FIELD_TABLE_DIFFERENCES[key];
                        if (known && (!known.products || known.products.includes(product))) used.add(key!);
                        else unexplained.push(d);
                    }
                    assert.deepEqual(unexplained, [], `${product} ${table.name} differs from its spec schema`);
                });
            }
        });
    }

    it("names what differs when a table departs from its schema (a Shell Jump table changed six ways)", function () {
        const doc = docs.pra;
        if (!doc) this.skip();
        const base = kindsFor("pra").find((k) => k.path === "jump-item/shell-jump")!.fields;
        const { comments: _dropped, ...rest } = base;
        const changed: FieldTable = {
            ...rest,
            name: { ...base.name, required: false },
            hostname: { ...base.hostname, maxLength: 129 },
            protocol: { ...base.protocol, enum: ["ssh"] },
            port: { ...base.port, type: "string" },
            tag: { ...base.tag, readOnly: true },
            nickname: { type: "string" },
        };
        assert.deepEqual(tableDifferences(doc, "pra", changed, objectSchema(doc, "jump-item/shell-jump"), true).sort(), [
            "comments: not in the table",
            "hostname: max length (table 129, spec 128)",
            "name: required on create (table false, spec true)",
            "nickname: not in the spec's schema",
            'port: type (table "string", spec "integer")',
            'protocol: enum (table ["ssh"], spec ["ssh","telnet"])',
            "tag: read-only (table true, spec false)",
        ]);
    });

    // After the tables (mocha runs a suite's own tests before its nested suites).
    describe("the known differences", () => {
        it("every one still occurs (FIELD_TABLE_DIFFERENCES has no stale entry)", () => {
            assert.deepEqual(
                Object.keys(FIELD_TABLE_DIFFERENCES).filter((k) => !used.has(k)),
                [],
            );
        });
    });
});
