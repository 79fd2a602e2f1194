// Every Password Safe kind through create, no-op, update, out-of-band edit (drift seen), out-of-band
// delete, adopt and delete, over real HTTP against the simulator process. Each step asserts the API
// calls it cost (the simulator's Password Safe counters; sign-ins counted apart), the run signs in
// once, and an expired session costs exactly one re-sign-in. Secret values never appear in
// failures, and a file given by path never reaches the outputs.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { handler } from "../../provider";
import { sha256 } from "../../provider/passwordsafe/file-secret";
import { MiniEngine } from "../support/mini-engine";
import { usePasswordSafeSimulator } from "../support/password-safe-env";

type Props = Record<string, unknown>;

const PASSWORD = "Pa55-lifecycle-secret";
const TEXT = "lifecycle text secret body";
const FILE_TEXT = "lifecycle file secret content\n";

interface Cost {
    api: number;
    signIns: number;
    unauthorized: number;
    byRoute: Record<string, number>;
}

interface KindCase {
    kind: string;
    create: (deps: Props) => Props;
    update: Props;
    /** Out-of-band edit through the control API: collection, body (public PascalCase names), the property that drifts. */
    drift: { collection: "safes" | "folders" | "secrets"; body: Props; property: string };
    /** API calls per step (create, update, adopt by natural key). */
    calls: { create: number; update: number; adopt: number };
    /** A change that moves the object to another parent in place (one call). */
    move?: (deps: Props) => Props;
}

const CASES: KindCase[] = [
    {
        kind: "passwordsafe:Safe",
        create: () => ({ name: "Lifecycle Safe", description: "managed by pulumi" }),
        update: { description: "changed by pulumi" },
        drift: { collection: "safes", body: { Description: "edited out of band" }, property: "description" },
        calls: { create: 1, update: 1, adopt: 2 }, // adopt: list safes + PUT
    },
    {
        kind: "passwordsafe:Folder",
        create: () => ({ name: "Linux", parentPath: "Seed Safe" }),
        update: { description: "servers" },
        drift: { collection: "folders", body: { Name: "Renamed out of band" }, property: "name" },
        // create: list folders (the path) + POST; update: the path again + PUT; adopt (by then named by parentId): the list, nothing to change
        calls: { create: 2, update: 2, adopt: 1 },
        move: (deps) => ({ name: "Linux", description: "servers", parentId: deps.otherFolderId }),
    },
    {
        kind: "passwordsafe:CredentialSecret",
        create: (deps) => ({ folderId: deps.folderId, title: "root", username: "root", password: PASSWORD, urls: ["https://db.internal/"] }),
        update: { password: `${PASSWORD}-2`, notes: "rotated" },
        drift: { collection: "secrets", body: { Password: "changed-out-of-band-1" }, property: "password" },
        calls: { create: 1, update: 1, adopt: 2 }, // adopt: list the folder's secrets + PUT
        move: (deps) => ({
            folderId: deps.otherFolderId,
            title: "root",
            username: "root",
            password: `${PASSWORD}-2`,
            notes: "rotated",
            urls: ["https://db.internal/"],
        }),
    },
    {
        kind: "passwordsafe:TextSecret",
        create: (deps) => ({ folderId: deps.folderId, title: "motd", text: TEXT }),
        update: { text: `${TEXT} v2` },
        drift: { collection: "secrets", body: { Text: "changed-out-of-band-2" }, property: "text" },
        calls: { create: 1, update: 1, adopt: 2 },
        move: (deps) => ({ folderId: deps.otherFolderId, title: "motd", text: `${TEXT} v2` }),
    },
    {
        kind: "passwordsafe:FileSecret",
        create: (deps) => ({ folderId: deps.folderId, title: "kubeconfig", fileName: "config", contentFile: deps.file }),
        update: { description: "cluster a" },
        drift: { collection: "secrets", body: { Content: Buffer.from("replaced out of band").toString("base64") }, property: "contentSha256" },
        calls: { create: 1, update: 2, adopt: 3 }, // update: PUT (204) + GET; adopt: list + PUT + GET
    },
];

