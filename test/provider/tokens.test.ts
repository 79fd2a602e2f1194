// One token per API account per process, under the engine's parallelism: 50 resources of several
// kinds created, read and deleted concurrently mint exactly one token and never see a 429.
import * as assert from "assert";
import { clientStats, handler, resetClients, resetClientStats } from "../../provider";
import { inParallel } from "../../scripts/lib/parallel";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

async function create(kind: string, inputs: Record<string, unknown>) {
    const checked = await handler(kind).check({}, inputs);
    assert.strictEqual(checked.failures, undefined);
    return { kind, ...(await handler(kind).create(checked.inputs!)) };
}

describe("provider: tokens and throttling under parallelism", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess()));
    after(async () => sim && sim.stop());

    it("a run of 50 resources mints one token and stays under 20 requests/s", async () => {
        await sim.reset();
        resetClients();
        resetClientStats();
        const jp = await create("pra:Jumpoint", { name: "jp", platform: "linux-x86", shellJumpEnabled: true });
        const groups = await inParallel(
            16,
            Array.from({ length: 9 }, (_, i) => () => create("pra:JumpGroup", { name: `group ${i}` })),
        );
        const items = await inParallel(
            16,
            Array.from(
                { length: 40 },
                (_, i) => () => create("pra:ShellJump", { name: `host ${i}`, hostname: `10.0.0.${i + 1}`, jumpointId: jp.id, jumpGroupId: groups[i % 9].id }),
            ),
        );
        const all = [jp, ...groups, ...items];
        assert.strictEqual(all.length, 50);
        await inParallel(
            16,
            all.map((r) => () => handler(r.kind).read(r.id, r.outs)),
        );
        await inParallel(
            16,
            [...items, ...groups, jp].map((r) => () => handler(r.kind).delete(r.id, r.outs)),
        );

        const c = await sim.counters();
        assert.strictEqual(c.tokensMinted, 1, "the appliance minted one token");
        assert.strictEqual(clientStats.tokensMinted, 1);
        assert.strictEqual(c.rateLimited, 0, "no 429: the limiter kept under 20 requests/s");
        assert.strictEqual(c.requests.byMethod.POST, 1 + 50, "one token, then a POST each");
        assert.strictEqual(c.requests.byMethod.DELETE, 50);
        // No product is configured: the first call asked for it once (GET /get_mech_list).
        assert.strictEqual(c.requests.byRoute["GET /get_mech_list"], 1, "one product detection");
        // Three list scans at most for the reads, and one list page per collection before its first
        // create of the run (the highest id then, which a lost POST's lookup must stay above).
        const reads = c.requests.byMethod.GET - 1;
        assert.ok(reads <= 3 + 3, `parallel reads of three kinds are three list scans at most, plus 3 pre-create pages: ${reads}`);
        const state = await sim.control("GET", "/state");
        assert.strictEqual(state.collections["jump-item/shell-jump"].length, 0);
    });
});

// Token renewal, re-authentication and Retry-After, on a fake clock against a tiny scripted
// appliance: every expectation is exact, and none depends on how fast or loaded the machine is.
import { ApiClient, DEFAULT_RETRY, MAX_REAUTHENTICATIONS } from "../../provider/core/api-client";
import { praProfile } from "../../provider/pra/profile";
import { ResolvedConnection } from "../../provider/core/connection";
import { ApiError } from "../../provider/core/errors";
import { RateLimiter, RateWindow } from "../../provider/core/limiter";
import { renewalMargin } from "../../provider/core/oauth";
import { registerSecret } from "../../provider/core/redact";
import { FakeClock } from "../support/fake-clock";
import { TinyAppliance } from "../support/tiny-appliance";

/** Re-checks `cond` on every turn of the event loop (no timer, no time margin). */
async function eventually(cond: () => boolean): Promise<void> {
    while (!cond()) await new Promise((r) => setImmediate(r));
}

