// The source position Pulumi records for a resource is the program's line that declared it, not a
// line of this SDK (its classes sit one or two levels deeper than Pulumi's fixed frame skip expects;
// sdk/source-position.ts). Real SDK classes are constructed under Pulumi's mocks, and the source
// position Pulumi's Resource constructor took is read where it hands it to registerResource (a
// wrapper there adds no frame to the stack it already took).
import * as assert from "assert";
import * as path from "path";
import * as pulumi from "@pulumi/pulumi";

describe("unit: a resource's recorded source position is the program's line", () => {
    type Frame = { uri: string; line: number } | undefined;
    const taken: Frame[] = [];
    // eslint-disable-next-line @typescript-eslint/no-var-requires
    const runtimeResource = require("@pulumi/pulumi/runtime/resource") as { registerResource: (...args: unknown[]) => unknown };
    const original = runtimeResource.registerResource;

    before(() => {
        pulumi.runtime.setMocks({ newResource: (args) => ({ id: `${args.name}-id`, state: args.inputs }), call: () => ({}) }, "proj", "stack", false);
        // registerResource(res, parent, t, name, custom, remote, newDependency, props, opts, sourcePosition, ...)
        runtimeResource.registerResource = function (this: unknown, ...args: unknown[]) {
            taken.push(args[9] as Frame);
            return original.apply(this, args);
        };
    });
    after(() => {
        runtimeResource.registerResource = original;
    });

    const thisFile = path.basename(__filename);
    const declaredAt = (make: () => unknown): Frame => {
        taken.length = 0;
        make();
        assert.strictEqual(taken.length, 1, "one registration per resource");
        return taken[0];
    };

    it("for kinds one level (JumpGroup) and two levels (ShellJump, vault accounts) below the SDK's base class", async () => {
        const { pra } = await import("../../sdk");
        const cases: Array<[string, () => unknown]> = [
            ["JumpGroup", () => new pra.JumpGroup("jg", { name: "jg" })],
            ["ShellJump", () => new pra.ShellJump("sj", { name: "sj", hostname: "h", jumpointId: 1, jumpGroupId: 1 })],
            ["VaultUsernamePasswordAccount", () => new pra.VaultUsernamePasswordAccount("up", { name: "a", username: "u", password: "p" })],
        ];
        for (const [kind, make] of cases) {
            const frame = declaredAt(make);
            assert.ok(frame, `${kind}: a source position`);
            assert.ok(frame.uri.endsWith(`/${thisFile}`), `${kind}: recorded at ${frame.uri}:${frame.line}, expected this test file`);
        }
    });

    it("leaves stack trace formatting as it found it", async () => {
        const { pra } = await import("../../sdk");
        const before = Error.prepareStackTrace;
        new pra.JumpGroup("jg2", { name: "jg2" });
        assert.strictEqual(Error.prepareStackTrace, before);
        assert.match(String(new Error("x").stack), /source-position\.test\.ts/);
    });
});
