// The SDK classes hand every argument to the provider's check, so a misspelled or unknown property
// fails preview by name instead of being dropped in the program process (issue 11, item 9).
import * as assert from "assert";
import * as pulumi from "@pulumi/pulumi";
import { handler } from "../../provider";

const SECRET_SIG = "4dabf18193072939515e22adb298388d";

function unwrap(v: unknown): unknown {
    return v && typeof v === "object" && SECRET_SIG in (v as object) ? (v as { value: unknown }).value : v;
}

describe("unit: SDK arguments reach check", () => {
    const registered: Array<{ type: string; name: string; inputs: Record<string, unknown> }> = [];

    before(() => {
        pulumi.runtime.setMocks(
            {
                newResource: (args) => {
                    registered.push({ type: args.type, name: args.name, inputs: args.inputs });
                    return { id: `${args.name}-id`, state: args.inputs };
                },
                call: () => ({}),
            },
            "proj",
            "stack",
            false,
        );
    });

    const settled = (r: pulumi.CustomResource) => new Promise<void>((resolve) => pulumi.all([r.urn, r.id]).apply(() => resolve()));

    /** Constructs through the SDK and returns what check answers for the inputs the engine received. */
    async function checkThroughSdk(make: (p: typeof import("../../sdk").pra) => pulumi.CustomResource, kind: string) {
        const { pra } = await import("../../sdk");
        const resource = make(pra);
        await settled(resource);
        const r = registered.pop();
        assert.ok(r, "registered");
        registered.length = 0;
        const news: Record<string, unknown> = {};
        for (const [k, v] of Object.entries(r.inputs)) if (k !== "__provider") news[k] = unwrap(v);
        return { raw: r.inputs, news, result: await handler(kind).check({}, news) };
    }

    it("a misspelled property is passed to check and refused with the name it resembles", async () => {
        const { news, result } = await checkThroughSdk(
            (pra) => new pra.ShellJump("typo", { name: "s", hostname: "h", jumpointId: 1, jumpGroupId: 1, keepAlives: 30 } as never),
            "pra:ShellJump",
        );
        assert.strictEqual(news.keepAlives, 30, "the SDK no longer drops it");
        assert.deepStrictEqual(result.failures, [{ property: "", reason: 'keepAlives: is not a property of Shell Jump (did you mean "keepAlive"?)' }]);
    });

    it("a misspelled secret stays secret on its way, and its value is not in the failure", async () => {
        const { raw, result } = await checkThroughSdk(
            (pra) => new pra.VaultUsernamePasswordAccount("pw-typo", { name: "a", username: "u", pasword: "typo-Secret-77" } as never),
            "pra:VaultUsernamePasswordAccount",
        );
        const sent = raw.pasword as Record<string, unknown>;
        assert.ok(sent && typeof sent === "object" && SECRET_SIG in sent, "sent to the engine as a secret");
        assert.ok(result.failures?.some((f) => /^pasword: .*did you mean "password"/.test(f.reason)));
        assert.ok(result.failures?.some((f) => /^password: is required/.test(f.reason)));
        assert.ok(!JSON.stringify(result.failures).includes("typo-Secret-77"));
    });

    it("an output given as input is refused; an own __proto__ argument fails in the constructor", async () => {
        const out = await checkThroughSdk((pra) => new pra.Jumpoint("out", { name: "j", platform: "linux-x86", connected: true } as never), "pra:Jumpoint");
        assert.deepStrictEqual(
            out.result.failures?.map((f) => f.reason.split(":")[0]),
            ["connected"],
        );
        const { pra } = await import("../../sdk");
        const args = Object.assign(JSON.parse('{"__proto__": {"x": 1}}'), { name: "g" });
        assert.throws(() => new pra.JumpGroup("proto", args), /Jump Group "proto": __proto__ is not a property of Jump Group/);
    });
});
