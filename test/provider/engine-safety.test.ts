// Engine-level safety (issue 11, items 2, 3, 5, 6) for ordinary collection objects, over real HTTP
// against a simulator process: a lost POST never takes over an object that existed before it, a
// refresh never drops a live object because a list shifted under it, ids are never applied to an
// object on another appliance (or another object behind a reused id), and an authentication error
// while checking a lost POST says the object may exist and how to adopt it.
import * as assert from "assert";
import { batchStats, clientStats, handler, resetClients, resetClientStats, resetReaders } from "../../provider";
import { ApiClient } from "../../provider/core/api-client";
import { inParallel } from "../../scripts/lib/parallel";
import { MiniEngine } from "../support/mini-engine";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

type Props = Record<string, unknown>;

async function create(kind: string, inputs: Props): Promise<{ id: string; outs: Props }> {
    const checked = await handler(kind).check({}, inputs);
    assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
    return handler(kind).create(checked.inputs!);
}

const failure = (p: Promise<unknown>) => p.then(() => assert.fail("expected a failure"), (e: Error) => e);

describe("provider: engine safety (issue 11)", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);

    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim?.stop());
    beforeEach(async () => {
        await sim.reset();
        resetClients();
        resetReaders();
        resetClientStats();
    });
    const faults = (rules: unknown[]) => sim.control("POST", "/faults", { rules });
    const state = () => sim.control("GET", "/state");

    describe("a POST whose outcome is unknown never takes over an object that existed before it", () => {
        it("a 503 on a vault account POST: the owner's same-named account is not taken, ours is created", async () => {
            // Someone else's account, same name, type and username: it carries every value the list shows.
            const owner = await create("pra:VaultUsernamePasswordAccount", { name: "svc-backup", username: "backup", password: "Owners-Passw0rd!" });
            resetClients();
            resetClientStats();
            await faults([{ kind: "status", status: 503, match: { method: "POST", path: "/vault/account" }, count: 1 }]);
            const ours = await create("pra:VaultUsernamePasswordAccount", { name: "svc-backup", username: "backup", password: "Our-Own-Passw0rd!" });
            assert.notStrictEqual(ours.id, owner.id, "the lookup must not accept the account that existed before the POST");
            const accounts = (await state()).collections["vault/account"];
            assert.strictEqual(accounts.length, 2, "the 503 did not create it, so it was posted again");
            assert.strictEqual(accounts.find((a: any) => String(a.id) === owner.id).password, "Owners-Passw0rd!", "the owner's password is untouched");
            assert.strictEqual(accounts.find((a: any) => String(a.id) === ours.id).password, "Our-Own-Passw0rd!");
            assert.strictEqual(clientStats.byMethod.POST, 2);
            // Destroying ours leaves the owner's alone.
            await handler("pra:VaultUsernamePasswordAccount").delete(ours.id, ours.outs);
            assert.deepStrictEqual((await state()).collections["vault/account"].map((a: any) => String(a.id)), [owner.id]);
        });

        it("a lost answer next to a same-named older account: ours is found, the older one is not, one POST", async () => {
            const owner = await create("pra:VaultTokenAccount", { name: "ci-token", token: "tok-owner-0001" });
            resetClients();
            resetClientStats();
            await faults([{ kind: "lose-response", match: { method: "POST", path: "/vault/account" }, count: 1 }]);
            const ours = await create("pra:VaultTokenAccount", { name: "ci-token", token: "tok-ours-00002" });
            const accounts = (await state()).collections["vault/account"];
            assert.strictEqual(accounts.length, 2);
            assert.notStrictEqual(ours.id, owner.id);
            assert.strictEqual(accounts.find((a: any) => String(a.id) === ours.id).token, "tok-ours-00002", "tracked with the id of the object our POST made");
            assert.strictEqual(clientStats.byMethod.POST, 1, "found by the lookup, not posted twice");
        });

        it("a 503 on a unique name that already exists: the create fails with the appliance's own conflict", async () => {
            const existing = await create("pra:JumpGroup", { name: "made by hand" });
            resetClients();
            await faults([{ kind: "status", status: 503, match: { method: "POST", path: "/jump-group" }, count: 1 }]);
            const err = await failure(create("pra:JumpGroup", { name: "made by hand", comments: "" }));
            assert.match(err.message, /HTTP 422.*name has already been taken/);
            const groups = (await state()).collections["jump-group"];
            assert.deepStrictEqual(groups.map((g: any) => String(g.id)), [existing.id], "nothing taken over, nothing created");
        });

        it("the happy path: the first create in a collection costs one list page besides the POST, later ones none", async () => {
            await sim.control("POST", "/counters/reset");
            await create("pra:JumpGroup", { name: "first" });
            await create("pra:JumpGroup", { name: "second" });
            const c = await sim.counters();
            assert.deepStrictEqual(
                { ...c.requests.byRoute, "POST /oauth2/token": undefined },
                { "POST /oauth2/token": undefined, "GET /jump-group": 1, "POST /jump-group": 2 },
            );
        });
    });

    describe("an authentication error while checking whether a POST landed", () => {
        it("says the object may exist, where, and how to adopt it", async () => {
            await create("pra:JumpGroup", { name: "token first" });
            await faults([{ kind: "lose-response", match: { method: "POST", path: "/jump-group" }, count: 1 }]);
            // The secret is rotated after the POST landed and before the lookup runs.
            const original = ApiClient.prototype.listAll;
            let rotated = false;
            ApiClient.prototype.listAll = async function (this: ApiClient, ...args: Parameters<ApiClient["listAll"]>) {
                if (!rotated) {
                    rotated = true;
                    await sim.control("POST", `/accounts/${sim.clientId}/regenerate`);
                }
                return original.apply(this, args) as any;
            } as ApiClient["listAll"];
            let err: Error;
            try {
                err = await failure(create("pra:JumpGroup", { name: "lost then rotated" }));
            } finally {
                ApiClient.prototype.listAll = original;
            }
            assert.ok(rotated, "the lookup ran");
            assert.match(err.message, /refused a token/);
            assert.match(err.message, /may have created the object/);
            assert.match(err.message, /adopt: true/);
            assert.match(err.message, /\/jump-group with \{"name":"lost then rotated"\}/);
            assert.ok(!err.message.includes(sim.clientSecret));
            const groups = (await state()).collections["jump-group"];
            assert.ok(groups.some((g: any) => g.name === "lost then rotated"), "it did land: adopting it is the way out");
        });
    });

    describe("refresh: a list that shifted between pages", () => {
        it("an object pushed out of view by a delete between two page reads still reads as live, confirmed by a GET", async () => {
            // 150 shell jumps: two pages of 100. Seeded directly (no validation) to keep the test quick.
            const seeded = Array.from({ length: 150 }, (_, i) => ({
                id: i + 1, name: `h${i + 1}`, hostname: `10.4.0.${i + 1}`, jumpoint_id: 1, jump_group_id: 1,
            }));
            await sim.control("POST", "/seed", { collections: { "jump-item/shell-jump": seeded } });
            const outsOf = (o: (typeof seeded)[number]) => ({ name: o.name, hostname: o.hostname, jumpointId: 1, jumpGroupId: 1 });
            // We manage 2..150; object 1 belongs to someone else, who deletes it right after the
            // scan's first page was read and before the second is: the event, not a delay, orders it.
            const original = ApiClient.prototype.page;
            let deletedBetweenPages = false;
            ApiClient.prototype.page = async function (this: ApiClient, ...args: Parameters<ApiClient["page"]>) {
                const result = await original.apply(this, args);
                if (args[0] === "/jump-item/shell-jump" && args[1] === 1 && !deletedBetweenPages) {
                    deletedBetweenPages = true;
                    await sim.control("DELETE", "/api/jump-item/shell-jump/1");
                }
                return result as any;
            } as ApiClient["page"];
            try {
                const ours = seeded.slice(1);
                const reads = await inParallel(16, ours.map((o) => () => handler("pra:ShellJump").read(String(o.id), outsOf(o))));
                assert.ok(deletedBetweenPages, "the delete happened between the scan's pages");
                // Page 2 now starts at object 102: object 101 is on neither page the scan read.
                assert.strictEqual(reads[99].id, "101", "object 101 is live and must not read as deleted");
                assert.strictEqual(reads[99].props!.name, "h101");
                assert.deepStrictEqual(reads.filter((r) => r.id === "").length, 0, "no live object reads as deleted");
                assert.strictEqual(batchStats.confirmedByGet >= 1, true);
            } finally {
                ApiClient.prototype.page = original;
            }
            // A real out-of-band delete is still reported, after the GET confirms it.
            resetReaders();
            await sim.control("DELETE", "/api/jump-item/shell-jump/50");
            const again = await inParallel(16, seeded.slice(1).map((o) => () => handler("pra:ShellJump").read(String(o.id), outsOf(o))));
            assert.deepStrictEqual(again.filter((r) => r.id === "").length, 1);
            assert.strictEqual(again[48].id, "", "object 50, deleted out of band, reads as deleted");
        });
    });
});
