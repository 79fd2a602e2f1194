// The SDK cannot drift from the specs: for every registered kind of every product, the class that
// programs use (sdk/<product>/*.ts, every product directory, read with the TypeScript compiler, so
// inherited members such as JumpItemArgs' count and doc-only differences do not) must take exactly
// the spec's fields as Args, plus its product's common arguments (`connection`, `adopt`, and for
// PRA/RS `keepSecretsOnAdopt`), with the spec's required fields required; and must declare exactly
// the spec's fields and outputs as Outputs. A field added to a spec and not to its class (or the
// other way round) fails here, naming the kind and the property.
import * as assert from "assert";
import * as fs from "fs";
import * as path from "path";
import * as ts from "typescript";
import { allKinds } from "../../provider/registry";

const ROOT = path.resolve(__dirname, "../..");
const SDK = path.join(ROOT, "sdk");
/** Every product directory's index (sdk/pra, sdk/passwordsafe, sdk/epm, ...): a new product is read with no edit here. */
const ENTRIES = fs
    .readdirSync(SDK, { withFileTypes: true })
    .filter((d) => d.isDirectory() && fs.existsSync(path.join(SDK, d.name, "index.ts")))
    .map((d) => path.join(SDK, d.name, "index.ts"));

interface ClassShape {
    kind: string;
    args: Map<string, { optional: boolean }>;
    outputs: Set<string>;
}

/** Every exported class of every product directory with a kind: its Args' properties and its declared outputs. */
function readSdk(): Map<string, ClassShape> {
    const program = ts.createProgram(ENTRIES, {
        target: ts.ScriptTarget.ES2021,
        module: ts.ModuleKind.CommonJS,
        moduleResolution: ts.ModuleResolutionKind.Node10,
        strict: true,
        esModuleInterop: true,
        skipLibCheck: true,
        noEmit: true,
        types: [],
    });
    const checker = program.getTypeChecker();
    const classes = new Map<string, ClassShape>();
    for (const ENTRY of ENTRIES) {
        const entry = program.getSourceFile(ENTRY);
        assert.ok(entry, `cannot read ${ENTRY}`);
        const moduleSymbol = checker.getSymbolAtLocation(entry);
        assert.ok(moduleSymbol);
        for (const exported of checker.getExportsOfModule(moduleSymbol)) {
            const symbol = exported.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(exported) : exported;
            const decl = symbol.declarations?.find(ts.isClassDeclaration);
            if (!decl || decl.modifiers?.some((m) => m.kind === ts.SyntaxKind.AbstractKeyword)) continue;
            const kind = kindOf(decl);
            if (!kind) continue;
            const ctor = decl.members.find(ts.isConstructorDeclaration);
            assert.ok(ctor, `${symbol.name} has no constructor`);
            const argsParam = ctor.parameters[1];
            assert.ok(argsParam, `${symbol.name}'s constructor takes no args`);
            const argsType = checker.getTypeAtLocation(argsParam);
            const args = new Map<string, { optional: boolean }>();
            for (const p of checker.getPropertiesOfType(argsType)) args.set(p.name, { optional: (p.flags & ts.SymbolFlags.Optional) !== 0 });
            // Outputs: the `declare readonly` properties of the class and its SDK bases (not Pulumi's own members).
            const outputs = new Set<string>();
            const instance = checker.getDeclaredTypeOfSymbol(symbol);
            for (const p of checker.getPropertiesOfType(instance)) {
                const d = p.declarations?.[0];
                if (!d || !ts.isPropertyDeclaration(d) || !d.getSourceFile().fileName.startsWith(SDK)) continue;
                if (d.modifiers?.some((m) => m.kind === ts.SyntaxKind.DeclareKeyword)) outputs.add(p.name);
            }
            classes.set(kind, { kind, args, outputs });
        }
    }
    return classes;
}

/** The kind a class registers: its `super("pra:Kind", ...)` call. */
function kindOf(decl: ts.ClassDeclaration): string | undefined {
    let kind: string | undefined;
    const visit = (node: ts.Node) => {
        if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.SuperKeyword && ts.isStringLiteral(node.arguments[0])) {
            kind = node.arguments[0].text;
        }
        ts.forEachChild(node, visit);
    };
    visit(decl);
    return kind;
}

/** What every resource of a product accepts besides its spec's fields (its *CommonArgs). */
const COMMON_ARGS = ["connection", "adopt"];
/** PRA/RS's write-only secrets are never read back: adopting may keep the appliance's (keepSecretsOnAdopt). */
const COMMON_ARGS_OF: Record<string, string[]> = { pra: [...COMMON_ARGS, "keepSecretsOnAdopt"] };
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("unit: the SDK classes match their specs", function () {
    this.timeout(60_000);
    let sdk: Map<string, ClassShape>;
    before(() => {
        sdk = readSdk();
    });

    it("reads every product directory under sdk/", () => {
        assert.ok(ENTRIES.length >= 3, ENTRIES.join(", "));
        for (const product of new Set(allKinds().map((k) => k.kind.split(":")[0]))) {
            assert.ok(ENTRIES.includes(path.join(SDK, product, "index.ts")), `sdk/${product}/index.ts is read`);
        }
    });

    it("has one class per registered kind, and no class without a spec", () => {
        assert.deepStrictEqual(sorted(sdk.keys()), sorted(allKinds().map((s) => s.kind)));
    });

    for (const spec of allKinds()) {
        const common = COMMON_ARGS_OF[spec.kind.split(":")[0]] ?? COMMON_ARGS;
        describe(spec.kind, () => {
            it(`Args: exactly the spec's fields, plus ${common.join(", ")}`, () => {
                const cls = sdk.get(spec.kind)!;
                const want = [...Object.keys(spec.fields), ...common];
                const missing = want.filter((k) => !cls.args.has(k));
                const extra = [...cls.args.keys()].filter((k) => !want.includes(k));
                assert.deepStrictEqual({ missing, extra }, { missing: [], extra: [] }, `${spec.kind} Args differ from its spec`);
            });

            it("Args: a property is required exactly when the spec requires it", () => {
                const cls = sdk.get(spec.kind)!;
                const wrong = Object.entries(spec.fields)
                    .filter(([name, f]) => cls.args.has(name) && cls.args.get(name)!.optional === (f.required === true))
                    .map(([name, f]) => `${name} (spec: ${f.required ? "required" : "optional"})`);
                assert.deepStrictEqual(wrong, [], `${spec.kind}`);
            });

            it("Outputs: exactly the spec's fields and outputs", () => {
                const cls = sdk.get(spec.kind)!;
                const want = [...Object.keys(spec.fields), ...Object.keys(spec.outputs)];
                const missing = want.filter((k) => !cls.outputs.has(k));
                const extra = [...cls.outputs].filter((k) => !want.includes(k));
                assert.deepStrictEqual({ missing, extra }, { missing: [], extra: [] }, `${spec.kind} outputs differ from its spec`);
            });
        });
    }
});
