// Redaction of secrets in every form an appliance or a gateway can echo them: the encodings the
// provider itself produces (JSON, form, base64 Basic, PEM lines), truncated, and short.
import * as assert from "assert";
import * as http from "http";
import { AddressInfo } from "net";
import { ApiClient, DEFAULT_RETRY } from "../../provider/core/api-client";
import { praProfile } from "../../provider/pra/profile";
import { ResolvedConnection } from "../../provider/core/connection";
import { encodingsOf, redact, registerSecret } from "../../provider/core/redact";

const LONG = 'pw"quote\\back/slash+plus&amp=eq spaceé-tail-9';
const KEY = [
    "-----BEGIN OPENSSH PRIVATE KEY-----",
    "b3BlbnNzaC1rZXktdjEAAAAABG5vbmUAAAAEbm9uZQAAAAAAAAABAAAAMwAAAAtzc2gtZW",
    "QyNTUxOQAAACBhbGljZS1yZWRhY3Rpb24tdGVzdC1rZXktbGluZS0yAAAAAAAAAAAAAAAA",
    "-----END OPENSSH PRIVATE KEY-----",
    "",
].join("\n");
const SHORT = "q7";
const CLIENT_SECRET = "cs-Redact-0123456789abcdef";

describe("unit: redaction of echoed secrets", () => {
    before(() => {
        for (const s of [LONG, KEY, SHORT, CLIENT_SECRET]) registerSecret(s);
    });

    const clean = (text: string, ...secrets: string[]) => {
        const out = redact(text);
        for (const s of secrets) {
            for (const f of [...encodingsOf(s).plain, ...encodingsOf(s).base64]) {
                assert.ok(!out.includes(f), `a form of a secret survived in: ${JSON.stringify(out.replace(/[A-Za-z0-9]/g, "x"))}`);
            }
        }
        assert.match(out, /\[secret\]/);
        return out;
    };

    it("JSON-escaped quotes, backslashes and slashes, once and twice, and \\u escapes", () => {
        clean(JSON.stringify({ message: `bad value ${LONG}` }), LONG);
        clean(JSON.stringify({ message: JSON.stringify({ password: LONG }) }), LONG);
        const phpStyle = JSON.stringify(LONG).replace(/\//g, "\\/").replace(/é/g, "\\u00e9");
        clean(`{"error":"value ${phpStyle} refused"}`, LONG);
    });

    it("URL and form encoding", () => {
        clean(`request was secret=${encodeURIComponent(LONG)}&x=1`, LONG);
        clean(`body: ${new URLSearchParams({ value: LONG }).toString()}`, LONG);
    });

    it("a PEM key echoed whole (escaped), line by line, or with other line endings", () => {
        clean(JSON.stringify({ errors: { private_key: [`not a key: ${KEY}`] } }), KEY);
        const line = KEY.split("\n")[2];
        const out = clean(`line 3 of the key is invalid: ${line}`, KEY);
        assert.ok(out.startsWith("line 3 of the key is invalid: "), "the text around it is kept");
        clean(KEY.replace(/\n/g, "\r\n"), KEY);
        assert.strictEqual(
            redact("-----BEGIN OPENSSH PRIVATE KEY----- is expected"),
            "-----BEGIN OPENSSH PRIVATE KEY----- is expected",
            "armor lines are not secret",
        );
    });

    it("truncated: a prefix at the end of the text or before an ellipsis, a suffix after one", () => {
        assert.strictEqual(redact(`value: ${LONG.slice(0, 12)}`), "value: [secret]");
        assert.strictEqual(redact(`value '${LONG.slice(0, 20)}...' is invalid`), "value '[secret]...' is invalid");
        assert.strictEqual(redact(`…${LONG.slice(-15)} is invalid`), "…[secret] is invalid");
        const escaped = JSON.stringify(LONG).slice(1, 18);
        assert.strictEqual(redact(`{"message":"${escaped}`), '{"message":"[secret]');
    });

    it("base64 of a Basic header, with or without the scheme, whatever the client id", () => {
        for (const id of ["a", "ab", "abc", "client-id-7"]) {
            const basic = Buffer.from(`${encodeURIComponent(id)}:${encodeURIComponent(CLIENT_SECRET)}`).toString("base64");
            assert.strictEqual(redact(`Authorization: Basic ${basic}`), "Authorization: Basic [secret]");
            assert.strictEqual(redact(`echo=${basic};`), "echo=[secret];");
        }
        const long = Buffer.from(`id:${encodeURIComponent(LONG)}`).toString("base64");
        clean(`got ${long}`, LONG);
    });

    it("short secrets: quoted, or as a secret-named JSON member, form field or Basic credential; prose is kept", () => {
        assert.strictEqual(redact(`The value '${SHORT}' is invalid.`), "The value '[secret]' is invalid.");
        assert.strictEqual(redact(JSON.stringify({ message: `"${SHORT}" refused` })), '{"message":"\\"[secret]\\" refused"}');
        assert.strictEqual(redact(`{"password":"${SHORT}","name":"x"}`), '{"password":"[secret]","name":"x"}');
        assert.strictEqual(redact(`grant_type=client_credentials&client_secret=${SHORT}`), "grant_type=client_credentials&client_secret=[secret]");
        const basic = Buffer.from(`id:${SHORT}`).toString("base64");
        assert.strictEqual(redact(`authorization: Basic ${basic}`), "authorization: Basic [secret]");
        assert.strictEqual(redact(`q7x and xq7 stay; q7 in prose stays too`), `q7x and xq7 stay; q7 in prose stays too`);
        assert.strictEqual(redact("Bearer token required"), "Bearer token required", "a word after Bearer is not a credential");
    });

    describe("through the client, against a gateway that echoes requests", () => {
        let server: http.Server;
        let origin: string;
        let mode: "token-echo" | "api-echo-json" | "api-echo-truncated" | "token-html";

        before(async () => {
            server = http.createServer((req, res) => {
                let body = "";
                req.on("data", (c) => (body += c));
                req.on("end", () => {
                    const echo = { method: req.method, url: req.url, authorization: req.headers.authorization, body };
                    if (req.url === "/oauth2/token") {
                        if (mode === "token-echo") {
                            res.writeHead(401, { "content-type": "application/json" });
                            res.end(JSON.stringify({ error: "invalid_client", message: `refused ${JSON.stringify(echo)}` }));
                        } else if (mode === "token-html") {
                            res.writeHead(200, { "content-type": "text/html" });
                            res.end(`<html>${req.headers.authorization}</html>`);
                        } else {
                            res.writeHead(200, { "content-type": "application/json" });
                            res.end(JSON.stringify({ access_token: "tok-0123456789", expires_in: 3600 }));
                        }
                        return;
                    }
                    if (mode === "api-echo-json") {
                        res.writeHead(422, { "content-type": "application/json" });
                        res.end(JSON.stringify({ message: `could not parse ${body}`, errors: { password: [`${JSON.stringify(body)} is invalid`] } }));
                    } else {
                        // A proxy's plain-text error page that quotes the request, cut at 300 characters by the client.
                        res.writeHead(400, { "content-type": "text/plain" });
                        res.end(`Bad request ${"-".repeat(250)} ${body}`);
                    }
                });
            });
            await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
            origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        });
        after(() => new Promise<void>((r) => server.close(() => r())));

        const client = () => {
            const conn: ResolvedConnection = {
                product: "pra",
                origin,
                clientId: "gateway-test",
                clientSecret: CLIENT_SECRET,
                insecure: false,
                ratePerSecond: 0,
                ratePerHour: 0,
            };
            return new ApiClient(praProfile(conn), conn, { ...DEFAULT_RETRY, maxAttempts: 1, baseDelayMs: 1, maxDelayMs: 1, timeoutMs: 5000 });
        };
        const failure = (p: Promise<unknown>) =>
            p.then(
                () => assert.fail("expected a failure"),
                (e: Error) => e.message,
            );

        it("a refused token request never quotes the token endpoint's body (which echoed the Basic header)", async () => {
            mode = "token-echo";
            const message = await failure(client().request("GET", "/jump-group"));
            assert.match(message, /the API account "gateway-test" was refused a token \(HTTP 401, invalid_client\)/);
            assert.ok(!message.includes("refused {"), "the echoed request is not quoted");
            assert.ok(!message.includes(Buffer.from(`gateway-test:${CLIENT_SECRET}`).toString("base64").slice(0, 12)));
        });

        it("a token response that is not JSON is not quoted either", async () => {
            mode = "token-html";
            const message = await failure(client().request("GET", "/jump-group"));
            assert.match(message, /the token response was not JSON/);
            assert.ok(!message.includes("Basic"), message);
        });

        it("an API error echoing the JSON body, escaped twice, is redacted", async () => {
            mode = "api-echo-json";
            const message = await failure(client().request("POST", "/vault/account", { body: { name: "a", password: LONG, private_key: KEY } }));
            for (const s of [LONG, KEY]) for (const f of encodingsOf(s).plain) assert.ok(!message.includes(f), "a form survived");
            assert.match(message, /HTTP 422/);
        });

        it("an API error quoting the request in text, truncated by the client at 300 characters, is redacted", async () => {
            mode = "api-echo-truncated";
            const message = await failure(client().request("POST", "/vault/account", { body: { name: "a", password: LONG } }));
            const escaped = JSON.stringify(LONG).slice(1, -1);
            assert.ok(!message.includes(escaped.slice(0, 8)), `the truncated secret survived: ${message.slice(-40).replace(/[A-Za-z0-9]/g, "x")}`);
            assert.match(message, /HTTP 400: Bad request/);
        });
    });
});
