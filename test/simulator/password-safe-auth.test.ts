import { strict as assert } from "node:assert";
import { SimulatorProcess } from "../support/simulator";
import { PsClient, psSend, usePasswordSafe } from "./ps-client";

describe("simulator: Password Safe sign-in and sessions", function () {
    let sim: SimulatorProcess;
    let ps: PsClient;
    usePasswordSafe({ signIn: false }, (s, c) => {
        sim = s;
        ps = c;
    });

    const key = () => sim.env.BT_PS_API_KEY;
    const runas = () => sim.env.BT_PS_RUNAS;

    it("prints the BT_PS_* lines: the API URL with its base path, a 128-character key, the runas user, a GUID client id", () => {
        assert.match(sim.env.BT_PS_API_URL, /^http:\/\/127\.0\.0\.1:\d+\/BeyondTrust\/api\/public\/v3$/);
        assert.match(key(), /^[0-9a-f]{128}$/);
        assert.equal(runas(), "ps-admin");
        assert.match(sim.env.BT_PS_CLIENT_ID, /^[0-9a-f-]{36}$/);
        assert.ok(sim.env.BT_PS_CLIENT_SECRET.length >= 36 && sim.env.BT_PS_CLIENT_SECRET.length <= 64);
    });

    const headerForms: [string, () => string][] = [
        ["the docs' spaced form", () => `PS-Auth key=${key()}; runas=${runas()};`],
        ["the Terraform provider's unspaced form", () => `PS-Auth key=${key()};runas=${runas()};`],
        ["with an empty pwd=[]", () => `PS-Auth key=${key()}; runas=${runas()}; pwd=[];`],
        ["without the final semicolon, runas in other casing", () => `PS-Auth key=${key()}; runas=PS-Admin`],
    ];
    for (const [label, header] of headerForms) {
        it(`signs in with ${label}: 200, the user object and an HttpOnly ASP.NET_SessionId cookie`, async () => {
            const r = await ps.signIn(header());
            assert.equal(r.status, 200, r.text);
            assert.deepEqual(
                { UserId: r.body.UserId, UserName: r.body.UserName, hasName: typeof r.body.Name, hasEmail: typeof r.body.EmailAddress },
                { UserId: 1, UserName: "ps-admin", hasName: "string", hasEmail: "string" },
            );
            const cookie = String(r.headers["set-cookie"]);
            assert.match(cookie, /^ASP\.NET_SessionId=[^;]+; path=\/; HttpOnly$/);
            assert.equal((await ps.get("/secrets-safe/safes")).status, 200, "the cookie alone authenticates");
        });
    }

    it("any path casing reaches sign-in (SignAppIn, signappin, with a trailing slash)", async () => {
        for (const p of ["/Auth/SignAppIn", "/auth/signappin", "/AUTH/SIGNAPPIN/"]) {
            const r = await psSend(ps.base + p, "POST", { headers: { Authorization: ps.keyHeader } });
            assert.equal(r.status, 200, `${p}: ${r.text}`);
        }
    });

    const refused: [string, () => string | undefined][] = [
        ["an unknown key", () => `PS-Auth key=${"0".repeat(128)}; runas=${runas()};`],
        ["an unknown runas user", () => `PS-Auth key=${key()}; runas=nobody;`],
        ["no runas", () => `PS-Auth key=${key()};`],
        ["no Authorization header", () => undefined],
        ["an unknown bearer token", () => "Bearer not-a-token"],
    ];
    for (const [label, header] of refused) {
        it(`refuses ${label} with 401 "User not authenticated" and no cookie`, async () => {
            const h = header();
            const r = await psSend(ps.base + "/Auth/SignAppin", "POST", { headers: h ? { Authorization: h } : {} });
            assert.equal(r.status, 401);
            assert.equal(r.body, "User not authenticated");
            assert.equal(r.headers["set-cookie"], undefined);
        });
    }

    it("a key that requires the user's password checks pwd=[...]", async () => {
        const user = await sim.psControl("POST", "/users", { UserName: "pwd-user", Password: "pw-for-test-only" });
        const { key: pwdKey } = await sim.psControl("POST", "/api-keys", { passwordRequired: true });
        const signIn = (pwd: string) => ps.signIn(`PS-Auth key=${pwdKey}; runas=pwd-user; pwd=[${pwd}];`);
        assert.equal((await signIn("wrong")).status, 401);
        assert.equal((await ps.signIn(`PS-Auth key=${pwdKey}; runas=pwd-user;`)).status, 401, "pwd left out");
        const ok = await signIn("pw-for-test-only");
        assert.equal(ok.status, 200);
        assert.equal(ok.body.UserId, user.UserId);
        assert.equal(user.Password, undefined, "the control API never echoes a password");
    });

    it("OAuth: Auth/connect/token then SignAppin with the bearer token; the session then needs only the cookie", async () => {
        const t = await ps.token();
        assert.equal(t.status, 200, t.text);
        assert.equal(t.body.token_type, "Bearer");
        assert.ok(t.body.expires_in > 0);
        assert.equal(typeof t.body.scope, "string");
        const s = await ps.signIn(`Bearer ${t.body.access_token}`);
        assert.equal(s.status, 200);
        assert.equal(s.body.UserName, "ps-admin");
        // PY keeps sending the bearer header beside the cookie: allowed and ignored.
        assert.equal((await ps.get("/secrets-safe/safes", { headers: { Authorization: `Bearer ${t.body.access_token}` } })).status, 200);
        assert.equal((await ps.get("/secrets-safe/safes")).status, 200);
    });

    it("OAuth refuses a wrong secret and a wrong grant type", async () => {
        assert.equal((await ps.token(sim.env.BT_PS_CLIENT_ID, "wrong-secret")).status, 400);
        const form = new URLSearchParams({ client_id: sim.env.BT_PS_CLIENT_ID, client_secret: sim.env.BT_PS_CLIENT_SECRET, grant_type: "password" });
        const r = await psSend(ps.base + "/auth/connect/token", "POST", {
            raw: form.toString(),
            headers: { "Content-Type": "application/x-www-form-urlencoded" },
        });
        assert.equal(r.status, 400);
    });

    it('a call without a session is 401 "User not authenticated", even with a valid PS-Auth header', async () => {
        for (const headers of [{}, { Authorization: ps.keyHeader }] as Record<string, string>[]) {
            const r = await ps.get("/secrets-safe/safes", { headers });
            assert.equal(r.status, 401);
            assert.equal(r.text, '"User not authenticated"');
            assert.match(String(r.headers["content-type"]), /application\/json/);
        }
        const r = await ps.get("/secrets-safe/safes", { headers: { Cookie: "ASP.NET_SessionId=made-up" } });
        assert.equal(r.status, 401);
    });

    it("Signout ends the session: 200, then the cookie is refused", async () => {
        await ps.signIn();
        assert.equal((await ps.get("/secrets-safe/safes")).status, 200);
        const out = await ps.post("/Auth/Signout");
        assert.equal(out.status, 200);
        assert.equal((await ps.get("/secrets-safe/safes")).status, 401);
        assert.equal((await ps.post("/auth/signout")).status, 200, "signing out again is still 200 (PY signs out after every failure)");
        const c = await sim.psControl("GET", "/counters");
        assert.equal(c.signIns, 1);
        assert.equal(c.signOuts, 1);
        assert.equal(c.unauthorized, 1);
    });

    it("POST /_sim/ps/sessions/expire ends every live session, as 20 idle minutes would", async () => {
        await ps.signIn();
        const other = new PsClient(sim);
        await other.signIn();
        const expired = await sim.psControl("POST", "/sessions/expire");
        assert.equal(expired.expired, 2);
        assert.equal((await ps.get("/secrets-safe/safes")).status, 401);
        assert.equal((await other.get("/secrets-safe/safes")).status, 401);
        await ps.signIn();
        assert.equal((await ps.get("/secrets-safe/safes")).status, 200, "a new sign-in works at once");
    });

    it("idle expiry follows the simulated clock and PUT /_sim/ps/config sessionIdleSeconds; each call restarts the idle timer", async () => {
        await sim.psControl("PUT", "/config", { sessionIdleSeconds: 60 });
        await sim.control("POST", "/clock", { frozen: true });
        try {
            await ps.signIn();
            await sim.control("POST", "/clock", { advanceMs: 59_000 });
            assert.equal((await ps.get("/secrets-safe/safes")).status, 200, "59 s idle: alive");
            await sim.control("POST", "/clock", { advanceMs: 59_000 });
            assert.equal((await ps.get("/secrets-safe/safes")).status, 200, "59 s after the last call: alive");
            await sim.control("POST", "/clock", { advanceMs: 60_000 });
            assert.equal((await ps.get("/secrets-safe/safes")).status, 401, "60 s idle: expired");
        } finally {
            await sim.control("POST", "/clock", { frozen: false });
        }
    });

    it("the default idle timeout is 20 minutes", async () => {
        assert.equal((await sim.psControl("GET", "/config")).sessionIdleSeconds, 1200);
    });
});

