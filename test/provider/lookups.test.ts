// Lookups (provider/lookups.ts, what pra.get* calls in the program's process) over real HTTP against
// a simulator process: the API's own list filter where the list has one, every page to the last
// (more than 100 objects), an exact match on the client, one list call per page and one token for
// every lookup of the process, identical concurrent lookups sharing one scan, and errors that name
// the filter when nothing or several objects match.
import * as assert from "assert";
import { handler, resetClients } from "../../provider";
import { checkOutCredential, lookup, LookupRequest } from "../../provider/lookups";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

const one = (kind: string, filter: LookupRequest["filter"], extra: Partial<LookupRequest> = {}) =>
    lookup({ kind, filter, many: false, caller: "pra.getThing", pluralCaller: "pra.getThings", ...extra }) as Promise<any>;
const all = (kind: string, filter: LookupRequest["filter"], extra: Partial<LookupRequest> = {}) =>
    lookup({ kind, filter, many: true, caller: "pra.getThings", ...extra }) as Promise<any[]>;

const range = (n: number, from = 1) => Array.from({ length: n }, (_, i) => i + from);

describe("provider: lookups", function () {
    this.timeout(60_000);
    let sim: SimulatorProcess;
    useSimulatorEnv(() => sim);
    before(async () => (sim = await startSimulatorProcess({ args: ["--rate-per-second", "1000", "--rate-per-hour", "1000000"] })));
    after(async () => sim && sim.stop());

    beforeEach(async () => {
        await sim.reset();
        resetClients();
    });

    /** API calls since the last reset of the counters: GETs of the list, tokens minted. */
    async function calls() {
        const c = await sim.counters();
        return { gets: c.requests.byMethod.GET ?? 0, total: c.requests.total - c.tokensMinted, tokens: c.tokensMinted, byRoute: c.requests.byRoute };
    }
    const resetCounters = () => sim.control("POST", "/counters/reset");

    it("a Jump Item Role by name among 250: the list's name filter, one GET, one token", async () => {
        await sim.control("POST", "/seed", {
            collections: { "jump-item-role": range(250, 10).map((i) => ({ id: i, name: `Role ${i}`, description: `role ${i}` })) },
        });
        await resetCounters();
        const role = await one("pra:JumpItemRole", { name: "role 77" });
        assert.strictEqual(role.id, 77);
        assert.strictEqual(role.name, "Role 77");
        assert.strictEqual(role.description, "role 77");
        assert.strictEqual(role.permStart, false);
        const c = await calls();
        assert.deepStrictEqual([c.gets, c.total, c.tokens], [1, 1, 1], "one filtered list call and one token");
    });

    it("more than 100 objects: every page read, one GET per page (the Terraform provider stops at 100)", async () => {
        // Session policies: the spec's list has no filter at all, so the match is all client side.
        await sim.control("POST", "/seed", {
            collections: { "session-policy": range(248, 3).map((i) => ({ id: i, display_name: `Policy ${i}`, code_name: `p_${i}`, description: "" })) },
        });
        await resetCounters();
        const last = await one("pra:SessionPolicy", { displayName: "Policy 250" });
        assert.deepStrictEqual(last, { id: 250, displayName: "Policy 250", codeName: "p_250", description: "" });
        assert.strictEqual((await calls()).gets, 3, "250 policies are three pages of 100");

        await resetCounters();
        const every = await all("pra:SessionPolicy", {});
        assert.strictEqual(every.length, 250, "the two built-in policies and 248 more");
        assert.deepStrictEqual(
            every.slice(0, 2).map((p) => p.displayName),
            ["Default", "Restricted"],
        );
        assert.strictEqual((await calls()).gets, 3);

        // A filtered list can also be longer than a page: 130 Shell Jumps tagged "web", in two groups.
        await sim.control("POST", "/seed", {
            collections: {
                jumpoint: [{ id: 1, name: "jp", platform: "linux-x86", shell_jump_enabled: true }],
                "jump-group": [
                    { id: 1, name: "a" },
                    { id: 2, name: "b" },
                ],
                "jump-item/shell-jump": range(140).map((i) => ({
                    id: i,
                    name: `host ${i}`,
                    hostname: `10.0.${Math.floor(i / 200)}.${i % 200}`,
                    protocol: "ssh",
                    jumpoint_id: 1,
                    jump_group_id: (i % 2) + 1,
                    tag: i <= 130 ? "web" : "db",
                })),
            },
        });
        await resetCounters();
        const web = await all("pra:ShellJump", { tag: "WEB" });
        assert.strictEqual(web.length, 130);
        assert.strictEqual((await calls()).gets, 2, "the tag filter is the API's: 130 matches are two pages");
        await resetCounters();
        const inGroup = await all("pra:ShellJump", { tag: "web", jumpGroupId: "2" });
        assert.strictEqual(inGroup.length, 65, "ids given as strings (a resource's id) match numbers");
        assert.ok(inGroup.every((s) => s.jumpGroupId === 2 && s.tag === "web" && s.protocol === "ssh"));
        assert.strictEqual((await calls()).gets, 1);
    });

    it("errors name the filter: nothing matches, several match; an unknown property costs no call", async () => {
        await sim.control("POST", "/seed", {
            collections: {
                jumpoint: [{ id: 1, name: "jp", platform: "linux-x86", shell_jump_enabled: true }],
                "jump-group": [
                    { id: 1, name: "a" },
                    { id: 2, name: "b" },
                ],
                "jump-item/shell-jump": [1, 2].map((g) => ({
                    id: g,
                    name: "bastion",
                    hostname: `10.0.0.${g}`,
                    protocol: "ssh",
                    jumpoint_id: 1,
                    jump_group_id: g,
                })),
            },
        });
        await assert.rejects(one("pra:JumpItemRole", { name: "Operators" }), (err: Error) => {
            assert.strictEqual(err.message, 'pra.getThing: no Jump Item Role matches name "Operators"');
            return true;
        });
        await assert.rejects(one("pra:ShellJump", { name: "bastion" }), (err: Error) => {
            assert.match(err.message, /^pra\.getThing: 2 Shell Jumps match name "bastion" \(ids 1, 2\)/);
            assert.match(err.message, /use pra\.getThings for all of them/);
            return true;
        });
        const inB = await one("pra:ShellJump", { name: "bastion", jumpGroupId: 2 });
        assert.strictEqual(inB.id, 2);
        assert.strictEqual(inB.hostname, "10.0.0.2");

        await resetCounters();
        await assert.rejects(one("pra:Jumpoint", { nmae: "jp" }), /Jumpoint has no property "nmae" to filter on \(it has id, name, platform/);
        await assert.rejects(lookup({ kind: "pra:Nothing", filter: {}, many: true, caller: "x" }), /no lookup for "pra:Nothing"/);
        assert.strictEqual((await calls()).total, 0, "refused before any API call");
    });

    it("identical concurrent lookups share one scan; every lookup of the process shares one token", async () => {
        await sim.control("POST", "/seed", {
            collections: { "jump-group": range(120).map((i) => ({ id: i, name: `group ${i}`, code_name: `g${i}` })) },
        });
        await resetCounters();
        const found = await Promise.all([
            ...range(5).map(() => all("pra:JumpGroup", {})),
            ...range(5).map(() => one("pra:JumpGroup", { codeName: "G7" })),
            one("pra:JumpItemRole", { name: "Administrator" }),
            one("pra:GroupPolicy", { name: "nope" }).catch((e: Error) => e),
        ]);
        assert.ok(found.slice(0, 5).every((r: any) => r.length === 120));
        assert.ok(found.slice(5, 10).every((r: any) => r.id === 7 && r.name === "group 7"));
        assert.strictEqual((found[10] as any).id, 1);
        assert.ok(found[11] instanceof Error);
        const c = await calls();
        assert.strictEqual(c.tokens, 1, "one token for twelve lookups");
        // 2 pages for the five unfiltered scans, 1 for the five code_name scans, 1 role, 1 group policy.
        assert.strictEqual(c.gets, 5, JSON.stringify(c.byRoute));

        await resetCounters();
        await all("pra:JumpGroup", {});
        assert.strictEqual((await calls()).gets, 2, "a later lookup reads again: only concurrent ones are shared");
    });

    it("every kind: Jumpoint, Jump Group, the three Jump Item kinds, vault accounts and groups, group and jump policies, API accounts", async () => {
        const create = async (kind: string, inputs: Record<string, unknown>) => {
            const checked = await handler(kind).check({}, inputs);
            assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
            return (await handler(kind).create(checked.inputs!)).id;
        };
        const jp = await create("pra:Jumpoint", { name: "vpc-a", platform: "linux-x86", codeName: "vpc_a", shellJumpEnabled: true });
        const jg = await create("pra:JumpGroup", { name: "servers", codeName: "servers" });
        const sj = await create("pra:ShellJump", { name: "bastion", hostname: "10.0.0.5", jumpointId: jp, jumpGroupId: jg });
        const rdp = await create("pra:RemoteRdp", { name: "dc", hostname: "10.0.0.6", jumpointId: jp, jumpGroupId: jg });
        const web = await create("pra:WebJump", { name: "ui", url: "https://10.0.0.7/", jumpointId: jp, jumpGroupId: jg });
        const acct = await create("pra:VaultTokenAccount", { name: "ci token", token: "tok-lookup-secret-1" });
        const group = await create("pra:VaultAccountGroup", { name: "ci accounts" });
        const gp = await create("pra:GroupPolicy", { name: "ops" });
        await sim.control("POST", "/seed", {
            collections: {
                "jump-policy": [{ id: 4, display_name: "Business hours", code_name: "business_hours" }],
                "api-account": [
                    { id: 1, name: "pipeline", client_id: "a".repeat(40) },
                    { id: 2, name: "reports", client_id: "b".repeat(40), perm_configuration: false },
                ],
            },
        });
        resetClients();
        await resetCounters();

        const jumpoint = await one("pra:Jumpoint", { codeName: "vpc_a" });
        assert.deepStrictEqual(
            [String(jumpoint.id), jumpoint.name, jumpoint.platform, jumpoint.shellJumpEnabled, jumpoint.connected],
            [jp, "vpc-a", "linux-x86", true, true],
        );
        assert.strictEqual(String((await one("pra:JumpGroup", { name: "servers" })).id), jg);
        const shell = await one("pra:ShellJump", { hostname: "10.0.0.5", jumpointId: jp });
        assert.deepStrictEqual([String(shell.id), shell.port, shell.jumpGroupId], [sj, 22, Number(jg)]);
        assert.strictEqual(String((await one("pra:RemoteRdp", { name: "dc", jumpGroupId: jg })).id), rdp);
        assert.strictEqual((await one("pra:WebJump", { url: "https://10.0.0.7/" })).name, "ui");
        assert.strictEqual(String((await one("pra:WebJump", { name: "ui" })).id), web);
        const account = await one("pra:VaultAccount", { name: "ci token" });
        assert.deepStrictEqual(account, {
            id: Number(acct),
            type: "opaque_token",
            name: "ci token",
            description: "",
            personal: false,
            accountGroupId: 1,
            accountPolicy: null,
        });
        assert.strictEqual((await all("pra:VaultAccount", { type: "username_password" })).length, 0);
        assert.strictEqual(String((await one("pra:VaultAccountGroup", { name: "ci accounts" })).id), group);
        assert.strictEqual((await all("pra:VaultAccountGroup", {})).length, 2, "with the default group");
        assert.strictEqual(String((await one("pra:GroupPolicy", { name: "OPS" })).id), gp);
        assert.strictEqual((await one("pra:JumpPolicy", { codeName: "business_hours" })).displayName, "Business hours");
        const api = await one("pra:ApiAccount", { name: "reports" });
        assert.deepStrictEqual([api.id, api.clientId, api.permConfiguration, api.permCommand], [2, "b".repeat(40), false, "deny"]);
        assert.strictEqual((await one("pra:ApiAccount", { clientId: "a".repeat(40) })).name, "pipeline");
        const c = await calls();
        assert.strictEqual(c.tokens, 1);
        assert.strictEqual(c.gets, 14, "one list page for each of the 14 lookups");
        assert.doesNotMatch(JSON.stringify(account), /tok-lookup-secret/);
    });

    it("the newer kinds: Remote VNC, the four tunnel jumps and vault account policies, each by name, one GET each", async () => {
        const create = async (kind: string, inputs: Record<string, unknown>) => {
            const checked = await handler(kind).check({}, inputs);
            assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
            return (await handler(kind).create(checked.inputs!)).id;
        };
        const jp = await create("pra:Jumpoint", { name: "vpc-b", platform: "linux-x86" });
        const jg = await create("pra:JumpGroup", { name: "databases" });
        const on = { jumpointId: jp, jumpGroupId: jg };
        const made: Array<[string, string, Record<string, unknown>]> = [];
        const add = async (kind: string, inputs: Record<string, unknown>) => made.push([kind, await create(kind, inputs), inputs]);
        await add("pra:RemoteVnc", { name: "kiosk", hostname: "10.0.1.20", ...on });
        await add("pra:ProtocolTunnelJump", { name: "redis ports", hostname: "10.0.1.30", tunnelDefinitions: [{ localPort: 16379, remotePort: 6379 }], ...on });
        await add("pra:PostgresqlTunnelJump", { name: "orders db", hostname: "pg.internal", username: "app", database: "orders", ...on });
        await add("pra:MysqlTunnelJump", { name: "shop db", hostname: "mysql.internal", database: "shop", ...on });
        await add("pra:NetworkTunnelJump", { name: "vpc-b network", filterRules: [{ ipAddresses: { cidr: "10.1.0.0/16" } }], ...on });
        await add("pra:VaultAccountPolicy", { name: "rotate weekly", codeName: "rotate_weekly", scheduledPasswordRotation: true, maximumPasswordAge: 7 });
        resetClients();
        await resetCounters();

        for (const [kind, id, inputs] of made) {
            const found = await one(kind, { name: inputs.name as string });
            assert.strictEqual(String(found.id), id, `${kind} by name`);
            for (const [prop, value] of Object.entries(inputs)) {
                if (prop === "jumpointId" || prop === "jumpGroupId") assert.strictEqual(String(found[prop]), value, `${kind}.${prop}`);
                else if (typeof value !== "object") assert.strictEqual(found[prop], value, `${kind}.${prop}`);
            }
        }
        assert.strictEqual(
            (await one("pra:ProtocolTunnelJump", { name: "redis ports" })).tunnelDefinitions[0].remotePort,
            6379,
            "structured fields come back as the SDK's shapes",
        );
        assert.strictEqual((await one("pra:NetworkTunnelJump", { name: "vpc-b network" })).filterRules[0].ipAddresses.cidr, "10.1.0.0/16");
        assert.strictEqual((await all("pra:VaultAccountPolicy", { scheduledPasswordRotation: true })).length, 1);
        const c = await calls();
        assert.strictEqual(c.tokens, 1);
        assert.strictEqual(c.gets, made.length + 3, "one list page per lookup");
    });

    it("a Jump Client installer by name: its installer id and expiry, never its key; one GET", async () => {
        const jg = await handler("pra:JumpGroup").check({}, { name: "branch laptops" });
        const jumpGroupId = (await handler("pra:JumpGroup").create(jg.inputs!)).id;
        const checked = await handler("pra:JumpClientInstaller").check({}, { jumpGroupId, name: "branch laptops", tag: "branch" });
        assert.strictEqual(checked.failures, undefined, JSON.stringify(checked.failures));
        const made = await handler("pra:JumpClientInstaller").create(checked.inputs!);
        assert.ok(typeof made.outs.installerKey === "string" && made.outs.installerKey !== "", "the create answered the key");
        resetClients();
        await resetCounters();

        const found = await one("pra:JumpClientInstaller", { name: "branch laptops" });
        assert.strictEqual(String(found.id), made.id);
        assert.strictEqual(found.installerId, made.outs.installerId);
        assert.strictEqual(found.tag, "branch");
        assert.strictEqual(String(found.jumpGroupId), jumpGroupId);
        assert.ok(!("installerKey" in found), "the key is not a lookup property: lists never carry it");
        assert.strictEqual((await all("pra:JumpClientInstaller", { tag: "branch" })).length, 1);
        const c = await calls();
        assert.deepStrictEqual([c.tokens, c.gets], [1, 2], "one list page per lookup, one token");
    });

    it("a vault credential: check out, read, check in; by id or by name; concurrent requests share one check-out", async () => {
        const create = async (kind: string, inputs: Record<string, unknown>) => {
            const checked = await handler(kind).check({}, inputs);
            return (await handler(kind).create(checked.inputs!)).id;
        };
        const token = await create("pra:VaultTokenAccount", { name: "ci token", token: "tok-credential-secret-1" });
        const login = await create("pra:VaultUsernamePasswordAccount", { name: "db login", username: "app", password: "pw-credential-secret-1" });
        await resetCounters();

        const byId = await checkOutCredential({ accountId: token, caller: "pra.getVaultCredential" });
        assert.deepStrictEqual(byId, { id: Number(token), type: "opaque_token", secret: "tok-credential-secret-1" });
        let c = await sim.counters();
        assert.deepStrictEqual(
            [c.requests.byRoute["POST /vault/account/{id}/check-out"], c.requests.byRoute["POST /vault/account/{id}/check-in"], c.requests.byMethod.GET ?? 0],
            [1, 1, 0],
        );
        const live = (await sim.control("GET", "/state")).collections["vault/account"].find((a: any) => String(a.id) === token);
        assert.match(live.last_checkout_timestamp, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+00:00$/, "the check-out is recorded");
        assert.strictEqual(live._checked_out, undefined, "and checked back in");

        await resetCounters();
        const byName = await Promise.all([1, 2, 3].map(() => checkOutCredential({ filter: { name: "DB login" }, caller: "pra.getVaultCredential" })));
        assert.ok(byName.every((b) => b.secret === "pw-credential-secret-1" && b.username === "app" && b.type === "username_password"));
        c = await sim.counters();
        assert.deepStrictEqual(
            [c.requests.byMethod.GET, c.requests.byRoute["POST /vault/account/{id}/check-out"], c.requests.byRoute["POST /vault/account/{id}/check-in"]],
            [1, 1, 1],
            "one lookup, one check-out and one check-in for three identical concurrent requests",
        );

        // Held elsewhere: the check-out is refused, and the message names the account, not the secret.
        await sim.control("PATCH", `/api/vault/account/${login}`, { _checked_out: true });
        await assert.rejects(checkOutCredential({ accountId: login, caller: "pra.getVaultCredential" }), (err: Error) => {
            assert.match(err.message, new RegExp(`^pra\\.getVaultCredential: could not check out vault account ${login}: .*already checked out`));
            assert.doesNotMatch(err.message, /pw-credential-secret/);
            return true;
        });
        await assert.rejects(checkOutCredential({ filter: { name: "nothing" }, caller: "pra.getVaultCredential" }), /no Vault Account matches name "nothing"/);
    });

    it("the connection: the lookup's own, then the program's stack config, then the environment", async () => {
        const saved = { ...process.env };
        try {
            for (const n of ["BT_API_HOST", "BT_CLIENT_ID", "BT_CLIENT_SECRET"]) delete process.env[n];
            await assert.rejects(one("pra:JumpItemRole", { name: "Administrator" }), /connection is not configured: missing host/);
            const stackConfig = { host: sim.apiHost, clientId: sim.clientId, clientSecret: sim.clientSecret };
            assert.strictEqual((await one("pra:JumpItemRole", { name: "Administrator" }, { stackConfig })).id, 1);
            // The lookup's own connection wins over stack config, field by field.
            await assert.rejects(
                one("pra:JumpItemRole", { name: "Administrator" }, { stackConfig, connection: { clientSecret: "wrong-secret-value" } }),
                (err: Error) => {
                    assert.doesNotMatch(err.message, /wrong-secret-value/);
                    return /401|refused|authenticat/i.test(err.message);
                },
            );
        } finally {
            process.env = saved;
        }
    });
});
