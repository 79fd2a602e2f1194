import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT } from "./client";
import { Epm, EPM_ARGS, EPM_ID, POLICY_XML, problemOf, SEED, useEpmSimulator } from "./epm-client";
import { PsClient } from "./ps-client";

describe("simulator: EPM policies and XML revisions", function () {
    let epm: Epm;
    useEpmSimulator({ login: true }, (_s, e) => {
        epm = e;
    });

    it("creates from multipart (Name, Description, PolicyFile): 201 GUID; get and list show it", async () => {
        const id = await epm.createPolicy("Servers");
        const got = await epm.get(`/Policies/${id}`);
        assert.equal(got.status, 200);
        assert.deepEqual(
            [got.body.id, got.body.name, got.body.description, got.body.revision, got.body.revisionCount, got.body.isAssignedToGroup],
            [id, "Servers", "Servers description", 1, 1, false],
        );
        const list = (await epm.get("/Policies?Pagination.PageSize=50")).body;
        assert.deepEqual(list.data.map((p: any) => p.name).sort(), ["Baseline Windows Policy", "Servers"]);
        assert.equal(list.totalRecordCount, 2);
        // Part names bind in any case, as ASP.NET's form binder does.
        const lower = await epm.form("POST", "/Policies", [
            { name: "name", value: "Lower" },
            { name: "policyfile", value: "<a/>", filename: "a.xml" },
        ]);
        assert.equal(lower.status, 201, lower.text);
    });

    it("refuses malformed XML, a missing file, a missing name, a duplicate name and a JSON body", async () => {
        for (const bad of ["<Configuration><Policies></Configuration>", "not xml at all", "<a></a><b/>", "<a x=unquoted/>", "<a>&nope</a>"]) {
            const r = await epm.form("POST", "/Policies", [
                { name: "Name", value: "Bad" },
                { name: "PolicyFile", value: bad, filename: "bad.xml" },
            ]);
            const p = problemOf(r, 400);
            assert.match(p.detail, /not well-formed XML/, bad);
            assert.ok(p.errors?.PolicyFile);
        }
        problemOf(await epm.form("POST", "/Policies", [{ name: "Name", value: "NoFile" }]), 400);
        problemOf(await epm.form("POST", "/Policies", [{ name: "PolicyFile", value: "<a/>", filename: "a.xml" }]), 400);
        problemOf(
            await epm.form("POST", "/Policies", [
                { name: "Name", value: "Baseline Windows Policy" },
                { name: "PolicyFile", value: "<a/>", filename: "a.xml" },
            ]),
            400,
        );
        problemOf(await epm.post("/Policies", { name: "json" }), 415);
    });

    it("renames by PUT /Policies/{id} and by PUT /Policies with the id in the body (204); PATCH discards a draft", async () => {
        const id = await epm.createPolicy("Old Name");
        assert.equal((await epm.put(`/Policies/${id}`, { name: "New Name", description: "d1" })).status, 204);
        assert.equal((await epm.get(`/Policies/${id}`)).body.name, "New Name");
        assert.equal((await epm.put("/Policies", { Id: id, Name: "Newer Name", Description: null })).status, 204);
        const got = (await epm.get(`/Policies/${id}`)).body;
        assert.deepEqual([got.name, got.description], ["Newer Name", null]);
        assert.equal((await epm.call("PATCH", `/Policies/${id}`)).status, 204);
        problemOf(await epm.put(`/Policies/${id}`, { description: "no name" }), 400);
        problemOf(await epm.put("/Policies/00000000-0000-4000-8000-00000000abcd", { name: "x" }), 404);
    });

    it("uploads revisions (multipart, v2 and v3), lists them, and downloads the exact XML of the latest or a chosen one", async () => {
        const v1xml = POLICY_XML("rt");
        const id = await epm.createPolicy("Round Trip", v1xml);
        const v2xml = `<?xml version="1.0"?>\n<Configuration Name="rt" Revision="2">\n  <Policies><Policy ID="é-ünïcode" /></Policies>\n</Configuration>\n`;
        const up = await epm.form("POST", `/Policies/${id}/Upload`, [{ name: "PolicyFile", value: v2xml, filename: "rt.xml" }], "v2");
        assert.equal(up.status, 200, up.text);
        assert.match(up.text, /^"[0-9a-f-]{36}"$/);
        const up3 = await epm.form("POST", `/Policies/${id}/upload`, [
            { name: "PolicyFile", value: "<Configuration Revision='3'/>", filename: "rt.xml" },
            { name: "AutoAssignToGroups", value: "false" },
        ]);
        assert.equal(up3.status, 200);

        const revs = await epm.get(`/Policies/${id}/Revisions`);
        assert.equal(revs.status, 200);
        assert.ok(Array.isArray(revs.body), "a bare array, no envelope");
        assert.deepEqual(
            revs.body.map((r: any) => [r.revision, r.isLatest]),
            [
                [1, false],
                [2, false],
                [3, true],
            ],
        );
        assert.equal(revs.body[1].id, up.body);
        assert.equal(revs.body[1].size, Buffer.byteLength(v2xml));
        for (const k of ["id", "policyId", "revision", "created", "comment", "lastModifiedUser", "size", "isLatest"]) assert.ok(k in revs.body[0], k);

        const latest = await epm.call("GET", `/Policies/${id}/Content`, undefined, { version: "v2" });
        assert.equal(latest.status, 200);
        assert.match(String(latest.headers["content-type"]), /^application\/xml/);
        assert.equal(latest.text, "<Configuration Revision='3'/>");
        const chosen = await epm.get(`/Policies/${id}/Revisions/${up.body}/Content`);
        assert.equal(chosen.text, v2xml, "byte-exact round trip");
        assert.equal((await epm.get(`/Policies/${id}/Revisions/${up.body}`)).body.revision, 2);
        problemOf(await epm.get(`/Policies/${id}/Revisions/${SEED.revision}/Content`), 404);
        problemOf(await epm.get("/Policies/00000000-0000-4000-8000-00000000abcd/Content"), 404);
        problemOf(await epm.form("POST", `/Policies/${id}/Upload`, [{ name: "PolicyFile", value: "<broken>", filename: "b.xml" }]), 400);
        problemOf(
            await epm.form("POST", `/Policies/${id}/Upload`, [
                { name: "PolicyFile", value: "<a/>", filename: "b.xml" },
                { name: "AutoAssignToGroups", value: "maybe" },
            ]),
            400,
        );
    });

    it("an upload with AutoAssignToGroups moves the groups using the policy onto the new revision", async () => {
        const up = await epm.form("POST", `/Policies/${SEED.policy}/Upload`, [
            { name: "PolicyFile", value: "<Configuration/>", filename: "p.xml" },
            { name: "AutoAssignToGroups", value: "true" },
        ]);
        const g = (await epm.get(`/Groups/${SEED.workstations}`)).body;
        assert.deepEqual([g.policyRevisionId, g.revision, g.policyRevisionStatus], [up.body, 2, "Latest"]);
    });

    it("refuses to delete a policy a group uses (naming the group); deletes it once unassigned", async () => {
        const p = problemOf(await epm.del(`/Policies/${SEED.policy}`), 400);
        assert.match(p.detail, /Windows Workstations/);
        await epm.post(`/Groups/${SEED.workstations}/ClearPolicy`);
        assert.equal((await epm.del(`/Policies/${SEED.policy}`)).status, 204);
        problemOf(await epm.get(`/Policies/${SEED.policy}`), 404);
        problemOf(await epm.get(`/Policies/${SEED.policy}/Revisions`), 404);
    });
});

