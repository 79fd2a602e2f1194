// Every EPM kind through create, refresh, no-op, update, out-of-band edit (drift seen and put back),
// out-of-band delete, adopt (by name, then by id) and delete, over real HTTP against the simulator
// process. Each step asserts the Management API calls it cost (the simulator's EPM counters, token
// requests apart), and the whole file mints one token. Then the cases the rows cannot hold: a
// revision uploaded out of band, the default group, deletes the API refuses (with what to do), and
// a create whose answer was lost.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { handler } from "../../provider";
import { sha256 } from "../../provider/engine/content-source";
import { SEED_IDS } from "../../simulator/epm/seed";
import { useEpmSimulator } from "../support/epm-env";
import { MiniEngine } from "../support/mini-engine";

type Props = Record<string, unknown>;

const policyXml = (version: number, note = "") =>
    `<?xml version="1.0" encoding="utf-8"?>\n<Configuration FileVersion="${version}" Name="Lifecycle"><!-- ${note} --><ApplicationGroups /><Policies /></Configuration>\n`;

interface Cost {
    api: number;
    tokens: number;
    writes: number;
    byRoute: Record<string, number>;
}

interface KindCase {
    kind: string;
    create: Props;
    update: Props;
    /** Out-of-band edit through the control API: PATCH /{collection}/{id} with body; the property that drifts. */
    drift: { collection: "groups" | "policies"; body: Props; property: string };
    /** API calls per step. */
    calls: { create: number; update: number; heal: number; adopt: number; adoptById: number };
}

const CASES: KindCase[] = [
    {
        kind: "epm:ComputerGroup",
        create: { name: "Lifecycle Group", description: "managed by pulumi" },
        update: { description: "changed by pulumi" },
        drift: { collection: "groups", body: { description: "edited out of band" }, property: "description" },
        // create: POST; update and heal: PUT /Groups; adopt: the list (one page), nothing to change; by id: one GET
        calls: { create: 1, update: 1, heal: 1, adopt: 1, adoptById: 1 },
    },
    {
        kind: "epm:Policy",
        create: { name: "Lifecycle Policy", description: "managed by pulumi", content: policyXml(1), changeDescription: "first" },
        update: { content: policyXml(2), changeDescription: "second" },
        drift: { collection: "policies", body: { description: "edited out of band" }, property: "description" },
        // create: POST + the revisions (the first one's id); update: Upload + the revisions; heal: PUT;
        // adopt: the list + the content's hash + the revisions (the latest's id); by id: GET + revisions + content
        calls: { create: 2, update: 2, heal: 1, adopt: 3, adoptById: 3 },
    },
];

