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

const failure = (p: Promise<unknown>) =>
    p.then(
        () => assert.fail("expected a failure"),
        (e: Error) => e,
    );

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
            assert.deepStrictEqual(
                (await state()).collections["vault/account"].map((a: any) => String(a.id)),
                [owner.id],
            );
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
            assert.deepStrictEqual(
                groups.map((g: any) => String(g.id)),
                [existing.id],
                "nothing taken over, nothing created",
            );
        });

        it("the happy path: the first create in a collection costs one list page besides the POST, later ones none", async () => {
            await sim.control("POST", "/counters/reset");
            await create("pra:JumpGroup", { name: "first" });
            await create("pra:JumpGroup", { name: "second" });
            const c = await sim.counters();
            assert.deepStrictEqual(
                // The token and the product detection (GET /get_mech_list, once per process) are not the point here.
                { ...c.requests.byRoute, "POST /oauth2/token": undefined, "GET /get_mech_list": undefined },
                { "POST /oauth2/token": undefined, "GET /get_mech_list": undefined, "GET /jump-group": 1, "POST /jump-group": 2 },
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
            assert.ok(
                groups.some((g: any) => g.name === "lost then rotated"),
                "it did land: adopting it is the way out",
            );
        });
    });

    describe("ids are never applied to another appliance, or to another object behind a reused id", () => {
        let other: SimulatorProcess;
        before(async () => (other = await startSimulatorProcess()));
        after(async () => other?.stop());

        /** A new run (a new provider process) with the environment pointing at `s`. */
        function pointAt(s: SimulatorProcess): void {
            Object.assign(process.env, s.env);
            resetClients();
            resetReaders();
        }

        it("stack config or the environment later names another appliance: the plan, update, delete and read refuse, naming both", async () => {
            const ours = await create("pra:JumpGroup", { name: "vpc-a", codeName: "vpc_a", comments: "ours" });
            // The other appliance has an unrelated object with the same id.
            await other.reset();
            const theirs = await other.control("POST", "/seed", {
                collections: { "jump-group": [{ id: Number(ours.id), name: "payroll", code_name: "payroll", comments: "theirs" }] },
            });
            assert.strictEqual(theirs.added, 1);
            pointAt(other);
            await other.control("POST", "/counters/reset");
            const h = handler("pra:JumpGroup");
            const checked = await h.check(ours.outs, { name: "vpc-a", codeName: "vpc_a", comments: "changed" });
            const plan = await failure(h.diff(ours.id, ours.outs, checked.inputs!));
            const update = await failure(h.update(ours.id, ours.outs, { ...ours.outs, comments: "changed" }));
            const del = await failure(h.delete(ours.id, ours.outs));
            const read = await failure(h.read(ours.id, ours.outs));
            for (const err of [plan, update, del, read]) {
                assert.match(err.message, /refusing to (plan a change to|update|delete|read) it/);
                assert.ok(err.message.includes(`state records this object on ${sim.apiHost}, but the connection now points at ${other.apiHost}`), err.message);
            }
            const live = await other.control("GET", `/api/jump-group/${ours.id}`);
            assert.deepStrictEqual([live.name, live.comments], ["payroll", "theirs"], "the other appliance's object is untouched");
            const c = await other.counters();
            assert.strictEqual(c.requests.total, 0, `no call reached the other appliance: ${JSON.stringify(c.requests.byRoute)}`);
        });

        it("the same appliance under a new address: refused, then accepted for a run with BT_PREVIOUS_API_HOST, which rewrites the record", async () => {
            const ours = await create("pra:JumpGroup", { name: "vpc-c", codeName: "vpc_c" });
            const alias = sim.apiHost.replace("127.0.0.1", "localhost");
            assert.notStrictEqual(alias, sim.apiHost);
            process.env.BT_API_HOST = alias;
            resetClients();
            const refused = await failure(handler("pra:JumpGroup").read(ours.id, ours.outs));
            assert.match(refused.message, new RegExp(`run once with BT_PREVIOUS_API_HOST=${sim.apiHost.replace(/[.]/g, "\\.")}`));
            process.env.BT_PREVIOUS_API_HOST = sim.apiHost;
            try {
                const read = await handler("pra:JumpGroup").read(ours.id, ours.outs);
                assert.strictEqual((read.props!.applianceIdentity as any).origin, alias);
                delete process.env.BT_PREVIOUS_API_HOST;
                const { outs } = await handler("pra:JumpGroup").update(ours.id, read.props!, { ...read.props!, comments: "at the new address" });
                assert.strictEqual(outs.comments, "at the new address");
            } finally {
                delete process.env.BT_PREVIOUS_API_HOST;
            }
        });

        it("the appliance came back empty and reused the id: update, delete and read refuse, saying what changed", async () => {
            const ours = await create("pra:JumpGroup", { name: "vpc-a", codeName: "vpc_a", comments: "ours" });
            await sim.reset(); // rebuilt: empty, ids start over
            const theirs = await create("pra:JumpGroup", { name: "payroll", codeName: "payroll", comments: "theirs" });
            assert.strictEqual(theirs.id, ours.id, "the id was reused");
            pointAt(sim); // the next run
            const h = handler("pra:JumpGroup");
            const update = await failure(h.update(ours.id, ours.outs, { ...ours.outs, comments: "changed" }));
            assert.match(
                update.message,
                /refusing to update it: object \d+ on .* is not the object this resource manages: none of what names it is what state recorded/,
            );
            assert.match(update.message, /"name":"vpc-a".*"name":"payroll"/);
            assert.match(update.message, /adopt: "\d+"/, "says the way out");
            const del = await failure(h.delete(ours.id, ours.outs));
            assert.match(del.message, /refusing to delete it/);
            const read = await failure(h.read(ours.id, ours.outs));
            assert.match(read.message, /refusing to read it/);
            const live = await sim.control("GET", `/api/jump-group/${ours.id}`);
            assert.deepStrictEqual([live.name, live.comments], ["payroll", "theirs"], "the unrelated object is untouched");
        });

        it("a rename in the console is drift, not a mismatch; a state without the record is accepted and filled in", async () => {
            const e = new MiniEngine();
            const inputs = { name: "vpc-b", codeName: "vpc_b", comments: "ours" };
            await e.up("g", "pra:JumpGroup", inputs);
            const id = e.state.get("g")!.id;
            await sim.control("PATCH", `/api/jump-group/${id}`, { name: "vpc-b (renamed by hand)" });
            pointAt(sim);
            assert.deepStrictEqual(await e.refresh("g", inputs), ["name"], "the rename is drift");
            pointAt(sim);
            assert.strictEqual((await e.up("g", "pra:JumpGroup", inputs)).step, "update", "and up puts the name back");
            assert.strictEqual((await sim.control("GET", `/api/jump-group/${id}`)).name, "vpc-b");
            // A state written before the record existed.
            const old = { ...e.state.get("g")!.outs };
            delete old.applianceIdentity;
            pointAt(sim);
            const read = await handler("pra:JumpGroup").read(id, old);
            assert.strictEqual(read.id, id);
            assert.strictEqual((read.props!.applianceIdentity as any).origin, sim.apiHost, "filled in");
            pointAt(sim);
            await handler("pra:JumpGroup").delete(id, old);
            assert.strictEqual((await state()).collections["jump-group"].length, 0);
        });

        it("costs: a write checks the first object of a kind per run (one GET), none after it or after a refresh", async () => {
            const made = [];
            for (const n of ["a", "b", "c"]) made.push(await create("pra:JumpGroup", { name: `cost ${n}`, codeName: `cost_${n}` }));
            pointAt(sim);
            await sim.control("POST", "/counters/reset");
            for (const m of made) await handler("pra:JumpGroup").update(m.id, m.outs, { ...m.outs, comments: "x" });
            let c = await sim.counters();
            assert.deepStrictEqual(
                // The token and the product detection (GET /get_mech_list, once per process) are not the point here.
                { ...c.requests.byRoute, "POST /oauth2/token": undefined, "GET /get_mech_list": undefined },
                { "POST /oauth2/token": undefined, "GET /get_mech_list": undefined, "GET /jump-group/{id}": 1, "PATCH /jump-group/{id}": 3 },
            );
            pointAt(sim);
            await handler("pra:JumpGroup").read(made[0].id, made[0].outs);
            await sim.control("POST", "/counters/reset");
            for (const m of made) await handler("pra:JumpGroup").delete(m.id, m.outs);
            c = await sim.counters();
            assert.deepStrictEqual(c.requests.byRoute, { "DELETE /jump-group/{id}": 3 }, "a refresh read already vouched for the appliance");
        });
    });

    describe("refresh: a list that shifted between pages", () => {
        it("an object pushed out of view by a delete between two page reads still reads as live, confirmed by a GET", async () => {
            // 150 shell jumps: two pages of 100. Seeded directly (no validation) to keep the test quick.
            const seeded = Array.from({ length: 150 }, (_, i) => ({
                id: i + 1,
                name: `h${i + 1}`,
                hostname: `10.4.0.${i + 1}`,
                jumpoint_id: 1,
                jump_group_id: 1,
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
                const reads = await inParallel(
                    16,
                    ours.map((o) => () => handler("pra:ShellJump").read(String(o.id), outsOf(o))),
                );
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
            const again = await inParallel(
                16,
                seeded.slice(1).map((o) => () => handler("pra:ShellJump").read(String(o.id), outsOf(o))),
            );
            assert.deepStrictEqual(again.filter((r) => r.id === "").length, 1);
            assert.strictEqual(again[48].id, "", "object 50, deleted out of band, reads as deleted");
        });
    });
});