describe("simulator: EPM computers", function () {
    let sim: SimulatorProcess;
    let epm: Epm;
    useEpmSimulator({ login: true }, (s, e) => {
        sim = s;
        epm = e;
    });

    it("lists the six seeded computers across Windows and macOS, sorted by created; get shows the detail", async () => {
        const list = (await epm.get("/Computers?Pagination.PageSize=200&Sorts[0].by=created&Sorts[0].order=asc")).body;
        assert.equal(list.totalRecordCount, 6);
        assert.deepEqual([...new Set(list.data.map((c: any) => c.hostType))].sort(), ["MacOS", "MicrosoftWindows"]);
        assert.deepEqual([...new Set(list.data.map((c: any) => c.connectionStatus))].sort(), ["Connected", "Disconnected"]);
        const created = list.data.map((c: any) => c.created);
        assert.deepEqual(created, [...created].sort());
        for (const k of ["id", "host", "domain", "os", "agentVersion", "groupId", "groupName", "policyName", "archived", "daysDisconnected"])
            assert.ok(k in list.data[0], k);
        const one = await epm.get(`/Computers/${SEED.computer(1)}`);
        assert.deepEqual([one.body.host, one.body.policyName, one.body.endpointInformation.systemName], ["CORPWS01", "Baseline Windows Policy", "CORPWS01"]);
        const disconnected = (await epm.get(`/Computers/${SEED.computer(6)}`)).body;
        assert.ok(disconnected.daysDisconnected > 0);
    });

    it("filters by Filter.LastConnected.Dates and ignores unknown filter keys", async () => {
        const c6 = (await epm.get(`/Computers/${SEED.computer(6)}`)).body;
        const r = (await epm.get(`/Computers?Filter.LastConnected.Dates=${c6.lastConnected.slice(0, 10)}&Filter.Unknown=1`)).body;
        assert.deepEqual(
            r.data.map((c: any) => c.id),
            [SEED.computer(6)],
        );
    });

    it("archives and unarchives (bulk and per id), deletes with a body, and has no per-id DELETE", async () => {
        assert.equal((await epm.call("POST", "/Computers/Archive", { computerIds: [SEED.computer(1), SEED.computer(2)] }, { version: "v2" })).status, 200);
        assert.equal((await epm.get(`/Computers/${SEED.computer(2)}`)).body.archived, true);
        assert.equal((await epm.post("/Computers/Unarchive", { computerIds: [SEED.computer(2)] })).status, 200);
        assert.equal((await epm.get(`/Computers/${SEED.computer(2)}`)).body.archived, false);
        assert.equal((await epm.post(`/Computers/${SEED.computer(3)}/archive`)).status, 200);
        assert.equal((await epm.get(`/Computers/${SEED.computer(3)}`)).body.archived, true);
        assert.equal((await epm.post(`/Computers/${SEED.computer(3)}/Unarchive`)).status, 200);
        assert.equal((await epm.get(`/Computers/${SEED.computer(3)}`)).body.archived, false);

        problemOf(await epm.del(`/Computers/${SEED.computer(4)}`), 405);
        const del = await epm.del("/Computers", { computerIds: [SEED.computer(4), SEED.computer(6)] });
        assert.equal(del.status, 200, del.text);
        assert.equal(del.text, "");
        problemOf(await epm.get(`/Computers/${SEED.computer(4)}`), 404);
        assert.equal((await epm.get("/Computers")).body.totalRecordCount, 4);
        problemOf(await epm.del("/Computers", { computerIds: [SEED.computer(4)] }), 404);
    });

    it("the API cannot create computers; the control API can", async () => {
        problemOf(await epm.post("/Computers", { host: "x" }), 405);
        const added = await sim.control("POST", "/epm/computers", {
            host: "NEWMAC",
            hostType: "MacOS",
            os: "macOS 15",
            connectionStatus: "Disconnected",
            groupId: SEED.macFleet,
        });
        const got = (await epm.get(`/Computers/${added.id}`)).body;
        assert.deepEqual([got.host, got.hostType, got.groupName], ["NEWMAC", "MacOS", "Mac Fleet"]);
        assert.equal((await epm.get(`/Groups/${SEED.macFleet}`)).body.computerCount, 3);
    });

    it("out-of-band edits through the control API show in the Management API (drift)", async () => {
        await sim.control("PATCH", `/epm/groups/${SEED.macFleet}`, { name: "Renamed Behind Your Back" });
        assert.equal((await epm.get(`/Groups/${SEED.macFleet}`)).body.name, "Renamed Behind Your Back");
        const res = await fetch(`${sim.controlUrl}/epm/policies/${SEED.policy}/revisions`, { method: "POST", body: "<Configuration oob='1'/>" });
        assert.equal(res.status, 200);
        assert.equal((await epm.get(`/Groups/${SEED.workstations}`)).body.policyRevisionStatus, "Outdated");
        assert.equal((await epm.get(`/Policies/${SEED.policy}/Content`)).text, "<Configuration oob='1'/>");
        const g = await epm.createGroup("Doomed");
        await sim.control("DELETE", `/epm/groups/${g}`);
        problemOf(await epm.get(`/Groups/${g}`), 404);
        const state = await sim.control("GET", "/epm/state");
        assert.equal(state.groups.length, 3);
        const assumptions = await sim.control("GET", "/epm/assumptions");
        assert.ok(assumptions.some((a: any) => a.id === "U1"));
    });

    it("faults from the core apply to EPM routes", async () => {
        await sim.control("POST", "/faults", { rules: [{ kind: "status", match: { path: "/v3/Groups" }, status: 503, count: 1 }] });
        const r = await epm.get("/Groups");
        problemOf(r, 503);
        assert.equal((await epm.get("/Groups")).status, 200);
    });
});

