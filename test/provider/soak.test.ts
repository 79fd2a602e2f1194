// A soak: hundreds of mixed operations across kinds, in parallel, with ~5% of requests hit by
// injected faults of every kind. At the end the appliance must hold exactly the desired state:
// no duplicate, no orphan, no lost update. SOAK_OPS sets the size (npm test runs 150; `npm run
// soak` runs 500 and prints the figures). The same number of Password Safe operations (folders and
// credential, text and file secrets; test/support/password-safe-soak.ts) runs beside the PRA ones
// under the same fault rules (they match every path), with every session expired at three points
// of the run, chosen by operation count: each costs at most one sign-in. A third as many EPM
// operations (groups, policies and their revisions, assignments, memberships;
// test/support/epm-soak.ts) run beside them too, every EPM token revoked halfway; at the end the
// run's EPM resources are destroyed and the tenant must be as it started.
import * as assert from "assert";
import { clientStats, resetClients, resetClientStats, sessionStats, signOutAll } from "../../provider";
import { registerSecret } from "../../provider/core/redact";
import { checkPasswordSafe, passwordSafeIds, passwordSafeOps } from "../support/password-safe-soak";
import { addSoakComputers, checkEpm, epmIds, epmOps, teardownEpm } from "../support/epm-soak";
import { MiniEngine } from "../support/mini-engine";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { useSimulatorEnv } from "../support/provider-env";

const OPS = Number(process.env.SOAK_OPS ?? 150);
/** Password Safe operations after which every session is expired (`POST /_sim/ps/sessions/expire`). */
const EXPIRE_AT = [1, 2, 3].map((q) => Math.floor((OPS * q) / 4));
/** EPM operations: a third of OPS keeps the run inside one 1000-request window of EPM's (no wait for it). */
const EPM_OPS = Math.round(OPS / 3);
const EPM_ENV = ["BT_EPM_API_URL", "BT_EPM_CLIENT_ID", "BT_EPM_CLIENT_SECRET"];

