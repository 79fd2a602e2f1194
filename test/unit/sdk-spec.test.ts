// The SDK cannot drift from the specs: for every registered kind, the class that programs use
// (sdk/pra/*.ts, read with the TypeScript compiler, so inherited members such as JumpItemArgs'
// count and doc-only differences do not) must take exactly the spec's fields as Args, plus
// `connection`, `adopt` and `keepSecretsOnAdopt`, with the spec's required fields required; and must declare exactly
// the spec's fields and outputs as Outputs. A field added to a spec and not to its class (or the
// other way round) fails here, naming the kind and the property.
import * as assert from "assert";
import * as path from "path";
import * as ts from "typescript";
import { EPM_SPECS, PASSWORD_SAFE_SPECS, SPECS } from "../../provider/registry";

const ROOT = path.resolve(__dirname, "../..");
const SDK = path.join(ROOT, "sdk");
const ENTRIES = [path.join(SDK, "pra", "index.ts"), path.join(SDK, "passwordsafe", "index.ts"), path.join(SDK, "epm", "index.ts")];

interface ClassShape {
    kind: string;
    args: Map<string, { optional: boolean }>;
    outputs: Set<string>;
}

/** Every exported class of sdk/pra, sdk/passwordsafe and sdk/epm with a kind: its Args' properties and its declared outputs. */
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

const PRA_COMMON_ARGS = ["connection", "adopt", "keepSecretsOnAdopt"];
/** Password Safe and EPM kinds have no write-only secrets (every value reads back), so no keepSecretsOnAdopt. */
const RECORD_COMMON_ARGS = ["connection", "adopt"];
const sorted = (xs: Iterable<string>) => [...xs].sort();

describe("unit: the SDK classes match their specs", function () {
    this.timeout(60_000);
    let sdk: Map<string, ClassShape>;
    before(() => {
        sdk = readSdk();
    });

    it("has one class per registered kind, and no class without a spec", () => {
        assert.deepStrictEqual(sorted(sdk.keys()), sorted([...SPECS, ...PASSWORD_SAFE_SPECS, ...EPM_SPECS].map((s) => s.kind)));
    });

    for (const spec of [...SPECS, ...PASSWORD_SAFE_SPECS, ...EPM_SPECS]) {
        const COMMON_ARGS = spec.kind.startsWith("pra:") ? PRA_COMMON_ARGS : RECORD_COMMON_ARGS;
        describe(spec.kind, () => {
            it(`Args: exactly the spec's fields, plus ${COMMON_ARGS.join(", ")}`, () => {
                const cls = sdk.get(spec.kind)!;
                const want = [...Object.keys(spec.fields), ...COMMON_ARGS];
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