describe("simulator: EPM --state and the other products beside it", function () {
    it("keeps EPM's objects in the --state file across a restart, beside PRA's", async () => {
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "epm-state-"));
        const file = path.join(dir, "state.json");
        let sim = await startSimulatorProcess({ stateFile: file, args: [...NO_RATE_LIMIT, ...EPM_ARGS] });
        try {
            let epm = new Epm(sim);
            const g = await epm.createGroup("Persisted");
            const p = await epm.createPolicy("Persisted Policy", "<Configuration keep='yes'/>");
            await epm.post(`/Groups/${g}/AssignComputers`, { computerIds: [SEED.computer(5)] });
            const pra = new Api(sim);
            const jp = await pra.create("/jumpoint", { name: "persist-jp", platform: "linux-x86" });
            await sim.stop();

            const saved = JSON.parse(fs.readFileSync(file, "utf8"));
            assert.ok(
                saved.epm.groups.some((x: any) => x.id === g),
                "EPM's part is under its key",
            );
            assert.ok(!fs.readFileSync(file, "utf8").includes("epm-test-secret-value"), "no secret in state");

            sim = await startSimulatorProcess({ stateFile: file, args: [...NO_RATE_LIMIT, ...EPM_ARGS] });
            epm = new Epm(sim);
            assert.equal((await epm.get(`/Groups/${g}`)).body.computerCount, 1);
            assert.equal((await epm.get(`/Policies/${p}/Content`)).text, "<Configuration keep='yes'/>");
            assert.equal((await new Api(sim).get(`/jumpoint/${jp.id}`)).status, 200, "PRA's objects too");
        } finally {
            await sim.stop();
            fs.rmSync(dir, { recursive: true, force: true });
        }
    });

    it("PRA's and Password Safe's APIs still work with EPM mounted, and EPM's token opens neither", async () => {
        const sim = await startSimulatorProcess({ args: [...NO_RATE_LIMIT, ...EPM_ARGS] });
        try {
            assert.equal(sim.env.BT_EPM_API_URL, sim.apiHost, "the launcher reads EPM's printed lines");
            assert.equal(sim.env.BT_EPM_CLIENT_ID, EPM_ID);
            const ps = new PsClient(sim);
            assert.equal((await ps.signIn()).status, 200);
            assert.equal((await ps.get("/secrets-safe/safes")).status, 200);
            const pra = new Api(sim);
            assert.equal((await pra.get("/jumpoint")).status, 200);
            const epm = new Epm(sim);
            const epmToken = await epm.login();
            assert.equal((await pra.get("/jumpoint", { token: epmToken })).status, 401);
            assert.equal((await epm.call("GET", "/Groups", undefined, { token: pra.token })).status, 401);
            assert.equal((await ps.call("GET", "/secrets-safe/safes", { noCookie: true, headers: { Authorization: `Bearer ${epmToken}` } })).status, 401);
        } finally {
            await sim.stop();
        }
    });
});