describe("provider: token renewal, re-authentication and Retry-After (fake clock)", function () {
    let clock: FakeClock;
    let app: TinyAppliance;
    let limiter: RateLimiter;
    let client: ApiClient;
    const build = (windows: RateWindow[] = []) => {
        limiter = new RateLimiter(windows, 50, clock);
        const conn: ResolvedConnection = {
            product: "pra",
            origin: app.origin,
            clientId: app.clientId,
            clientSecret: app.clientSecret,
            insecure: false,
            ratePerSecond: 0,
            ratePerHour: 0,
        };
        client = new ApiClient(praProfile(conn), conn, DEFAULT_RETRY, { clock, limiter });
        return client;
    };
    beforeEach(async () => {
        clock = new FakeClock();
        app = await new TinyAppliance(clock).start();
        registerSecret(app.clientSecret);
        resetClientStats();
        build();
    });
    afterEach(async () => app.stop());
    const statuses = () => app.seen.map((s) => s.status);

    it("the renewal margin: a tenth of the lifetime (at most a minute), at least 1 s and 3 round trips, at most half the lifetime", () => {
        assert.strictEqual(renewalMargin(3_600_000), 60_000);
        assert.strictEqual(renewalMargin(30_000), 3_000);
        assert.strictEqual(renewalMargin(2_000), 1_000, "not the 0.2 s a loaded machine ate");
        assert.strictEqual(renewalMargin(60_000, 3_000), 9_000);
        assert.strictEqual(renewalMargin(3_600_000, 30_000), 90_000);
        assert.strictEqual(renewalMargin(60_000, 40_000), 30_000, "capped at half the lifetime");
        assert.strictEqual(renewalMargin(1_000), 500);
    });

    it("expiry counts from before the token request left, and a slow token request widens the margin", async () => {
        app.lifetimeSeconds = 60;
        app.tokenRoundTripMs = 3_000;
        const t0 = clock.now();
        await client.request("GET", "/jump-group");
        assert.strictEqual(clock.now(), t0 + 3_000);
        // Valid on the appliance until t0 + 60 s; margin max(6 s, 3 x 3 s, 1 s) = 9 s: renewed from t0 + 51 s.
        assert.strictEqual(client.tokens.marginFor(60_000), 9_000);
        clock.advance(t0 + 50_999 - clock.now());
        await client.request("GET", "/jump-group");
        assert.deepStrictEqual(app.minted, ["tok-1"], "still valid for a margin");
        clock.advance(1);
        await client.request("GET", "/jump-group");
        assert.deepStrictEqual(app.minted, ["tok-1", "tok-2"], "renewed at t0 + 51 s");
        assert.deepStrictEqual(
            app.seen.map((s) => s.token),
            ["tok-1", "tok-1", "tok-2"],
        );
        assert.deepStrictEqual(statuses(), [200, 200, 200]);
    });

    it("a slow API round trip widens the margin: the slowest of the last 32 round trips counts", async () => {
        app.lifetimeSeconds = 60;
        const t0 = clock.now();
        await client.request("GET", "/jump-group");
        assert.strictEqual(client.tokens.marginFor(60_000), 6_000, "a tenth of 60 s");
        app.apiTransitMs = 5_000;
        await client.request("GET", "/jump-group");
        app.apiTransitMs = 0;
        assert.strictEqual(client.tokens.marginFor(60_000), 15_000, "3 x 5 s");
        clock.advance(t0 + 44_999 - clock.now());
        await client.request("GET", "/jump-group");
        assert.strictEqual(app.minted.length, 1);
        clock.advance(1);
        await client.request("GET", "/jump-group");
        assert.strictEqual(app.minted.length, 2, "renewed 15 s before expiry, not 6 s");
        for (let i = 0; i < 32; i++) await client.request("GET", "/jump-group");
        assert.strictEqual(client.tokens.marginFor(60_000), 6_000, "back to a tenth once the slow one is 32 round trips old");
        assert.strictEqual(app.answered(401).length, 0);
    });

    it("a slow event loop: 2 s tokens and 400 ms per request are never sent expired", async () => {
        // Each request takes 400 ms to reach the appliance. With the old fixed margin (a tenth: 0.2 s)
        // a token checked at 1.6 s arrived at 2.0 s, expired: the 401s a loaded machine produced.
        app.lifetimeSeconds = 2;
        app.apiTransitMs = 400;
        for (let i = 0; i < 20; i++) await client.request("GET", "/jump-group");
        assert.strictEqual(app.answered(401).length, 0, "no token arrived expired");
        assert.strictEqual(clientStats.reauthentications, 0);
        // Margin 1 s (3 x 0.4 s = 1.2 s, capped at half of 2 s): a token serves requests sent at 0, 0.4 and 0.8 s.
        assert.strictEqual(app.minted.length, 7, `20 requests over 8 s: ${app.minted.length} tokens`);
    });

    it("two token evictions close together: the create succeeds after a second re-authentication", async () => {
        await client.request("GET", "/jump-group");
        app.evictAll(); // another process mints 30 tokens: ours is evicted...
        app.onMint = (v) => v === "tok-2" && app.evict(v); // ...and again right after our new one is issued
        const made = await client.request<{ id: number; name: string }>("POST", "/jump-group", { body: { name: "after two evictions" } });
        assert.strictEqual(made.name, "after two evictions");
        assert.deepStrictEqual(statuses(), [200, 401, 401, 201]);
        assert.deepStrictEqual(
            app.seen.map((s) => s.token),
            ["tok-1", "tok-1", "tok-2", "tok-3"],
        );
        assert.strictEqual(clientStats.reauthentications, 2);
        assert.strictEqual(app.seen.filter((s) => s.method === "POST" && s.status === 201).length, 1, "created once");
    });

    it(`a 401 that persists is reported after ${MAX_REAUTHENTICATIONS} re-authentications, not retried without end`, async () => {
        app.respond = (r) => (r.method === "POST" ? { status: 401, body: { error: "access_denied", message: "Not allowed." } } : undefined);
        const err = await client.request("POST", "/jump-group", { body: { name: "x" } }).then(
            () => undefined,
            (e) => e,
        );
        assert.ok(err instanceof ApiError, String(err));
        assert.strictEqual((err as ApiError).status, 401);
        assert.strictEqual(app.seen.length, 1 + MAX_REAUTHENTICATIONS);
        assert.strictEqual(app.minted.length, 1 + MAX_REAUTHENTICATIONS);
    });

    it("the token is read after the limiter's wait: a Retry-After pause past its expiry sends a new token", async () => {
        app.lifetimeSeconds = 60;
        await client.request("GET", "/jump-group");
        clock.advance(40_000);
        let limited = false;
        app.respond = () =>
            limited ? undefined : ((limited = true), { status: 429, body: { message: "Too Many Requests" }, headers: { "retry-after": "30" } });
        const pending = client.request("GET", "/jump-group");
        await app.until(() => app.answered(429).length === 1);
        await clock.waitForTimers(1);
        assert.strictEqual(limiter.pausedMs(), 30_000, "every caller of the account is held for the advertised 30 s");
        clock.advance(30_000); // t0 + 70 s: tok-1 expired at t0 + 60 s while the request waited
        await pending;
        assert.deepStrictEqual(
            app.seen.map((s) => [s.token, s.status]),
            [
                ["tok-1", 200],
                ["tok-1", 429],
                ["tok-2", 200],
            ],
        );
        assert.strictEqual(app.seen[2].at - app.seen[1].at, 30_000);
        assert.strictEqual(clientStats.reauthentications, 0, "no request carried the token that expired during the wait");
    });

    it("a token another caller saw refused is never sent: a caller admitted after the 401 uses the replacement", async () => {
        build([{ limit: 1, windowMs: 1000 }]); // one request per second: callers are admitted 1.05 s apart
        await client.request("GET", "/jump-group");
        app.evictAll();
        const a = client.request("GET", "/jumpoint");
        const b = client.request("GET", "/jump-group");
        await clock.waitForTimers(1);
        clock.advance(1_050); // a is admitted, is refused, marks tok-1 bad, mints tok-2 and queues again behind b
        await eventually(() => app.minted.length === 2 && limiter.waiting === 2);
        clock.advance(1_050); // b is admitted: it must send tok-2, not the tok-1 it held while it waited
        await eventually(() => app.seen.length === 3);
        clock.advance(1_050); // a's replay
        await Promise.all([a, b]);
        assert.deepStrictEqual(
            app.seen.map((s) => [s.path.replace("/api/config/v1", ""), s.token, s.status]),
            [
                ["/jump-group", "tok-1", 200],
                ["/jumpoint", "tok-1", 401],
                ["/jump-group", "tok-2", 200],
                ["/jumpoint", "tok-2", 200],
            ],
        );
        assert.strictEqual(clientStats.reauthentications, 1);
    });

    it("a Retry-After within the cap (60 s) holds the account exactly that long, then the request is resent", async () => {
        let limited = false;
        app.respond = (r) =>
            r.method === "POST" && !limited
                ? ((limited = true), { status: 429, body: { message: "Too Many Requests" }, headers: { "retry-after": "60" } })
                : undefined;
        const pending = client.request("POST", "/jump-group", { body: { name: "waits a minute" } });
        await app.until(() => app.answered(429).length === 1);
        await clock.waitForTimers(1);
        assert.strictEqual(limiter.pausedMs(), 60_000);
        clock.advance(59_999);
        assert.strictEqual(app.seen.length, 1, "nothing sent during the pause");
        clock.advance(1);
        await pending;
        assert.deepStrictEqual(statuses(), [429, 201]);
        assert.strictEqual(app.seen[1].at - app.seen[0].at, 60_000);
    });

    for (const [label, value] of [
        ["86400 s", () => "86400"],
        ["an HTTP date two days away", (now: number) => new Date(now + 2 * 86_400_000).toUTCString()],
    ] as Array<[string, (now: number) => string]>) {
        it(`an unbounded Retry-After (${label}) fails at once with the appliance's own words, redacted, and pauses nobody`, async () => {
            app.respond = () => ({
                status: 429,
                body: { message: `Request quota exhausted for ${app.clientSecret}; try tomorrow.` },
                headers: { "retry-after": value(clock.now()) },
            });
            const before = clock.now();
            const err = await client.request("POST", "/jump-group", { body: { name: "x" } }).then(
                () => undefined,
                (e) => e,
            );
            assert.ok(err instanceof ApiError, String(err));
            assert.strictEqual((err as ApiError).status, 429);
            assert.match(err.message, /Request quota exhausted for \[secret\]; try tomorrow\./, "the appliance's message, redacted");
            assert.match(err.message, /asked to wait \d+ s before retrying, longer than the 60 s this provider waits/);
            assert.ok(!err.message.includes(app.clientSecret));
            assert.strictEqual(app.seen.length, 1, "not resent");
            assert.strictEqual(limiter.pausedMs(), 0, "the account is not paused for a day");
            assert.strictEqual(clock.now(), before, "no wait at all");
            assert.strictEqual(clock.pending, 0);
        });
    }
});

