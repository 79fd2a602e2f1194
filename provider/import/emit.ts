// Writes the program for an imported estate: one resource per object, adopting it by id, with the
// values the provider's read would record as inputs (so the first `up` changes nothing), references
// between objects as variables, and write-only secrets read from stack config. Driven by the specs:
// which fields exist on the product, their defaults (left out), which are secrets, which are refs.
import type { ConfigApiProduct } from "../core/product";
import { checkField, defaultFor, FieldSpec, sameValue } from "../engine/fields";
import type { ApiObject, ResourceSpec } from "../engine/spec";
import { configKeyBase, compareIds, NameTable, slug, variableBase } from "./names";
import { ImportedObject, refTargets, Skipped } from "./read";

export interface SecretKey {
    key: string;
    kind: string;
    resource: string;
    property: string;
    id: string;
}

export interface GenerateOptions {
    product: ConfigApiProduct;
    /** Pulumi project name (Pulumi.yaml). */
    project: string;
    /** Where the objects came from, for the header (no secrets: the origin only). */
    origin: string;
    packageVersion: string;
    skipped?: Skipped[];
}

export interface Generated {
    files: Record<string, string>;
    secrets: SecretKey[];
    resources: number;
    /** Values the appliance holds that the provider's check refuses (the program will not preview until fixed). */
    warnings: string[];
}

const className = (spec: ResourceSpec) => spec.kind.split(":")[1];
const kindWord = (spec: ResourceSpec) => className(spec).replace(/[A-Z]/g, (c, i) => (i ? "-" : "") + c.toLowerCase());
const keyOf = (o: ImportedObject) => `${o.spec.kind}#${o.id}`;

function appliesTo(field: FieldSpec, product: ConfigApiProduct): boolean {
    return !field.products || field.products.includes(product);
}

interface Planned {
    obj: ImportedObject;
    resource: string;
    variable?: string;
    /** prop -> TypeScript expression */
    props: Array<[string, string]>;
    refs: string[];
}

