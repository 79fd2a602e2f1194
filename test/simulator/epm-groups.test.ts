import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { Epm, problemOf, SEED, useEpmSimulator } from "./epm-client";

describe("simulator: EPM groups, paging, sorting, case-insensitive routes", function () {
    let sim: SimulatorProcess;
    let epm: Epm;
    useEpmSimulator({ login: true }, (s, e) => {
        sim = s;
        epm = e;
    });

    it("serves the same routes under v1, v2 and v3, in any case, with camelCase replies", async () => {
        for (const version of ["v1", "v2", "v3"]) {
            const r = await epm.call("GET", `/Groups/${SEED.workstations}`, undefined, { version });
            assert.equal(r.status, 200, version);
            assert.equal(r.body.name, "Windows Workstations");
        }
        const odd = await epm.call("GET", `/gROUPS/${SEED.workstations.toUpperCase()}`, undefined, { version: "V3" });
        assert.equal(odd.status, 200);
        assert.deepEqual(Object.keys(odd.body).sort(), [
            "activeComputers",
            "computerCount",
            "created",
            "default",
            "description",
            "errorInfo",
            "id",
            "locked",
            "name",
            "policyId",
            "policyName",
            "policyRevisionId",
            "policyRevisionStatus",
            "revision",
        ]);
        assert.equal(odd.body.policyId, SEED.policy);
        assert.equal(odd.body.revision, 1);
        assert.equal(odd.body.policyRevisionStatus, "Latest");
        assert.equal(odd.body.computerCount, 3);
        problemOf(await epm.get("/NoSuchThing"), 404);
        problemOf(await epm.get("/Groups/not-a-guid"), 400);
        problemOf(await epm.get("/Groups/00000000-0000-4000-8000-00000000ffff"), 404);
    });

    it("create (201, JSON-string GUID, case-insensitive property names), get, PUT with the id in the body (204), delete (204)", async () => {
        const create = await epm.post("/Groups", { NAME: "Finance", Description: "money", isDefault: false });
        assert.equal(create.status, 201);
        assert.equal(typeof create.body, "string");
        assert.match(create.text, /^"[0-9a-f-]{36}"$/);
        const id = create.body;
        const got = await epm.get(`/Groups/${id}`);
        assert.equal(got.body.name, "Finance");
        assert.equal(got.body.default, false);
        assert.equal(got.body.computerCount, 0);

        const put = await epm.put("/Groups", { id, name: "Finance EU", description: null });
        assert.equal(put.status, 204);
        assert.equal(put.text, "");
        const after = await epm.get(`/Groups/${id}`);
        assert.deepEqual([after.body.name, after.body.description], ["Finance EU", null]);
        problemOf(await epm.call("PUT", `/Groups/${id}`, { name: "x" }), 405);

        const dup = problemOf(await epm.post("/Groups", { name: "finance eu" }), 400);
        assert.ok(dup.errors?.Name);
        const noName = problemOf(await epm.post("/Groups", { description: "x" }), 400);
        assert.equal(noName.title, "One or more validation errors occurred.");
        problemOf(await epm.call("POST", "/Groups", undefined, { raw: "{not json", headers: { "Content-Type": "application/json" } }), 400);
        problemOf(await epm.call("POST", "/Groups", undefined, { raw: "name=x", headers: { "Content-Type": "text/plain" } }), 415);

        assert.equal((await epm.del(`/Groups/${id}`)).status, 204);
        problemOf(await epm.get(`/Groups/${id}`), 404);
        problemOf(await epm.del(`/Groups/${id}`), 404);
    });

    it("refuses to delete the default group or a group holding computers, with the reason", async () => {
        const def = problemOf(await epm.del(`/Groups/${SEED.defaultGroup}`), 400);
        assert.match(def.detail, /default group/);
        const full = problemOf(await epm.del(`/Groups/${SEED.workstations}`), 400);
        assert.match(full.detail, /holds 3 computer/);
    });

    it("AssignComputers moves computers between groups; UnassignComputers sends them back to the default group", async () => {
        const target = await epm.createGroup("Target");
        const assign = await epm.post(`/Groups/${target}/AssignComputers`, { computerIds: [SEED.computer(1), SEED.computer(5)] });
        assert.equal(assign.status, 200);
        assert.match(assign.text, /^"[0-9a-f-]{36}"$/);
        assert.equal((await epm.get(`/Groups/${target}`)).body.computerCount, 2);
        assert.equal((await epm.get(`/Groups/${SEED.workstations}`)).body.computerCount, 2);
        const moved = await epm.get(`/Computers/${SEED.computer(5)}`);
        assert.deepEqual([moved.body.groupId, moved.body.groupName], [target, "Target"]);

        problemOf(await epm.post(`/Groups/${target}/AssignComputers`, { computerIds: ["00000000-0000-4000-8000-00000000dead"] }), 404);
        problemOf(await epm.post(`/Groups/${target}/AssignComputers`, { computerIds: [] }), 400);

        const unassign = await epm.post("/Groups/UnassignComputers", { allComputers: false, selectionComputerIds: [SEED.computer(1)], groupId: target });
        assert.equal(unassign.status, 204);
        assert.equal((await epm.get(`/Computers/${SEED.computer(1)}`)).body.groupId, SEED.defaultGroup);
        assert.equal((await epm.get(`/Groups/${target}`)).body.computerCount, 1);
        assert.equal((await epm.del(`/Groups/${target}`)).status, 400);
        await epm.post("/Groups/UnassignComputers", { selectionComputerIds: [SEED.computer(5)] });
        assert.equal((await epm.del(`/Groups/${target}`)).status, 204, "an emptied group can go");
    });

    it("assigns a chosen revision, auto-assigns the latest, clears the policy, and sets the default", async () => {
        const g = await epm.createGroup("Policy Target");
        const none = problemOf(await epm.post(`/Groups/${g}/AssignPolicyRevision`, { policyRevisionId: "00000000-0000-4000-8000-00000000beef" }), 404);
        assert.match(none.detail, /revision/);
        assert.equal((await epm.post(`/Groups/${g}/AssignPolicyRevision`, { PolicyRevisionId: SEED.revision })).status, 204);
        let view = (await epm.get(`/Groups/${g}`)).body;
        assert.deepEqual([view.policyId, view.policyRevisionId, view.revision, view.policyRevisionStatus], [SEED.policy, SEED.revision, 1, "Latest"]);

        const up = await epm.form(
            "POST",
            `/Policies/${SEED.policy}/Upload`,
            [{ name: "PolicyFile", value: "<Configuration v='2'/>", filename: "p.xml" }],
            "v2",
        );
        assert.equal(up.status, 200, up.text);
        view = (await epm.get(`/Groups/${g}`)).body;
        assert.deepEqual([view.revision, view.policyRevisionStatus], [1, "Outdated"]);

        problemOf(await epm.post("/Groups/AutoAssignPolicyRevision", {}), 400);
        const auto = await epm.post("/Groups/AutoAssignPolicyRevision", { policyId: SEED.policy });
        assert.equal(auto.status, 200);
        assert.equal(auto.body, up.body, "the GUID is the latest revision's");
        for (const id of [g, SEED.workstations]) {
            view = (await epm.get(`/Groups/${id}`)).body;
            assert.deepEqual([view.revision, view.policyRevisionStatus], [2, "Latest"]);
        }

        assert.equal((await epm.post(`/Groups/${g}/ClearPolicy`)).status, 204);
        view = (await epm.get(`/Groups/${g}`)).body;
        assert.deepEqual([view.policyId, view.policyRevisionId, view.revision], [null, null, null]);

        assert.equal((await epm.post(`/Groups/${g}/MarkAsDefault`)).status, 204);
        assert.equal((await epm.get(`/Groups/${g}`)).body.default, true);
        assert.equal((await epm.get(`/Groups/${SEED.defaultGroup}`)).body.default, false);
        assert.equal((await epm.del(`/Groups/${SEED.defaultGroup}`)).status, 400, "still holds a computer");
    });

    it("pages past 200 with the envelope, refuses a page size above 200, and sorts", async () => {
        await sim.control("POST", "/clock", { frozen: true });
        for (let i = 0; i < 230; i++) {
            await epm.createGroup(`bulk-${String(i).padStart(3, "0")}`);
            await sim.control("POST", "/clock", { advanceMs: 1000 });
        }
        const first = (await epm.get("/Groups?Pagination.PageNumber=1&Pagination.PageSize=200")).body;
        assert.deepEqual([first.pageNumber, first.pageSize, first.totalRecordCount, first.pageCount, first.data.length], [1, 200, 233, 2, 200]);
        const second = (await epm.get("/Groups?pagination.pagenumber=2&PAGINATION.PAGESIZE=200")).body;
        assert.deepEqual([second.pageNumber, second.data.length], [2, 33]);
        const ids = new Set([...first.data, ...second.data].map((g: any) => g.id));
        assert.equal(ids.size, 233, "no repeats or gaps across pages (stable sort by created)");
        const past = (await epm.get("/Groups?Pagination.PageNumber=9&Pagination.PageSize=200")).body;
        assert.deepEqual([past.data.length, past.totalRecordCount], [0, 233]);

        const tooBig = problemOf(await epm.get("/Groups?Pagination.PageSize=201"), 400);
        assert.ok(tooBig.errors?.["Pagination.PageSize"]);
        problemOf(await epm.get("/Groups?Pagination.PageNumber=0"), 400);
        const defaults = (await epm.get("/Groups")).body;
        assert.deepEqual([defaults.pageNumber, defaults.pageSize, defaults.data.length], [1, 10, 10]);

        const byNameDesc = (await epm.get("/Groups?Sorts[0].by=name&Sorts[0].order=desc&Pagination.PageSize=3")).body;
        assert.deepEqual(
            byNameDesc.data.map((g: any) => g.name),
            ["Windows Workstations", "Mac Fleet", "Default Group"],
        );
        const two = (await epm.get("/Groups?Sorts[0].by=computerCount&Sorts[0].order=desc&Sorts[1].by=name&Pagination.PageSize=3")).body;
        assert.deepEqual(
            two.data.map((g: any) => g.name),
            ["Windows Workstations", "Mac Fleet", "Default Group"],
        );
        problemOf(await epm.get("/Groups?Sorts[0].by=name&Sorts[0].order=sideways"), 400);
    });

    it("filters by Filter.Created.Dates (single day and range)", async () => {
        const all = (await epm.get("/Groups?Pagination.PageSize=200")).body.data;
        const mac = all.find((g: any) => g.id === SEED.macFleet);
        const day = mac.created.slice(0, 10);
        const single = (await epm.get(`/Groups?Filter.Created.Dates=${day}&Filter.Created.SelectionMode=Single`)).body;
        assert.deepEqual(
            single.data.map((g: any) => g.id),
            [SEED.macFleet],
        );
        const ws = all.find((g: any) => g.id === SEED.workstations);
        const range = (
            await epm.get(
                `/Groups?Filter.Created.Dates=${encodeURIComponent(ws.created)}&Filter.Created.Dates=${encodeURIComponent(mac.created)}&Filter.Created.SelectionMode=Range`,
            )
        ).body;
        assert.deepEqual(range.data.map((g: any) => g.id).sort(), [SEED.workstations, SEED.macFleet].sort());
        problemOf(await epm.get("/Groups?Filter.Created.Dates=yesterday-ish"), 400);
    });

    it("counts requests by method and route pattern", async () => {
        await epm.get(`/Groups/${SEED.workstations}`);
        await epm.get(`/groups/${SEED.macFleet}`);
        const counters = await sim.control("GET", "/epm/counters");
        assert.equal(counters.requests.byRoute["GET /v3/groups/{id}"], 2);
    });
});