describe("provider: the client-side rate limiter (fake clock)", function () {
    /** Admission times of `n` callers that all arrive at once, driving the clock from timer to timer. */
    async function admissions(limiter: RateLimiter, clock: FakeClock, n: number): Promise<number[]> {
        const times: number[] = [];
        const order: number[] = [];
        const all = Array.from({ length: n }, (_, i) => limiter.acquire().then(() => (times.push(clock.now()), order.push(i))));
        for (;;) {
            await new Promise((r) => setImmediate(r));
            if (times.length === n) break;
            const due = clock.nextDue();
            assert.ok(due !== undefined, "a waiting caller always has a timer");
            clock.advance(due - clock.now());
        }
        await Promise.all(all);
        assert.deepStrictEqual(
            order,
            Array.from({ length: n }, (_, i) => i),
            "first come, first served",
        );
        return times;
    }

    it("never admits more than 20 in any second (plus its 50 ms margin), in arrival order", async () => {
        const clock = new FakeClock();
        const t0 = clock.now();
        const limiter = new RateLimiter(
            [
                { limit: 20, windowMs: 1000 },
                { limit: 15_000, windowMs: 3_600_000 },
            ],
            50,
            clock,
        );
        const times = await admissions(limiter, clock, 65);
        assert.deepStrictEqual(times.slice(0, 20), Array(20).fill(t0), "a full window at once");
        for (let i = 20; i < times.length; i++)
            assert.ok(times[i] - times[i - 20] >= 1050, `request ${i}: ${times[i] - times[i - 20]} ms after request ${i - 20}`);
        assert.strictEqual(times[64] - t0, 3 * 1050, "and no slower than that");
    });

    it("the margin grows with the spread of round trips (a loaded machine), up to a second", async () => {
        const clock = new FakeClock();
        const limiter = new RateLimiter([{ limit: 20, windowMs: 1000 }], 50, clock);
        limiter.observeRoundTrip(10);
        limiter.observeRoundTrip(40);
        assert.strictEqual(limiter.margin(), 50, "a 30 ms spread fits in the 50 ms margin");
        limiter.observeRoundTrip(310);
        assert.strictEqual(limiter.margin(), 300);
        const times = await admissions(limiter, clock, 41);
        for (let i = 20; i < times.length; i++) assert.strictEqual(times[i] - times[i - 20], 1300);
        limiter.observeRoundTrip(5000);
        assert.strictEqual(limiter.margin(), 1000, "capped at a second");
    });

    it("a pause (Retry-After) holds every caller until it ends, even with no rate limits", async () => {
        const clock = new FakeClock();
        const t0 = clock.now();
        const limiter = new RateLimiter([], 50, clock);
        limiter.pause(3000);
        assert.strictEqual(limiter.pausedMs(), 3000);
        const times = await admissions(limiter, clock, 5);
        assert.deepStrictEqual(times, Array(5).fill(t0 + 3000));
        assert.strictEqual(limiter.pausedMs(), 0);
    });
});
