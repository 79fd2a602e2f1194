// The admission journal (provider/core/admission-journal.ts): a limiter in a new process starts from
// the admissions an earlier process left inside the window, so the second command of a pipeline
// waits for the window instead of meeting the appliance's 429s. Fake clock, a temporary folder.
import * as assert from "assert";
import * as fs from "fs";
import * as os from "os";
import * as path from "path";
import { admissionJournal, pruneStale } from "../../provider/core/admission-journal";
import { RateLimiter } from "../../provider/core/limiter";
import { FakeClock } from "../support/fake-clock";

describe("unit: the admission journal shared by an account's processes", () => {
    let dir: string;
    const saved = { dir: process.env.BT_RATE_JOURNAL_DIR, off: process.env.BT_RATE_JOURNAL };
    beforeEach(() => {
        dir = fs.mkdtempSync(path.join(os.tmpdir(), "bt-journal-"));
        process.env.BT_RATE_JOURNAL_DIR = dir;
        delete process.env.BT_RATE_JOURNAL;
    });
    afterEach(() => {
        fs.rmSync(dir, { recursive: true, force: true });
        for (const [k, v] of [
            ["BT_RATE_JOURNAL_DIR", saved.dir],
            ["BT_RATE_JOURNAL", saved.off],
        ] as const) {
            if (v === undefined) delete process.env[k];
            else process.env[k] = v;
        }
    });

    it("keeps what was noted for the next reader, inside the window only, and names its file by a hash", () => {
        const a = admissionJournal("https://pra.example.com|client-7|20|15000", 1000)!;
        for (const t of [1000, 1500, 1900, 2100]) a.note(t);
        const b = admissionJournal("https://pra.example.com|client-7|20|15000", 1000)!;
        assert.deepStrictEqual(b.recent(2200, 1000), [1500, 1900, 2100]);
        assert.deepStrictEqual(admissionJournal("another account", 1000)!.recent(2200, 1000), []);
        const files = fs.readdirSync(dir);
        assert.strictEqual(files.length, 2);
        for (const f of files) assert.match(f, /^[0-9a-f]{32}\.log$/, "no account name or id in the file name");
        assert.ok(!fs.readFileSync(path.join(dir, files[0]), "utf8").includes("client-7"));
    });

    it("journals not written for two hours are removed (no window is longer than an hour), others kept", () => {
        const old = path.join(dir, `${"a".repeat(32)}.log`);
        const fresh = path.join(dir, `${"b".repeat(32)}.log`);
        fs.writeFileSync(old, "1\n");
        fs.writeFileSync(fresh, "2\n");
        const now = Date.now();
        fs.utimesSync(old, new Date(now - 2 * 3_600_000 - 1000), new Date(now - 2 * 3_600_000 - 1000));
        pruneStale(dir, now);
        assert.deepStrictEqual(fs.readdirSync(dir), [path.basename(fresh)]);
    });

    it("BT_RATE_JOURNAL=0 turns it off; a folder that cannot be made leaves it off instead of failing", () => {
        process.env.BT_RATE_JOURNAL = "0";
        assert.strictEqual(admissionJournal("k", 1000), undefined);
        delete process.env.BT_RATE_JOURNAL;
        const blocker = path.join(dir, "a-file");
        fs.writeFileSync(blocker, "");
        process.env.BT_RATE_JOURNAL_DIR = path.join(blocker, "below");
        assert.strictEqual(admissionJournal("k", 1000), undefined);
    });

    it("a second process's limiter waits for the first one's window: 5 per second, 5 spent, the next admitted after it", async () => {
        const clock = new FakeClock(10_000_000);
        const windows = [{ limit: 5, windowMs: 1000 }];
        const first = new RateLimiter(windows, 50, clock, admissionJournal("acct", 1000));
        for (let i = 0; i < 5; i++) await first.acquire();

        clock.advance(200);
        const second = new RateLimiter(windows, 50, clock, admissionJournal("acct", 1000));
        let admitted = false;
        const pending = second.acquire().then(() => (admitted = true));
        await clock.waitForTimers();
        clock.advance(849); // 200 + 849 < 1000 + 50 margin after the first admissions
        await new Promise((r) => setImmediate(r));
        assert.strictEqual(admitted, false, "still inside the first process's window");
        clock.advance(1);
        await pending;
        assert.strictEqual(admitted, true);

        // Without the journal, the same second limiter would have admitted at once.
        const blind = new RateLimiter(windows, 50, clock);
        let now = false;
        await blind.acquire().then(() => (now = true));
        assert.strictEqual(now, true);
    });
});