describe("simulator: Password Safe CLI flags", function () {
    let ps: PsClient;
    let sim: SimulatorProcess;
    usePasswordSafe(
        {
            signIn: false,
            args: [
                "--ps-api-key",
                "k".repeat(128),
                "--ps-runas",
                "svc-pulumi",
                "--ps-client-id",
                "11111111-2222-3333-4444-555555555555",
                "--ps-client-secret",
                "s".repeat(40),
                "--ps-session-idle-seconds",
                "90",
            ],
        },
        (s, c) => {
            sim = s;
            ps = c;
        },
    );

    it("--ps-api-key, --ps-runas, --ps-client-id/-secret and --ps-session-idle-seconds are used and printed", async () => {
        assert.equal(sim.env.BT_PS_API_KEY, "k".repeat(128));
        assert.equal(sim.env.BT_PS_RUNAS, "svc-pulumi");
        assert.equal(sim.env.BT_PS_CLIENT_ID, "11111111-2222-3333-4444-555555555555");
        const r = await ps.signIn(`PS-Auth key=${"k".repeat(128)};runas=svc-pulumi;`);
        assert.equal(r.status, 200);
        assert.equal(r.body.UserName, "svc-pulumi");
        const t = await ps.token("11111111-2222-3333-4444-555555555555", "s".repeat(40));
        assert.equal(t.status, 200);
        assert.equal((await sim.psControl("GET", "/config")).sessionIdleSeconds, 90);
    });
});