describe("provider: every EPM kind's lifecycle against the simulator", function () {
    this.timeout(120_000);
    const epm = useEpmSimulator();
    const tokens = { total: 0 };

    /** What `run` cost on the tenant: Management API calls (token requests apart), tokens minted, writes. */
    async function cost<T>(run: () => Promise<T>): Promise<{ result: T; cost: Cost }> {
        const before = await epm.control<any>("GET", "/counters");
        const result = await run();
        const after = await epm.control<any>("GET", "/counters");
        const byRoute: Record<string, number> = {};
        for (const [k, v] of Object.entries(after.requests.byRoute as Record<string, number>)) {
            const n = v - ((before.requests.byRoute as Record<string, number>)[k] ?? 0);
            if (n > 0) byRoute[k] = n;
        }
        const tokenCalls = Object.entries(byRoute)
            .filter(([k]) => /\/oauth\//i.test(k))
            .reduce((n, [, v]) => n + v, 0);
        const minted = after.tokensMinted - before.tokensMinted;
        tokens.total += minted;
        return {
            result,
            cost: { api: after.requests.total - before.requests.total - tokenCalls, tokens: minted, writes: after.writes - before.writes, byRoute },
        };
    }

    for (const c of CASES) {
        it(`${c.kind}: create, refresh, no-op, update, drift, delete out of band, adopt, delete`, async () => {
            const e = new MiniEngine();
            const h = handler(c.kind);

            const created = await cost(() => e.up("r", c.kind, c.create));
            assert.strictEqual(created.result.step, "create");
            assert.strictEqual(created.cost.api, c.calls.create, `create: ${JSON.stringify(created.cost.byRoute)}`);
            const id = created.result.tracked.id;
            assert.match(id, /^[0-9a-f-]{36}$/);

            const refreshed = await cost(() => e.refresh("r", c.create));
            assert.deepStrictEqual(refreshed.result, [], "a fresh object shows no drift");
            assert.strictEqual(refreshed.cost.api, 1, "refresh: one GET");
            const same = await cost(() => e.up("r", c.kind, c.create));
            assert.deepStrictEqual([same.result.step, same.cost.api], ["same", 0]);

            const declared = { ...c.create, ...c.update };
            const updated = await cost(() => e.up("r", c.kind, declared));
            assert.strictEqual(updated.result.step, "update");
            assert.strictEqual(updated.cost.api, c.calls.update, `update: ${JSON.stringify(updated.cost.byRoute)}`);
            assert.deepStrictEqual(await e.refresh("r", declared), [], "the update reached the tenant");

            await epm.control("PATCH", `/${c.drift.collection}/${id}`, c.drift.body);
            const drift = await cost(() => e.refresh("r", declared));
            assert.deepStrictEqual(drift.result, [c.drift.property], "refresh shows the out-of-band edit");
            assert.strictEqual(drift.cost.api, 1);
            const healed = await cost(() => e.up("r", c.kind, declared));
            assert.strictEqual(healed.result.step, "update");
            assert.strictEqual(healed.cost.api, c.calls.heal, `heal: ${JSON.stringify(healed.cost.byRoute)}`);
            assert.deepStrictEqual(await e.refresh("r", declared), []);

            await epm.control("DELETE", `/${c.drift.collection}/${id}`);
            assert.strictEqual(await e.refresh("r"), "deleted", "deleted out of band: read returns no id");

            // Adopt: an object made outside the program is taken over by its name, then by its id.
            const outside = await h.create(await e.check(c.kind, {}, declared));
            const adopted = await cost(() => e.up("a", c.kind, { ...declared, adopt: true }));
            assert.strictEqual(adopted.result.tracked.id, outside.id, "adopt: true found it");
            assert.strictEqual(adopted.cost.api, c.calls.adopt, `adopt: ${JSON.stringify(adopted.cost.byRoute)}`);
            assert.strictEqual(adopted.cost.writes, 0, "adopting an object that already matches writes nothing");
            const byId = await cost(() => e.up("b", c.kind, { ...declared, adopt: outside.id.toUpperCase() }));
            assert.strictEqual(byId.result.tracked.id, outside.id, "adopt by id");
            assert.strictEqual(byId.cost.api, c.calls.adoptById, `adopt by id: ${JSON.stringify(byId.cost.byRoute)}`);
            assert.deepStrictEqual(await e.refresh("b", declared), []);

            const deleted = await cost(() => h.delete(outside.id, e.state.get("a")!.outs));
            assert.strictEqual(deleted.cost.api, 1, "delete: one DELETE");
            const again = await cost(() => h.delete(outside.id, e.state.get("a")!.outs));
            assert.strictEqual(again.cost.api, 1, "a second delete meets a 404, which is done");
        });
    }

    it("a revision uploaded out of band is drift: refresh reads its hash, the next up uploads the declared content again", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "epm-lifecycle-"));
        const file = path.join(dir, "policy.xml");
        fs.writeFileSync(file, policyXml(10, "from a file"));
        const e = new MiniEngine();
        const declared = { name: "Drifting Policy", description: "d", contentFile: file, changeDescription: "declared" };
        const { tracked } = await e.up("p", "epm:Policy", declared);
        assert.deepStrictEqual([tracked.outs.latestRevision, tracked.outs.contentSha256], [1, sha256(policyXml(10, "from a file"))]);
        assert.ok(!JSON.stringify(tracked.outs).includes("from a file"), "a file given by path never reaches the outputs");

        // The control API takes the revision's XML as the raw body (a console user's upload).
        const oob = await fetch(`${epm.sim.controlUrl}/epm/policies/${tracked.id}/revisions`, { method: "POST", body: policyXml(11, "console edit") });
        assert.strictEqual(oob.status, 200, await oob.text());
        const seen = await cost(() => e.refresh("p", declared));
        assert.deepStrictEqual(seen.result, ["contentSha256"], "the new revision's content differs from the declared one");
        assert.strictEqual(seen.cost.api, 3, `refresh after a new revision: GET, its revisions, its content: ${JSON.stringify(seen.cost.byRoute)}`);
        assert.strictEqual(e.state.get("p")!.outs.latestRevision, 2);
        assert.strictEqual(e.state.get("p")!.outs.contentSha256, sha256(policyXml(11, "console edit")));

        const back = await cost(() => e.up("p", "epm:Policy", declared));
        assert.strictEqual(back.result.step, "update");
        assert.strictEqual(back.cost.api, 2, `one Upload and the revisions: ${JSON.stringify(back.cost.byRoute)}`);
        assert.strictEqual(back.cost.byRoute["POST /v2/policies/{id}/upload"], 1, "Upload goes to v2, as the update to the fact sheet says (U7)");
        const outs = e.state.get("p")!.outs;
        assert.deepStrictEqual([outs.latestRevision, outs.contentSha256], [3, sha256(policyXml(10, "from a file"))]);
        const state = await epm.control<any>("GET", "/state");
        const latest = state.revisions.find((r: any) => r.id === outs.latestRevisionId);
        assert.deepStrictEqual([latest.revision, latest.comment], [3, "declared"], "the upload carries changeDescription as its comment");
        assert.deepStrictEqual(await e.refresh("p", declared), []);

        const commentOnly = await cost(() => e.up("p", "epm:Policy", { ...declared, changeDescription: "reworded" }));
        assert.deepStrictEqual([commentOnly.result.step, commentOnly.cost.api], ["same", 0], "a new changeDescription alone uploads nothing");
        await e.destroy("p");
    });

    it("an upload does not move groups: the seeded group keeps the baseline revision (AutoAssignToGroups=false)", async () => {
        const e = new MiniEngine();
        const { tracked } = await e.up("base", "epm:Policy", {
            name: "Baseline Windows Policy",
            description: "QuickStart-style baseline",
            content: policyXml(20),
            adopt: SEED_IDS.baselinePolicy,
        });
        assert.strictEqual(tracked.outs.latestRevision, 2, "adopted with other content: one upload");
        const group = (await epm.control<any>("GET", "/state")).groups.find((g: any) => g.id === SEED_IDS.workstations);
        assert.strictEqual(group.policyRevisionId, SEED_IDS.baselineRevision);
    });

    it("the default group: true marks it in one call, false on the live default is refused before any write", async () => {
        const e = new MiniEngine();
        const made = await cost(() => e.up("d", "epm:ComputerGroup", { name: "New Default", default: true }));
        assert.strictEqual(made.cost.api, 1, "isDefault in the create");
        const groups = (await epm.control<any>("GET", "/state")).groups;
        assert.deepStrictEqual(
            groups.filter((g: any) => g.isDefault).map((g: any) => g.id),
            [made.result.tracked.id],
        );
        const refused = await cost(() => e.up("d", "epm:ComputerGroup", { name: "New Default", default: false }).catch((err: Error) => err));
        assert.ok(refused.result instanceof Error, "declaring false on the default group fails");
        assert.match(refused.result.message, /default group.*declare default: true on the group that should be the default/);
        assert.deepStrictEqual([refused.cost.api, refused.cost.writes], [0, 0]);

        const back = await cost(() =>
            e.up("seed", "epm:ComputerGroup", { name: "Default Group", description: "Computers land here when they register.", default: true, adopt: true }),
        );
        assert.strictEqual(back.cost.api, 2, `the list, then MarkAsDefault: ${JSON.stringify(back.cost.byRoute)}`);
        assert.deepStrictEqual(await e.refresh("d"), [], "state's default was true; live now says false, and refresh records it");
        assert.strictEqual(e.state.get("d")!.outs.default, false);
        await e.destroy("d");
    });

    it("deletes the API refuses fail with its reason and what to do: the default group, a group holding computers, a policy in use", async () => {
        const e = new MiniEngine();
        const g = handler("epm:ComputerGroup");
        const refusal = async (run: () => Promise<unknown>) => {
            const err = await run().then(
                () => undefined,
                (x: Error) => x,
            );
            assert.ok(err, "the delete must fail");
            return err.message;
        };
        assert.match(await refusal(() => g.delete(SEED_IDS.defaultGroup, {})), /default group.*declare default: true on another epm\.ComputerGroup/s);

        const { tracked } = await e.up("full", "epm:ComputerGroup", { name: "Holds Computers" });
        await epm.control("POST", "/computers", { host: "LIFECYCLE01", groupId: tracked.id });
        const message = await refusal(() => e.destroy("full"));
        assert.match(message, /holds 1 computer/, "the API's reason");
        assert.match(message, /ComputerGroupMembership/, "what to do");

        const p = await refusal(() => handler("epm:Policy").delete(SEED_IDS.baselinePolicy, {}));
        assert.match(p, /Windows Workstations/, "the API names the group");
        assert.match(p, /PolicyAssignment/, "what to do");
    });

    it("a create whose answer was lost is found by name, not sent twice", async () => {
        await epm.sim.control("POST", "/faults", {
            rules: [{ kind: "lose-response", count: 1, match: { method: "POST", path: "/v3/" } }],
        });
        try {
            const e = new MiniEngine();
            const lostBefore = (await epm.sim.counters()).faultsInjected["lose-response"] ?? 0;
            const r = await cost(() => e.up("lost", "epm:ComputerGroup", { name: "Lost Answer" }));
            assert.strictEqual(r.cost.byRoute["POST /v3/groups"], 1, JSON.stringify(r.cost.byRoute));
            assert.strictEqual((await epm.sim.counters()).faultsInjected["lose-response"] - lostBefore, 1, "the answer was really lost");
            const named = (await epm.control<any>("GET", "/state")).groups.filter((x: any) => x.name === "Lost Answer");
            assert.deepStrictEqual(
                named.map((x: any) => x.id),
                [r.result.tracked.id],
            );
        } finally {
            await epm.sim.control("DELETE", "/faults");
        }
    });

    it("a policy create and an upload whose answers were lost: each found (by name; by a newer revision with our bytes), neither sent twice", async () => {
        const lose = (path: string) => epm.sim.control("POST", "/faults", { rules: [{ kind: "lose-response", count: 1, match: { method: "POST", path } }] });
        try {
            const e = new MiniEngine();
            const lostBefore = (await epm.sim.counters()).faultsInjected["lose-response"] ?? 0;
            await lose("/v3/");
            const created = await cost(() => e.up("lostp", "epm:Policy", { name: "Lost Policy", content: policyXml(30) }));
            assert.strictEqual(created.cost.byRoute["POST /v3/policies"], 1, JSON.stringify(created.cost.byRoute));
            await lose("/v2/");
            const updated = await cost(() => e.up("lostp", "epm:Policy", { name: "Lost Policy", content: policyXml(31) }));
            assert.strictEqual(updated.cost.byRoute["POST /v2/policies/{id}/upload"], 1, JSON.stringify(updated.cost.byRoute));
            assert.strictEqual((await epm.sim.counters()).faultsInjected["lose-response"] - lostBefore, 2, "both answers were really lost");
            const state = await epm.control<any>("GET", "/state");
            assert.deepStrictEqual(
                state.policies.filter((x: any) => x.name === "Lost Policy").map((x: any) => x.id),
                [created.result.tracked.id],
            );
            const revisions = state.revisions.filter((r: any) => r.policyId === created.result.tracked.id);
            assert.strictEqual(revisions.length, 2, "one revision from the create, one from the upload");
            assert.deepStrictEqual([e.state.get("lostp")!.outs.latestRevision, e.state.get("lostp")!.outs.contentSha256], [2, sha256(policyXml(31))]);
            await e.destroy("lostp");
        } finally {
            await epm.sim.control("DELETE", "/faults");
        }
    });

    it("apiVersion v2 sends the calls under /v2 and shares the account's token", async () => {
        const e = new MiniEngine();
        const made = await cost(() => e.up("v2", "epm:ComputerGroup", { name: "Version Two", connection: { apiVersion: "v2" } }));
        assert.deepStrictEqual(made.cost.byRoute, { "POST /v2/groups": 1 });
        assert.strictEqual(made.cost.tokens, 0, "the token minted earlier in the run serves every version");
        await e.destroy("v2");
    });

    it("one token for the whole run", () => {
        assert.strictEqual(tokens.total, 1);
    });
});
