import { strict as assert } from "node:assert";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT, samples } from "./client";

function parseLink(header: string | string[] | undefined): Record<string, URL> {
    const out: Record<string, URL> = {};
    for (const part of String(header ?? "").split(", ")) {
        const m = /^<([^>]+)>; rel="([a-z]+)"$/.exec(part);
        assert.ok(m, `bad Link part: ${part}`);
        out[m[2]] = new URL(m[1]);
    }
    return out;
}

describe("simulator: lists (pagination and filters)", function () {
    let sim: SimulatorProcess;
    let api: Api;

    before(async () => {
        sim = await startSimulatorProcess({ args: NO_RATE_LIMIT });
        api = new Api(sim);
        await sim.reset();
        // 12 jump groups; a seed is faster than 12 POSTs and keeps the test about lists.
        await sim.control("POST", "/seed", {
            collections: {
                "jump-group": Array.from({ length: 12 }, (_, i) => ({ name: `Group ${i + 1}`, code_name: `g${i + 1}` })),
            },
        });
    });
    after(async () => sim?.stop());

    it("defaults to per_page 100 and sends the X-BT-Pagination headers", async () => {
        const r = await api.get("/jump-group");
        assert.equal(r.status, 200);
        assert.equal(r.body.length, 12);
        assert.equal(r.headers["x-bt-pagination-per-page"], "100");
        assert.equal(r.headers["x-bt-pagination-current-page"], "1");
        assert.equal(r.headers["x-bt-pagination-last-page"], "1");
        assert.equal(r.headers["x-bt-pagination-total"], "12");
        const link = parseLink(r.headers.link);
        assert.deepEqual(Object.keys(link).sort(), ["first", "last"]);
    });

    it("pages through with per_page/current_page and Link first/previous/next/last", async () => {
        const p2 = await api.get("/jump-group?per_page=5&current_page=2");
        assert.deepEqual(
            p2.body.map((g: any) => g.name),
            ["Group 6", "Group 7", "Group 8", "Group 9", "Group 10"],
        );
        assert.equal(p2.headers["x-bt-pagination-last-page"], "3");
        const link = parseLink(p2.headers.link);
        assert.deepEqual(Object.keys(link).sort(), ["first", "last", "next", "previous"]);
        assert.equal(link.first.searchParams.get("current_page"), "1");
        assert.equal(link.previous.searchParams.get("current_page"), "1");
        assert.equal(link.next.searchParams.get("current_page"), "3");
        assert.equal(link.last.searchParams.get("current_page"), "3");
        assert.equal(link.next.searchParams.get("per_page"), "5");

        // Following "next" from page 1 visits every object exactly once.
        const seen: string[] = [];
        let url: string | undefined = "/jump-group?per_page=5";
        while (url) {
            const r = await api.get(url);
            seen.push(...r.body.map((g: any) => g.name));
            const l = parseLink(r.headers.link);
            url = l.next ? l.next.pathname.replace("/api/config/v1", "") + l.next.search : undefined;
        }
        assert.equal(seen.length, 12);
        assert.equal(new Set(seen).size, 12);

        const last = await api.get("/jump-group?per_page=5&current_page=3");
        assert.equal(last.body.length, 2);
        assert.equal(parseLink(last.headers.link).next, undefined);
        const beyond = await api.get("/jump-group?per_page=5&current_page=9");
        assert.deepEqual(beyond.body, []);
    });

    it("per_page must be 5..100 and current_page >= 1 (422)", async () => {
        for (const q of ["per_page=4", "per_page=101", "per_page=abc", "current_page=0", "current_page=-1"]) {
            const r = await api.get(`/jump-group?${q}`);
            assert.equal(r.status, 422, q);
            assert.ok(r.body.errors, q);
        }
        assert.equal((await api.get("/jump-group?per_page=5")).status, 200);
        assert.equal((await api.get("/jump-group?per_page=100")).status, 200);
    });

    it("string filters are exact and case-insensitive; filters combine with AND", async () => {
        const byName = await api.get("/jump-group?name=group%203");
        assert.deepEqual(
            byName.body.map((g: any) => g.name),
            ["Group 3"],
        );
        assert.deepEqual((await api.get("/jump-group?name=Group")).body, []);
        assert.deepEqual(
            (await api.get("/jump-group?code_name=G4")).body.map((g: any) => g.code_name),
            ["g4"],
        );
        assert.deepEqual((await api.get("/jump-group?name=Group%204&code_name=g4")).body.length, 1);
        assert.deepEqual((await api.get("/jump-group?name=Group%204&code_name=g5")).body, []);
        // The Link header keeps the filters.
        const r = await api.get("/jump-group?name=group%203&per_page=5");
        assert.equal(parseLink(r.headers.link).first.searchParams.get("name"), "group 3");
        assert.equal(r.headers["x-bt-pagination-total"], "1");
    });

    it("shell jump filters: integers, enums and tag; filter values are validated", async () => {
        const jp = await api.create("/jumpoint", samples.jumpoint());
        const jp2 = await api.create("/jumpoint", samples.jumpoint());
        const jg = await api.create("/jump-group", samples.jumpGroup());
        await api.create("/jump-item/shell-jump", samples.shellJump(jp.id, jg.id, { tag: "Prod", hostname: "alpha.example" }));
        await api.create("/jump-item/shell-jump", samples.shellJump(jp2.id, jg.id, { tag: "dev", hostname: "beta.example" }));
        assert.equal((await api.get(`/jump-item/shell-jump?jumpoint_id=${jp.id}`)).body.length, 1);
        assert.equal((await api.get(`/jump-item/shell-jump?jump_group_id=${jg.id}`)).body.length, 2);
        assert.equal((await api.get("/jump-item/shell-jump?tag=prod")).body.length, 1);
        assert.equal((await api.get("/jump-item/shell-jump?hostname=BETA.example")).body.length, 1);
        assert.equal((await api.get("/jump-item/shell-jump?jump_group_type=personal")).body.length, 0);
        assert.equal((await api.get(`/jump-item/shell-jump?jumpoint_id=${jp.id}&tag=dev`)).body.length, 0);
        assert.equal((await api.get("/jump-item/shell-jump?hostname=ab")).status, 422);
        assert.equal((await api.get("/jump-item/shell-jump?jumpoint_id=x")).status, 422);
        assert.equal((await api.get("/jump-item/shell-jump?jump_group_type=team")).status, 422);
    });

    it("vault account filters by type, name and account group", async () => {
        await api.create("/vault/account", { type: "opaque_token", name: "T1", token: "x" });
        await api.create("/vault/account", { type: "username_password", name: "U1", username: "u", password: "p" });
        assert.deepEqual(
            (await api.get("/vault/account?type=opaque_token")).body.map((a: any) => a.name),
            ["T1"],
        );
        assert.equal((await api.get("/vault/account?account_group_id=1")).body.length, 2);
        assert.equal((await api.get("/vault/account?name=u1&include_personal=true")).body.length, 1);
        assert.equal((await api.get("/vault/account?type=bogus")).status, 422);
    });
});