describe("provider: every Password Safe kind's lifecycle against the simulator", function () {
    this.timeout(120_000);
    const ps = usePasswordSafeSimulator([PASSWORD, `${PASSWORD}-2`, TEXT, `${TEXT} v2`, FILE_TEXT, "changed-out-of-band-1", "changed-out-of-band-2"]);
    const signIns = { total: 0 };
    const deps: Props = {};

    const psControl = ps.control;
    /** What `run` cost on the appliance: API calls (sign-in and sign-out apart), sign-ins, 401s. */
    async function cost<T>(run: () => Promise<T>): Promise<{ result: T; cost: Cost }> {
        await psControl("POST", "/counters/reset");
        const result = await run();
        const c = await psControl<any>("GET", "/counters");
        const byRoute = c.requests.byRoute as Record<string, number>;
        const auth = Object.entries(byRoute)
            .filter(([k]) => /auth\//i.test(k))
            .reduce((n, [, v]) => n + v, 0);
        signIns.total += c.signIns;
        return { result, cost: { api: c.requests.total - auth, signIns: c.signIns, unauthorized: c.unauthorized, byRoute } };
    }

    before(async function () {
        // Two folders for the secrets (and a second parent to move things to), through the provider.
        const e = new MiniEngine();
        const { result } = await cost(async () => {
            const a = await e.up("secrets", "passwordsafe:Folder", { name: "Secrets", parentPath: "Seed Safe" });
            const b = await e.up("other", "passwordsafe:Folder", { name: "Other", parentId: a.tracked.outs.parentFolderId });
            return [a.tracked.id, b.tracked.id];
        });
        [deps.folderId, deps.otherFolderId] = result;
        const dir = fs.mkdtempSync(path.join(os.tmpdir(), "ps-lifecycle-"));
        deps.file = path.join(dir, "kubeconfig");
        fs.writeFileSync(deps.file as string, FILE_TEXT);
    });

    for (const c of CASES) {
        it(`${c.kind}: create, no-op, update, ${c.move ? "move, " : ""}drift, delete out of band, adopt, delete`, async () => {
            const e = new MiniEngine();
            const h = handler(c.kind);
            const inputs = c.create(deps);

            const created = await cost(() => e.up("r", c.kind, inputs));
            assert.strictEqual(created.result.step, "create");
            assert.strictEqual(created.cost.api, c.calls.create, `create: ${JSON.stringify(created.cost.byRoute)}`);
            const id = created.result.tracked.id;
            assert.match(id, /^[0-9a-f-]{36}$/);
            if (c.kind === "passwordsafe:FileSecret") {
                assert.strictEqual(created.result.tracked.outs.contentSha256, sha256(FILE_TEXT));
                assert.ok(!JSON.stringify(created.result.tracked.outs).includes(FILE_TEXT.trim()), "a file given by path never reaches the outputs");
            }

            const refreshed = await cost(() => e.refresh("r", inputs));
            assert.deepStrictEqual(refreshed.result, [], "a fresh object shows no drift");
            assert.strictEqual(refreshed.cost.api, 1, "refresh: one GET");
            const same = await cost(() => e.up("r", c.kind, inputs));
            assert.deepStrictEqual([same.result.step, same.cost.api], ["same", 0]);

            const updated = await cost(() => e.up("r", c.kind, { ...inputs, ...c.update }));
            assert.strictEqual(updated.result.step, "update");
            assert.strictEqual(updated.cost.api, c.calls.update, `update: ${JSON.stringify(updated.cost.byRoute)}`);
            let declared = { ...inputs, ...c.update };
            assert.deepStrictEqual(await e.refresh("r", declared), [], "the update reached the appliance");

            if (c.move) {
                const moved = await cost(() => e.up("r", c.kind, c.move!(deps)));
                assert.strictEqual(moved.result.step, "update", "a new parent moves in place");
                assert.strictEqual(moved.result.tracked.id, id);
                declared = c.move(deps);
                const live = await psControl<any>("GET", `/api/${c.drift.collection}/${id}`);
                // The control API answers secrets in the public names and folders as stored (camelCase).
                const parent = String(live.FolderId ?? live.ParentId ?? live.parentId).toLowerCase();
                assert.strictEqual(parent, deps.otherFolderId);
                assert.strictEqual(moved.cost.api, 1, `move: one call (folders/{id}/move, or the secret PUT): ${JSON.stringify(moved.cost.byRoute)}`);
            }

            await psControl("PUT", `/api/${c.drift.collection}/${id}`, c.drift.body);
            const drift = await cost(() => e.refresh("r", declared));
            assert.deepStrictEqual(drift.result, [c.drift.property], "refresh shows the out-of-band edit");
            const d = await h.diff(id, e.state.get("r")!.outs, await e.check(c.kind, {}, declared));
            assert.strictEqual(d.changes, true, "the next up puts it back");
            const healed = await cost(() => e.up("r", c.kind, declared));
            assert.strictEqual(healed.result.step, "update");
            assert.deepStrictEqual(await e.refresh("r", declared), []);

            await psControl("DELETE", `/api/${c.drift.collection}/${id}`);
            assert.strictEqual(await e.refresh("r"), "deleted", "deleted out of band: read returns no id");

            // Adopt: an object made outside the program is taken over by its natural key, then by id.
            const outside = await h.create(await e.check(c.kind, {}, declared));
            const adopted = await cost(() => e.up("a", c.kind, { ...declared, adopt: true }));
            assert.strictEqual(adopted.result.tracked.id, outside.id, "adopt: true found it");
            assert.strictEqual(adopted.cost.api, c.calls.adopt, `adopt: ${JSON.stringify(adopted.cost.byRoute)}`);
            const byId = await cost(() => e.up("b", c.kind, { ...declared, adopt: outside.id }));
            assert.strictEqual(byId.result.tracked.id, outside.id, "adopt by id");

            const deleted = await cost(() => h.delete(outside.id, e.state.get("a")!.outs));
            assert.strictEqual(deleted.cost.api, 1, "delete: one DELETE");
            const again = await cost(() => h.delete(outside.id, e.state.get("a")!.outs));
            assert.strictEqual(again.cost.api, 1, "a second delete meets a 404, which is done");
        });
    }

    it("a folder named by its parent's path, moved out of band: refresh shows parentPath, the next up moves it back", async () => {
        const e = new MiniEngine();
        const declared = { name: "By Path", parentPath: "Seed Safe" };
        const { tracked } = await e.up("p", "passwordsafe:Folder", declared);
        await psControl("PUT", `/api/folders/${tracked.id}`, { ParentId: deps.otherFolderId });
        assert.deepStrictEqual(await e.refresh("p", declared), ["parentPath"]);
        const back = await cost(() => e.up("p", "passwordsafe:Folder", declared));
        assert.strictEqual(back.result.step, "update");
        assert.strictEqual(back.cost.api, 2, `the path resolved, one move: ${JSON.stringify(back.cost.byRoute)}`);
        assert.deepStrictEqual(await e.refresh("p", declared), []);
    });

    it("owners left out are not managed: refresh neither reports them nor turns the default owner into an input", async () => {
        const e = new MiniEngine();
        const declared = { folderId: deps.folderId, title: "no owners declared", text: TEXT };
        const { tracked } = await e.up("t", "passwordsafe:TextSecret", declared);
        assert.strictEqual(tracked.outs.owners, undefined, "the signed-in user's default ownership stays out of state");
        assert.deepStrictEqual(await e.refresh("t", declared), []);
        const read = await handler("passwordsafe:TextSecret").read!(tracked.id, e.state.get("t")!.outs);
        assert.ok(read.inputs && !("owners" in read.inputs), `read's inputs: ${Object.keys(read.inputs ?? {}).join(", ")}`);
        await e.destroy("t");
    });

    it("one sign-in for the whole run", () => {
        assert.strictEqual(signIns.total, 1);
    });

    it("a session expired mid-run: exactly one re-sign-in, and the operation succeeds", async () => {
        const e = new MiniEngine();
        await e.up("s", "passwordsafe:Safe", { name: "Expiry Safe" });
        await psControl("POST", "/sessions/expire");
        const r = await cost(() => e.up("s", "passwordsafe:Safe", { name: "Expiry Safe", description: "after expiry" }));
        assert.strictEqual(r.result.step, "update");
        assert.deepStrictEqual([r.cost.signIns, r.cost.unauthorized], [1, 1]);
        const live = await psControl<any>("GET", `/api/safes/${r.result.tracked.id}`);
        assert.strictEqual(live.Description ?? live.description, "after expiry");
    });
});