export function generate(objects: ImportedObject[], opts: GenerateOptions): Generated {
    const byKindId = new Map<string, ImportedObject>();
    for (const o of objects) byKindId.set(keyOf(o), o);
    const target = (o: ImportedObject, field: FieldSpec): ImportedObject | undefined => {
        const v = o.live[field.api];
        if (v === null || v === undefined) return undefined;
        for (const kind of refTargets(field, o.live)) {
            const t = byKindId.get(`${kind}#${v}`);
            if (t) return t;
        }
        return undefined;
    };
    const refFields = (spec: ResourceSpec) => Object.values(spec.fields).filter((f) => f.refTo && appliesTo(f, opts.product));

    // Resource names: unique per kind (a URN is type and name), from the name, or for objects without
    // one (grants) from the names of what they join.
    const resourceNames = new Map<string, string>();
    const named = (o: ImportedObject) => "name" in o.spec.fields;
    const order = kindOrder(objects, refFields, target);
    for (const pass of [true, false]) {
        for (const spec of order) {
            if ("name" in spec.fields !== pass) continue;
            const items = objects
                .filter((o) => o.spec === spec)
                .map((o) => {
                    let want: string;
                    if (named(o)) want = slug(String(o.live.name ?? ""));
                    else {
                        want = refFields(spec)
                            .map((f) => {
                                const t = target(o, f);
                                return t ? resourceNames.get(keyOf(t))! : `${f.api.replace(/_id$/, "").replace(/_/g, "-")}-${o.live[f.api]}`;
                            })
                            .join("-");
                    }
                    return { key: keyOf(o), want: want || `${kindWord(spec)}-${o.id.replace(/\//g, "-")}`, id: o.id };
                });
            for (const [k, v] of new NameTable().assign(items, (w, id) => `${w}-${id}`)) resourceNames.set(k, v);
        }
    }

    // Variables only for objects something references.
    const referenced = new Set<string>();
    for (const o of objects)
        for (const f of refFields(o.spec)) {
            const t = target(o, f);
            if (t) referenced.add(keyOf(t));
        }
    const variables = new NameTable().assign(
        objects
            .filter((o) => referenced.has(keyOf(o)))
            .map((o) => ({
                key: keyOf(o),
                want: variableBase(className(o.spec), typeof o.live.name === "string" ? o.live.name : resourceNames.get(keyOf(o))!, o.id),
                id: o.id,
            })),
        (w, id) => `${w}_${id.replace(/\D+/g, "_")}`,
    );

    const secrets: SecretKey[] = [];
    const secretNames = new NameTable();
    const warnings: string[] = [];
    const planned: Planned[] = [];
    for (const spec of order) {
        const ofKind = objects.filter((o) => o.spec === spec).sort((a, b) => compareIds(a.id, b.id));
        for (const o of ofKind) {
            const resource = resourceNames.get(keyOf(o))!;
            const p: Planned = { obj: o, resource, variable: variables.get(keyOf(o)), props: [], refs: [] };
            const liveProps: Record<string, unknown> = {};
            for (const [prop, field] of Object.entries(spec.fields)) liveProps[prop] = o.live[field.api];
            let keepSecrets = false;
            for (const [prop, field] of Object.entries(spec.fields)) {
                if (!appliesTo(field, opts.product)) continue;
                if (field.secret) {
                    // Write-only: the appliance never shows it. A required one is read from config;
                    // an optional one (a key passphrase) is left unmanaged: nobody can tell whether it is set.
                    if (!field.required) continue;
                    const [key] = secretNames
                        .assign([{ key: "k", want: configKeyBase(resource, prop, kindWord(spec), o.id), id: o.id }], (w, id) => `${w}-${id}`)
                        .values();
                    secrets.push({ key, kind: spec.kind, resource, property: prop, id: o.id });
                    p.props.push([prop, `config.requireSecret(${JSON.stringify(key)})`]);
                    keepSecrets = true;
                    continue;
                }
                const v = o.live[field.api];
                if (v === undefined) continue;
                const def = defaultFor(field, liveProps);
                if (def !== undefined && sameValue(v, def)) continue;
                if (v === null) {
                    // null where the default is not: say so; otherwise null (or "") means "not set": unmanaged.
                    if (field.nullable && def !== undefined) p.props.push([prop, "null"]);
                    continue;
                }
                if (v === "" && def === undefined && !field.required) continue;
                const t = field.refTo ? target(o, field) : undefined;
                if (t) {
                    p.props.push([prop, `${variables.get(keyOf(t))}.id`]);
                    p.refs.push(keyOf(t));
                    continue;
                }
                const checked = checkField(prop, field, v);
                if (checked.failure) warnings.push(`${spec.title} ${o.id} (${resource}): ${prop} ${checked.failure.reason}`);
                p.props.push([prop, literal(v)]);
            }
            p.props.push(["adopt", JSON.stringify(o.id)]);
            if (keepSecrets) p.props.push(["keepSecretsOnAdopt", "true"]);
            planned.push(p);
        }
    }

    return {
        files: {
            "estate.ts": estateFile(planned, order, objects.length, opts),
            "index.ts": indexFile(),
            "Pulumi.yaml": `name: ${opts.project}\nruntime: nodejs\ndescription: BeyondTrust estate imported from ${opts.origin}\n`,
            "package.json": packageJson(opts),
            "tsconfig.json": TSCONFIG,
            "README.md": readme(objects.length, secrets, opts),
        },
        secrets,
        resources: planned.length,
        warnings,
    };
}

/** Kinds in an order where every reference points to a kind already declared (registry order otherwise). */
function kindOrder(
    objects: ImportedObject[],
    refFields: (s: ResourceSpec) => FieldSpec[],
    target: (o: ImportedObject, f: FieldSpec) => ImportedObject | undefined,
): ResourceSpec[] {
    const kinds: ResourceSpec[] = [];
    for (const o of objects) if (!kinds.includes(o.spec)) kinds.push(o.spec);
    const deps = new Map<ResourceSpec, Set<ResourceSpec>>(kinds.map((k) => [k, new Set()]));
    for (const o of objects)
        for (const f of refFields(o.spec)) {
            const t = target(o, f);
            if (t && t.spec !== o.spec) deps.get(o.spec)!.add(t.spec);
        }
    const out: ResourceSpec[] = [];
    const visiting = new Set<ResourceSpec>();
    const visit = (k: ResourceSpec) => {
        if (out.includes(k) || visiting.has(k)) return;
        visiting.add(k);
        for (const d of deps.get(k)!) visit(d);
        out.push(k);
    };
    kinds.forEach(visit);
    return out;
}

function literal(v: unknown): string {
    // JSON is valid TypeScript for strings, numbers, booleans and null (unicode kept as is).
    return JSON.stringify(v)!
        .replace(/\u2028/g, "\\u2028")
        .replace(/\u2029/g, "\\u2029");
}

const IDENT = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

