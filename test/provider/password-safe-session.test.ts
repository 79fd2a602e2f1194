// The Password Safe session against a small in-test server that speaks the sign-in contract
// (PS-Auth header → ASP.NET_SessionId cookie; 401 "User not authenticated" without a live one):
// concurrent first calls share one sign-in, an ended session is signed in again exactly once and the
// call succeeds, a refused key is a clear error that never shows the key, and sign-out ends it.
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { resetClients } from "../../provider";
import { resolvePasswordSafeConnection } from "../../provider/passwordsafe/connection";
import { passwordSafeClient } from "../../provider/passwordsafe/profile";
import { signOutAll } from "../../provider/core/session";
import { registerSecret } from "../../provider/core/redact";

const KEY = "tiny-ps-key-0123456789";
const CLIENT_SECRET = "tiny-oauth-secret-987";

class TinyPasswordSafe {
    signIns = 0;
    tokens = 0;
    tokenBodies: string[] = [];
    signOuts = 0;
    calls = 0;
    unauthorized = 0;
    versions: string[] = [];
    private live = new Set<string>();
    private server = http.createServer((req, res) => this.handle(req, res));
    url = "";

    async start(): Promise<this> {
        await new Promise<void>((r) => this.server.listen(0, "127.0.0.1", r));
        this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/BeyondTrust/api/public/v3`;
        return this;
    }
    stop(): Promise<void> {
        this.server.closeAllConnections();
        return new Promise((r) => this.server.close(() => r()));
    }
    expireAll(): void {
        this.live.clear();
    }

    private handle(req: http.IncomingMessage, res: http.ServerResponse): void {
        const url = new URL(req.url ?? "/", "http://x");
        const p = url.pathname.toLowerCase().replace(/\/+$/, "");
        const json = (status: number, body: unknown, headers: Record<string, string> = {}) => {
            res.writeHead(status, { "content-type": "application/json", ...headers });
            res.end(JSON.stringify(body));
        };
        let raw = "";
        req.on("data", (c) => (raw += c));
        req.on("end", () => {
            if (p.endsWith("/auth/connect/token")) {
                const form = new URLSearchParams(raw);
                this.tokenBodies.push([...form.keys()].sort().join(","));
                if (form.get("client_secret") !== CLIENT_SECRET || form.get("grant_type") !== "client_credentials")
                    return json(401, { error: "invalid_client" });
                this.tokens++;
                return json(200, { access_token: `tok-${this.tokens}`, expires_in: 3600, token_type: "Bearer", scope: "publicapi" });
            }
            if (p.endsWith("/auth/signappin")) {
                const auth = String(req.headers.authorization ?? "");
                const bearer = /^Bearer tok-\d+$/.test(auth);
                if (!bearer && (!/^PS-Auth key=([^;]+);\s*runas=([^;]+);/.test(auth) || !auth.includes(`key=${KEY};`)))
                    return json(401, "Invalid API key or run-as user");
                this.signIns++;
                const id = `s${this.signIns}-${Math.random().toString(36).slice(2)}`;
                this.live.add(id);
                // A sign-in that takes a while: concurrent callers must wait for it, not start their own.
                setTimeout(() => json(200, { UserId: 1, UserName: "ps-admin" }, { "set-cookie": `ASP.NET_SessionId=${id}; path=/; HttpOnly` }), 30);
                return;
            }
            const cookie = /ASP\.NET_SessionId=([^;]+)/.exec(String(req.headers.cookie ?? ""))?.[1];
            if (p.endsWith("/auth/signout")) {
                if (cookie) this.live.delete(cookie);
                this.signOuts++;
                return json(200, "");
            }
            if (!cookie || !this.live.has(cookie)) {
                this.unauthorized++;
                return json(401, "User not authenticated");
            }
            this.calls++;
            this.versions.push(url.searchParams.get("version") ?? "");
            if (p.endsWith("/secrets-safe/safes")) return json(200, [{ Id: "0f8fad5b-d9cb-469f-a165-70867728950e", Name: "Seed Safe", Description: "" }]);
            return json(404, "Not found");
        });
    }
}

describe("provider: Password Safe session", function () {
    this.timeout(30_000);
    let ps: TinyPasswordSafe;
    const client = (apiKey = KEY) => passwordSafeClient(resolvePasswordSafeConnection({ url: ps.url, apiKey, runAs: "ps-admin" }));
    before(() => registerSecret(KEY));
    beforeEach(async () => {
        resetClients();
        ps = await new TinyPasswordSafe().start();
    });
    afterEach(async () => {
        await signOutAll();
        await ps.stop();
    });

    it("ten concurrent first calls share one sign-in; every call sends version=3.1", async () => {
        const c = client();
        await Promise.all(Array.from({ length: 10 }, () => c.request("GET", "/secrets-safe/safes")));
        assert.deepStrictEqual([ps.signIns, ps.calls, ps.unauthorized], [1, 10, 0]);
        assert.deepStrictEqual([...new Set(ps.versions)], ["3.1"]);
    });

    it("a session ended on the appliance: exactly one re-sign-in, shared by the callers that saw it, and the calls succeed", async () => {
        const c = client();
        await c.request("GET", "/secrets-safe/safes");
        ps.expireAll();
        const answers = await Promise.all(Array.from({ length: 5 }, () => c.request<unknown[]>("GET", "/secrets-safe/safes")));
        assert.ok(answers.every((a) => Array.isArray(a) && a.length === 1));
        assert.strictEqual(ps.signIns, 2, "one sign-in at first, one after the expiry");
        assert.strictEqual(ps.unauthorized, 5, "each caller's first attempt after the expiry was refused once");
    });

    it("two clients of the same account share the session", async () => {
        await client().request("GET", "/secrets-safe/safes");
        await passwordSafeClient(resolvePasswordSafeConnection({ url: ps.url.replace("/v3", "/v3/"), apiKey: KEY, runAs: "ps-admin" })).request(
            "GET",
            "/secrets-safe/safes",
        );
        assert.strictEqual(ps.signIns, 1);
    });

    it("a refused key is an error naming the run-as user, never the key", async () => {
        const wrong = "wrong-key-not-to-be-shown";
        registerSecret(wrong);
        await assert.rejects(client(wrong).request("GET", "/secrets-safe/safes"), (e: Error) => {
            assert.match(e.message, /sign-in .* as runas "ps-admin" was refused \(HTTP 401\)/);
            assert.ok(!e.message.includes(wrong));
            return true;
        });
        assert.strictEqual(ps.calls, 0);
    });

    it("OAuth: one token (client credentials as form fields), then one sign-in with it, shared by concurrent calls", async () => {
        registerSecret(CLIENT_SECRET);
        const c = passwordSafeClient(resolvePasswordSafeConnection({ url: ps.url, clientId: "tiny-client", clientSecret: CLIENT_SECRET }));
        await Promise.all(Array.from({ length: 4 }, () => c.request("GET", "/secrets-safe/safes")));
        assert.deepStrictEqual([ps.tokens, ps.signIns, ps.calls], [1, 1, 4]);
        assert.deepStrictEqual(ps.tokenBodies, ["client_id,client_secret,grant_type"]);
    });

    it("signOutAll ends the open session on the appliance", async () => {
        await client().request("GET", "/secrets-safe/safes");
        await signOutAll();
        assert.strictEqual(ps.signOuts, 1);
    });
});