function prng(seed: number): () => number {
    // mulberry32: small, seedable, good enough to pick operations reproducibly.
    return () => {
        seed |= 0;
        seed = (seed + 0x6d2b79f5) | 0;
        let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
        t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

const COLLECTION: Record<string, string> = {
    "pra:JumpGroup": "jump-group",
    "pra:ShellJump": "jump-item/shell-jump",
    "pra:VaultTokenAccount": "vault/account",
};

describe(`provider: soak of ${OPS} PRA, ${OPS} Password Safe and ${EPM_OPS} EPM operations with 5% faults`, function () {
    this.timeout(600_000);
    let sim: SimulatorProcess;
    const savedEpm: Record<string, string | undefined> = {};
    useSimulatorEnv(() => sim);
    before(async () => {
        sim = await startSimulatorProcess();
        for (const n of EPM_ENV) {
            savedEpm[n] = process.env[n];
            process.env[n] = sim.env[n];
        }
        registerSecret(sim.env.BT_EPM_CLIENT_SECRET);
    });
    after(async () => {
        for (const n of EPM_ENV) {
            if (savedEpm[n] === undefined) delete process.env[n];
            else process.env[n] = savedEpm[n];
        }
        await signOutAll();
        await sim?.stop();
    });

    it("ends with exactly the desired objects", async () => {
        await sim.reset();
        resetClients();
        resetClientStats();
        const e = new MiniEngine();
        const rand = prng(20261123);
        const pick = <T>(xs: T[]) => xs[Math.floor(rand() * xs.length)];
        const busy = new Set<string>();
        let serial = 0;

        await e.up("jp", "pra:Jumpoint", { name: "soak jumpoint", platform: "linux-x86", shellJumpEnabled: true });
        await e.up("gp", "pra:GroupPolicy", { name: "soak policy" });
        const jp = e.state.get("jp")!.id;
        const gp = e.state.get("gp")!.id;
        assert.ok(sim.env.BT_PS_API_URL, "the simulator serves Password Safe");
        registerSecret(sim.env.BT_PS_API_KEY);
        await sim.control("POST", "/ps/reset");
        await sim.control("POST", "/ps/counters/reset");
        const signInsBefore = sessionStats.signIns;
        const parentA = await e.up("psA", "passwordsafe:Folder", { name: "Soak A", parentPath: "Seed Safe" });
        const parentB = await e.up("psB", "passwordsafe:Folder", { name: "Soak B", parentId: parentA.tracked.outs.parentFolderId });
        const psBefore = await passwordSafeIds(sim);
        const ps = passwordSafeOps(e, [parentA.tracked.id, parentB.tracked.id], pick, busy);
        await sim.control("POST", "/epm/reset");
        await addSoakComputers(sim);
        const epmBefore = await epmIds(sim);
        const epmTokensBefore = (await sim.control<any>("GET", "/epm/counters")).tokensMinted;
        const epm = epmOps(e, pick, busy);
        await sim.control("POST", "/faults", {
            seed: 7,
            rules: [
                { kind: "status", status: 503, rate: 0.012 },
                { kind: "status", status: 500, rate: 0.008 },
                { kind: "rate-limit", rate: 0.008, retryAfter: 1 },
                { kind: "drop", rate: 0.008 },
                { kind: "lose-response", rate: 0.008 },
                { kind: "latency", ms: 150, rate: 0.006 },
            ],
        });

        const names = (kind: string) => [...e.state.entries()].filter(([n, t]) => t.kind === kind && !busy.has(n)).map(([n]) => n);
        const itemsOf = (group: string) =>
            [...e.state.values()].filter((t) => t.kind === "pra:ShellJump" && String(t.inputs.jumpGroupId) === e.state.get(group)?.id);
        const ops: Record<string, () => Promise<void> | undefined> = {
            createGroup: () => {
                const name = `g${serial++}`;
                return e.up(name, "pra:JumpGroup", { name: `soak group ${name}` }).then(() => undefined);
            },
            createItem: () => {
                const group = pick(names("pra:JumpGroup"));
                if (!group) return undefined;
                const name = `i${serial++}`;
                // Hold the group so no concurrent operation deletes it under the new item.
                busy.add(group);
                return e
                    .up(name, "pra:ShellJump", { name, hostname: `10.2.${serial % 250}.1`, jumpointId: jp, jumpGroupId: e.state.get(group)!.id })
                    .then(() => undefined)
                    .finally(() => busy.delete(group));
            },
            createAccount: () => {
                const name = `a${serial++}`;
                return e.up(name, "pra:VaultTokenAccount", { name: `soak ${name}`, token: `tok-${name}-secret` }).then(async () => {
                    await e.up(`${name}-grant`, "pra:GroupPolicyVaultAccount", { groupPolicyId: gp, accountId: e.state.get(name)!.id });
                });
            },
            updateItem: () => {
                const name = pick(names("pra:ShellJump"));
                if (!name) return undefined;
                busy.add(name);
                const t = e.state.get(name)!;
                return e.up(name, t.kind, { ...t.inputs, port: 2000 + serial++, tag: `t${serial}` }).then(() => void busy.delete(name));
            },
            updateGroup: () => {
                const name = pick(names("pra:JumpGroup"));
                if (!name) return undefined;
                busy.add(name);
                const t = e.state.get(name)!;
                return e.up(name, t.kind, { ...t.inputs, comments: `c${serial++}` }).then(() => void busy.delete(name));
            },
            deleteItem: () => {
                const name = pick(names("pra:ShellJump"));
                if (!name) return undefined;
                busy.add(name);
                return e.destroy(name).then(() => void busy.delete(name));
            },
            deleteEmptyGroup: () => {
                const name = pick(names("pra:JumpGroup").filter((g) => itemsOf(g).length === 0));
                if (!name) return undefined;
                busy.add(name);
                return e.destroy(name).then(() => void busy.delete(name));
            },
            rotateToken: () => {
                const name = pick(names("pra:VaultTokenAccount"));
                if (!name) return undefined;
                busy.add(name);
                const t = e.state.get(name)!;
                return e.up(name, t.kind, { ...t.inputs, token: `tok-rotated-${serial++}` }).then(() => void busy.delete(name));
            },
        };
        const weights: Array<[keyof typeof ops, number]> = [
            ["createGroup", 2],
            ["createItem", 5],
            ["createAccount", 1],
            ["updateItem", 4],
            ["updateGroup", 2],
            ["deleteItem", 2],
            ["deleteEmptyGroup", 1],
            ["rotateToken", 1],
        ];
        const bag = weights.flatMap(([op, w]) => Array<keyof typeof ops>(w).fill(op));

        const started = Date.now();
        let done = 0;
        const failures: string[] = [];
        let psDone = 0;
        let expiries = 0;
        const pra = Array.from({ length: 8 }, async () => {
            while (done < OPS) {
                const run = ops[pick(bag)]();
                if (!run) continue;
                done++;
                await run.catch((err: Error) => failures.push(err.message));
            }
        });
        const passwordSafe = Array.from({ length: 4 }, async () => {
            while (psDone < OPS) {
                if (EXPIRE_AT.includes(psDone) && expiries < EXPIRE_AT.filter((n) => n <= psDone).length) {
                    expiries++;
                    await sim.control("POST", "/ps/sessions/expire");
                }
                const run = ps.ops[pick(ps.bag)!]();
                if (!run) continue;
                psDone++;
                await run.catch((err: Error) => failures.push(`Password Safe: ${err.message}`));
            }
        });
        let epmDone = 0;
        let epmExpiries = 0;
        const endpointPrivilege = Array.from({ length: 3 }, async () => {
            while (epmDone < EPM_OPS) {
                if (epmDone >= EPM_OPS / 2 && epmExpiries === 0) {
                    epmExpiries++;
                    await sim.control("POST", "/epm/tokens/expire");
                }
                const run = epm.ops[pick(epm.bag)!]();
                if (!run) continue;
                epmDone++;
                await run.catch((err: Error) => failures.push(`EPM: ${err.message}`));
            }
        });
        await Promise.all([...pra, ...passwordSafe, ...endpointPrivilege]);
        const seconds = (Date.now() - started) / 1000;
        const counters = await sim.counters();
        const psCounters = await sim.control<any>("GET", "/ps/counters");
        const epmCounters = await sim.control<any>("GET", "/epm/counters");
        const signIns = sessionStats.signIns - signInsBefore;
        await sim.control("DELETE", "/faults");

        assert.deepStrictEqual(failures, [], "no operation failed");
        const psVerdict = await checkPasswordSafe(sim, e, ps.declared, psBefore);
        const epmVerdict = await checkEpm(sim, e, epm.declared, epm.uploads, epmBefore);
        const epmLeft = await teardownEpm(sim, e, epmBefore);
        const live = (await sim.control("GET", "/state")).collections;
        let orphans = 0;
        let duplicates = 0;
        let lost = 0;
        for (const [kind, collection] of Object.entries(COLLECTION)) {
            const tracked = [...e.state.values()].filter((t) => t.kind === kind);
            const liveIds = live[collection].map((o: any) => String(o.id));
            orphans += liveIds.filter((id: string) => !tracked.some((t) => t.id === id)).length;
            duplicates += liveIds.length - new Set(liveIds).size;
            for (const t of tracked) {
                const obj = live[collection].find((o: any) => String(o.id) === t.id);
                if (!obj) lost++;
                else if (kind === "pra:ShellJump" && (obj.port !== t.inputs.port || obj.tag !== t.inputs.tag)) lost++;
                else if (kind === "pra:JumpGroup" && obj.comments !== t.inputs.comments) lost++;
                else if (kind === "pra:VaultTokenAccount" && obj.token !== t.inputs.token) lost++;
            }
        }
        const grants = (await sim.control("GET", "/state")).grants["vault-account"].length;
        const trackedGrants = [...e.state.values()].filter((t) => t.kind === "pra:GroupPolicyVaultAccount").length;
        const injected = counters.faultsInjected as Record<string, number>;
        console.log(
            `      ${OPS} + ${OPS} operations in ${seconds.toFixed(1)} s: ${counters.requests.total} requests in all, faults ${JSON.stringify(injected)}, ` +
                `retries ${clientStats.retries}, re-auths ${clientStats.reauthentications}, PRA tokens ${counters.tokensMintedByAccount[sim.clientId]}; ` +
                `duplicates ${duplicates}, orphans ${orphans}, lost updates ${lost}, grants ${grants}/${trackedGrants}`,
        );
        console.log(
            `      Password Safe: ${psCounters.requests.total} of the requests, ${expiries} session expiries, ` +
                `sign-ins ${signIns} (${psCounters.signIns} at the appliance), 401s ${psCounters.unauthorized}; ${psVerdict.folders} folders and ${psVerdict.secrets} secrets left, ` +
                `duplicates ${psVerdict.duplicates}, orphans ${psVerdict.orphans}, lost updates ${psVerdict.lost.length}`,
        );
        const epmTokens = epmCounters.tokensMinted - epmTokensBefore;
        console.log(
            `      EPM: ${epmCounters.requests.total} of the requests, ${epmExpiries} token revocation, tokens ${epmTokens}, 429s ${epmCounters.rateLimited}; ` +
                `${epmVerdict.groups} groups, ${epmVerdict.policies} policies, ${epmVerdict.assignments} assignments, ${epmVerdict.memberships} memberships compared, ` +
                `duplicates ${epmVerdict.duplicates}, orphans ${epmVerdict.orphans}, lost ${epmVerdict.lost.length}; after teardown: ${epmLeft.length} not as it started`,
        );
        assert.deepStrictEqual({ duplicates, orphans, lost, grants }, { duplicates: 0, orphans: 0, lost: 0, grants: trackedGrants });
        assert.deepStrictEqual([psVerdict.duplicates, psVerdict.orphans, psVerdict.lost], [0, 0, []], "Password Safe holds exactly what the run declared");
        assert.ok(psVerdict.folders > 0 && psVerdict.secrets > 0, "Password Safe objects survived to be compared");
        assert.deepStrictEqual([epmVerdict.duplicates, epmVerdict.orphans, epmVerdict.lost], [0, 0, []], "EPM holds exactly what the run declared");
        assert.ok(epmVerdict.groups > 0 && epmVerdict.policies > 0, "EPM objects survived to be compared");
        assert.deepStrictEqual(epmLeft, [], "the run's EPM resources destroyed: the tenant as it started");
        assert.strictEqual(epmCounters.rateLimited, 0, "EPM's limiter kept under its window");
        assert.ok(Object.values(injected).reduce((a, b) => a + b, 0) > 0, "faults were injected");
        assert.strictEqual(counters.tokensMintedByAccount[sim.clientId], 1, "one PRA token");
        // EPM: the first token and one after the revocation, plus any whose answer a fault swallowed.
        const lostAnswers = injected["lose-response"] ?? 0;
        assert.ok(epmTokens >= 1 && epmTokens <= 1 + epmExpiries + lostAnswers, `EPM tokens ${epmTokens}`);
        assert.strictEqual(expiries, EXPIRE_AT.length);
        assert.ok(signIns >= 1 && signIns <= 1 + expiries, `sign-ins ${signIns}: the first, then at most one per expiry`);
        // The appliance counts a sign-in whose answer a lose-response fault swallowed; the provider
        // signs in again then, so the two counts differ by at most the answers lost.
        assert.ok(
            psCounters.signIns >= signIns && psCounters.signIns <= signIns + lostAnswers,
            `the appliance saw ${psCounters.signIns} sign-ins for the provider's ${signIns} (${lostAnswers} answers lost)`,
        );
    });
});
