import { strict as assert } from "node:assert";
import { spawnSync } from "node:child_process";
import * as fs from "node:fs";
import * as os from "node:os";
import * as path from "node:path";
import { startSimulatorProcess } from "../support/simulator";
import { Api, samples } from "./client";

describe("simulator: --state persistence", function () {
    let dir: string;

    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bt-sim-state-"));
    });
    afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

    it("keeps objects and grants across a restart, and ids keep counting", async () => {
        const file = path.join(dir, "state.json");
        const first = await startSimulatorProcess({ stateFile: file, args: ["--client-id", "me", "--client-secret", "s"] });
        let jg: any;
        let jp: any;
        try {
            const api = new Api(first);
            jg = await api.create("/jump-group", samples.jumpGroup({ code_name: "kept" }));
            jp = await api.create("/jumpoint", samples.jumpoint());
            await api.create("/vault/account", { type: "opaque_token", name: "t", token: "persisted-secret" });
            const gp = await api.create("/group-policy", { name: "gp" });
            await api.post(`/group-policy/${gp.id}/jumpoint`, { jumpoint_id: jp.id });
            await api.del(`/jumpoint/${jp.id}`);
            jp = await api.create("/jumpoint", samples.jumpoint());
        } finally {
            await first.stop();
        }
        const saved = JSON.parse(fs.readFileSync(file, "utf8"));
        assert.equal(saved.collections["jump-group"][0].code_name, "kept");

        const second = await startSimulatorProcess({ stateFile: file, args: ["--client-id", "me", "--client-secret", "s"] });
        try {
            const api = new Api(second);
            assert.equal((await api.get(`/jump-group/${jg.id}`)).body.code_name, "kept");
            assert.equal((await api.get(`/jumpoint/${jp.id}`)).status, 200);
            assert.equal((await second.control("GET", "/api/vault/account/1")).token, "persisted-secret");
            const next = await api.create("/jumpoint", samples.jumpoint());
            assert.equal(next.id, jp.id + 1, "a deleted id is not reused after restart");
        } finally {
            await second.stop();
        }
    });

    it("writes atomically (a new file renamed into place), leaving no temp files", async () => {
        const file = path.join(dir, "state.json");
        const sim = await startSimulatorProcess({ stateFile: file });
        try {
            const api = new Api(sim);
            const before = fs.statSync(file).ino;
            await api.create("/jump-group", samples.jumpGroup());
            const after = fs.statSync(file).ino;
            assert.notEqual(after, before, "the state file was rewritten in place instead of replaced");
            JSON.parse(fs.readFileSync(file, "utf8"));
            // The lock file (see "one state file, one simulator") is there while it runs; no temp files.
            assert.deepEqual(fs.readdirSync(dir).sort(), ["state.json", "state.json.lock"]);
            // Out-of-band edits are persisted too.
            await sim.control("PATCH", "/api/vault/account-group/1", { description: "edited" });
            assert.equal(JSON.parse(fs.readFileSync(file, "utf8")).collections["vault/account-group"][0].description, "edited");
        } finally {
            await sim.stop();
        }
        assert.deepEqual(fs.readdirSync(dir), ["state.json"], "the lock is removed on stop");
    });

    it("one state file, one simulator: a second process is refused, naming the first one's pid", async () => {
        const file = path.join(dir, "state.json");
        const first = await startSimulatorProcess({ stateFile: file });
        try {
            const api = new Api(first);
            await api.create("/jump-group", samples.jumpGroup({ name: "made by the first" }));
            const pid = Number(fs.readFileSync(`${file}.lock`, "utf8"));
            assert.ok(pid > 0 && pid !== process.pid);
            await assert.rejects(startSimulatorProcess({ stateFile: file }), (err: Error) => {
                assert.match(err.message, new RegExp(`held by another bt-simulator \\(pid ${pid}\\)`));
                return true;
            });
            // The refused process changed nothing: the first one's objects are in the file and it serves on.
            await api.create("/jump-group", samples.jumpGroup({ name: "made after the refusal" }));
            const names = JSON.parse(fs.readFileSync(file, "utf8")).collections["jump-group"].map((g: any) => g.name);
            assert.deepEqual(names, ["made by the first", "made after the refusal"]);
        } finally {
            await first.stop();
        }
    });

    it("a stale lock of a process that is gone is taken over", async () => {
        const file = path.join(dir, "state.json");
        const first = await startSimulatorProcess({ stateFile: file });
        await new Api(first).create("/jump-group", samples.jumpGroup({ name: "kept" }));
        await first.stop();
        // A lock left behind by a process that no longer exists (as after kill -9).
        const gone = spawnSync(process.execPath, ["-e", ""]).pid;
        fs.writeFileSync(`${file}.lock`, `${gone}\n`);
        const second = await startSimulatorProcess({ stateFile: file });
        try {
            assert.notEqual(Number(fs.readFileSync(`${file}.lock`, "utf8")), gone);
            const names = (await new Api(second).get("/jump-group")).body.map((g: any) => g.name);
            assert.deepEqual(names, ["kept"]);
        } finally {
            await second.stop();
        }
    });

    it("refuses a state file of the other product", async () => {
        const file = path.join(dir, "state.json");
        const pra = await startSimulatorProcess({ stateFile: file });
        await pra.stop();
        let wrong;
        try {
            wrong = await startSimulatorProcess({ stateFile: file, product: "rs" });
        } catch (err) {
            assert.match(String(err), /pra appliance/);
        }
        if (wrong) {
            await wrong.stop();
            assert.fail("an rs simulator started on a pra state file");
        }
    });
});