function estateFile(planned: Planned[], order: ResourceSpec[], count: number, opts: GenerateOptions): string {
    const lines: string[] = [
        `// Generated by \`pulumi-beyondtrust import\` from ${opts.origin} (${opts.product.toUpperCase()}): ${count} objects.`,
        "// Every resource adopts its existing object by id (`adopt`), so the first `pulumi up` takes them",
        "// over without an API write. Values equal to the provider's defaults are left out; write-only",
        "// secrets come from stack config (see README.md for the keys to set).",
        'import * as pulumi from "@pulumi/pulumi";',
        'import { pra } from "pulumi-beyondtrust";',
        "",
        "export function estate(): void {",
    ];
    if (planned.some((p) => p.props.some(([, e]) => e.startsWith("config.")))) lines.push("    const config = new pulumi.Config();");
    for (const spec of order) {
        const ofKind = planned.filter((p) => p.obj.spec === spec);
        if (ofKind.length === 0) continue;
        lines.push("", `    // ${spec.title}: ${ofKind.length}`);
        for (const p of ofKind) {
            const head = p.variable ? `    const ${p.variable} = new` : "    new";
            lines.push(`${head} pra.${className(spec)}(${literal(p.resource)}, {`);
            for (const [prop, expr] of p.props) lines.push(`        ${IDENT.test(prop) ? prop : literal(prop)}: ${expr},`);
            lines.push("    });");
        }
    }
    lines.push("}", "");
    return lines.join("\n");
}

function indexFile(): string {
    return [
        "// The program Pulumi runs: the imported estate (estate.ts). Add your own resources here or there.",
        'import { estate } from "./estate";',
        "",
        "estate();",
        "",
    ].join("\n");
}

function packageJson(opts: GenerateOptions): string {
    return `${JSON.stringify(
        {
            name: opts.project,
            private: true,
            main: "index.ts",
            dependencies: { "@pulumi/pulumi": "^3.139.0", "pulumi-beyondtrust": `^${opts.packageVersion}` },
            devDependencies: { "@types/node": "^20.19.0", typescript: "^5.9.3" },
        },
        null,
        2,
    )}\n`;
}

const TSCONFIG = `${JSON.stringify(
    {
        compilerOptions: { strict: true, target: "ES2021", module: "commonjs", moduleResolution: "node10", outDir: "bin", skipLibCheck: true, sourceMap: true },
        files: ["index.ts", "estate.ts"],
    },
    null,
    2,
)}\n`;

function readme(count: number, secrets: SecretKey[], opts: GenerateOptions): string {
    const out = [
        `# ${opts.project}`,
        "",
        `Written by \`pulumi-beyondtrust import\` from ${opts.origin} (${opts.product.toUpperCase()}): ${count} objects, each`,
        "adopted by id, so the first `pulumi up` takes them over and changes nothing on the appliance.",
        "",
        "```sh",
        "npm install",
        "pulumi stack init <name>",
        `pulumi config set beyondtrust:host ${opts.origin}`,
        "pulumi config set beyondtrust:clientId <client id>",
        "pulumi config set --secret beyondtrust:clientSecret <client secret>",
        ...(opts.product === "rs" ? ["pulumi config set beyondtrust:product rs"] : []),
        "```",
        "",
    ];
    if (secrets.length) {
        out.push(
            `## Secrets to set (${secrets.length})`,
            "",
            "The appliance never returns passwords, keys or tokens, so each one is read from stack config.",
            "Set each key to the credential's **current** value: adoption keeps what the appliance holds",
            "(`keepSecretsOnAdopt`), and state records the value you set. Changing a key later sends the new",
            "value (a rotation). To set new values on the first `up` instead, remove `keepSecretsOnAdopt`.",
            "",
            "```sh",
            ...secrets.map(
                (s) => `pulumi config set --secret ${s.key} "$VALUE"   # ${s.kind.split(":")[1]} ${JSON.stringify(s.resource)} (id ${s.id}) ${s.property}`,
            ),
            "```",
            "",
        );
    }
    const skipped = opts.skipped ?? [];
    if (skipped.length) {
        out.push(`## Not imported (${skipped.length})`, "");
        for (const s of skipped) {
            out.push(
                `- ${s.spec.title} ${s.id} ${JSON.stringify(s.name)}: ${s.why === "personal" ? "in a user's personal list (`--include-personal` imports it)" : "built into the appliance, which cannot delete it"}`,
            );
        }
        out.push("");
    }
    out.push(
        "## Notes",
        "",
        "- Optional properties the appliance holds empty (and an SSH key's passphrase, which it never shows)",
        "  are left out, which leaves them unmanaged: whatever the appliance holds is kept.",
        "- References to objects outside the import (filters, built-in objects, jump and session policies,",
        "  Jump Item roles) are literal ids.",
        "",
    );
    return out.join("\n");
}
