// EPM lookups against the simulator: getComputers with each filter and all of them together over a
// tenant of more than 200 computers (so every page is read: 200 is the most a page may hold),
// getComputerGroup and getPolicy by name and by id, and the errors for zero and several matches,
// which name the filter. Each lookup's Management API calls are counted; none writes.
import * as assert from "assert";
import { getComputerGroup, getComputers, getPolicy } from "../../provider/epm/lookups";
import { SEED_IDS } from "../../simulator/epm/seed";
import { epmCounter } from "../support/epm-cost";
import { useEpmSimulator } from "../support/epm-env";

const LAB = 205;
const SEEDED = 6;
const pad = (n: number) => String(n).padStart(4, "0");

describe("provider: EPM lookups against the simulator", function () {
    this.timeout(120_000);
    const epm = useEpmSimulator();
    const cost = epmCounter(epm);

    before(async () => {
        // Lab machines: every third disconnected, every fourth a Linux box, every fifth in Mac Fleet.
        for (let n = 1; n <= LAB; n++) {
            await epm.control("POST", "/computers", {
                host: `LAB-${pad(n)}`,
                domain: "lab.example",
                os: n % 4 === 0 ? "Ubuntu 24.04 LTS" : "Windows 11 Enterprise 24H2",
                hostType: n % 4 === 0 ? "Linux" : "MicrosoftWindows",
                connectionStatus: n % 3 === 0 ? "Disconnected" : "Connected",
                ...(n % 5 === 0 ? { groupId: SEED_IDS.macFleet } : {}),
            });
        }
    });

    const count = (pred: (n: number) => boolean) => Array.from({ length: LAB }, (_, i) => i + 1).filter(pred).length;

    it(`getComputers with no filter: all ${LAB + SEEDED} computers, two pages`, async () => {
        const { result, cost: c } = await cost(() => getComputers({}));
        assert.strictEqual(result.length, LAB + SEEDED);
        assert.strictEqual(new Set(result.map((r) => r.id)).size, LAB + SEEDED, "no computer twice across pages");
        assert.deepStrictEqual([c.api, c.writes, c.byRoute["GET /v3/computers"]], [2, 0, 2]);
        const ws = result.find((r) => r.hostName === "CORPWS03")!;
        assert.deepStrictEqual(
            { ...ws, id: undefined },
            {
                id: undefined,
                hostName: "CORPWS03",
                domain: "corp.example",
                os: "Windows 10 Enterprise 22H2",
                hostType: "MicrosoftWindows",
                connectionStatus: "disconnected",
                groupId: SEED_IDS.workstations,
                groupName: "Windows Workstations",
                archived: false,
            },
        );
    });

    const FILTERS: Array<{ filter: Parameters<typeof getComputers>[0]; expected: number }> = [
        { filter: { hostName: "lab-0007" }, expected: 1 },
        { filter: { hostName: "LAB-9999" }, expected: 0 },
        { filter: { domain: "LAB.EXAMPLE" }, expected: LAB },
        { filter: { os: "ubuntu" }, expected: count((n) => n % 4 === 0) },
        { filter: { os: "macOS" }, expected: 2 },
        { filter: { connectionStatus: "disconnected" }, expected: count((n) => n % 3 === 0) + 2 },
        { filter: { connectionStatus: "connected" }, expected: count((n) => n % 3 !== 0) + 4 },
        { filter: { groupId: SEED_IDS.macFleet }, expected: count((n) => n % 5 === 0) + 2 },
        {
            filter: { domain: "lab.example", os: "windows", connectionStatus: "disconnected", groupId: SEED_IDS.macFleet },
            expected: count((n) => n % 4 !== 0 && n % 3 === 0 && n % 5 === 0),
        },
    ];
    for (const { filter, expected } of FILTERS) {
        it(`getComputers(${JSON.stringify(filter)}): ${expected}, every page read`, async () => {
            const { result, cost: c } = await cost(() => getComputers(filter));
            assert.strictEqual(result.length, expected);
            assert.deepStrictEqual([c.api, c.writes], [2, 0]);
        });
    }

    it("getComputers refuses a filter it does not have and a connection status it does not know, before any call", async () => {
        const bad = await cost(async () => {
            const errors: string[] = [];
            for (const f of [{ hostname: "x" }, { connectionStatus: "online" }, { groupId: "12" }]) {
                await getComputers(f as never).then(
                    () => errors.push("no error"),
                    (e: Error) => errors.push(e.message),
                );
            }
            return errors;
        });
        assert.match(bad.result[0], /hostname is not a filter \(filters: hostName, domain, os, connectionStatus, groupId\)/);
        assert.match(bad.result[1], /connectionStatus must be "connected" or "disconnected", not "online"/);
        assert.match(bad.result[2], /groupId must be a GUID/);
        assert.strictEqual(bad.cost.api, 0);
    });

    it("getComputerGroup by name (without regard to case: the list) and by id (one GET)", async () => {
        const byName = await cost(() => getComputerGroup({ name: "windows workstations" }));
        assert.deepStrictEqual(byName.result, {
            id: SEED_IDS.workstations,
            name: "Windows Workstations",
            description: "Office desktops and laptops",
            default: false,
            computerCount: 3,
            policyId: SEED_IDS.baselinePolicy,
            policyRevisionId: SEED_IDS.baselineRevision,
        });
        assert.deepStrictEqual([byName.cost.api, byName.cost.byRoute["GET /v3/groups"]], [1, 1]);
        const byId = await cost(() => getComputerGroup({ id: SEED_IDS.defaultGroup }));
        assert.deepStrictEqual([byId.result.name, byId.result.default, byId.result.policyId], ["Default Group", true, undefined]);
        assert.deepStrictEqual([byId.cost.api, byId.cost.byRoute["GET /v3/groups/{id}"]], [1, 1]);
    });

    it("getPolicy by name and by id, with its latest revision (after an upload: revision 2)", async () => {
        const res = await fetch(`${epm.sim.controlUrl}/epm/policies/${SEED_IDS.baselinePolicy}/revisions`, {
            method: "POST",
            body: '<Configuration Name="v2"><Policies /></Configuration>',
        });
        const second = String(((await res.json()) as { id: string }).id);
        const byName = await cost(() => getPolicy({ name: "BASELINE windows policy" }));
        assert.deepStrictEqual(byName.result, {
            id: SEED_IDS.baselinePolicy,
            name: "Baseline Windows Policy",
            description: "QuickStart-style baseline",
            latestRevisionId: second,
            latestRevision: 2,
        });
        assert.deepStrictEqual([byName.cost.api, byName.cost.writes], [2, 0], "the list and the policy's revisions");
        const byId = await cost(() => getPolicy({ id: SEED_IDS.baselinePolicy }));
        assert.deepStrictEqual(byId.result, byName.result);
        assert.deepStrictEqual([byId.cost.api, Object.keys(byId.cost.byRoute).sort()], [2, ["GET /v3/policies/{id}", "GET /v3/policies/{id}/revisions"]]);
    });

    it("zero matches: errors naming the filter", async () => {
        const messages = await cost(async () =>
            Promise.all([
                getComputerGroup({ name: "No Such Group" }).catch((e: Error) => e.message),
                getComputerGroup({ id: "0000000b-0000-4000-8000-000000000001" }).catch((e: Error) => e.message),
                getPolicy({ name: "No Such Policy" }).catch((e: Error) => e.message),
                getPolicy({ id: "0000000b-0000-4000-8000-000000000002" }).catch((e: Error) => e.message),
            ]),
        );
        assert.deepStrictEqual(messages.result, [
            'epm.getComputerGroup: nothing matches name "No Such Group"',
            'epm.getComputerGroup: nothing matches id "0000000b-0000-4000-8000-000000000001"',
            'epm.getPolicy: nothing matches name "No Such Policy"',
            'epm.getPolicy: nothing matches id "0000000b-0000-4000-8000-000000000002"',
        ]);
        assert.deepStrictEqual([messages.cost.api, messages.cost.writes], [4, 0]);
        const noArgs = await cost(() => getPolicy({ id: "not-a-guid" }).catch((e: Error) => e.message));
        assert.match(String(noArgs.result), /epm.getPolicy: id must be a GUID/);
        assert.strictEqual(noArgs.cost.api, 0);
    });

    it("several matches: an error naming the filter (names that differ only in case, as a tenant seeded by hand could hold)", async () => {
        // The API refuses such a pair; the control API's seed does not check, which is how a test makes one.
        const state = await epm.control<any>("GET", "/state");
        const at = new Date().toISOString();
        for (const [id, name] of [
            ["0000000b-0000-4000-8000-0000000000d1", "Lab Group"],
            ["0000000b-0000-4000-8000-0000000000d2", "LAB GROUP"],
        ]) {
            state.groups.push({ id, name, description: null, created: at, isDefault: false, policyRevisionId: null });
        }
        await epm.control("POST", "/seed", state);
        const r = await cost(() => getComputerGroup({ name: "lab group" }).catch((e: Error) => e.message));
        assert.strictEqual(r.result, 'epm.getComputerGroup: 2 objects match name "lab group"; narrow the filter or give the id');
        assert.strictEqual(r.cost.api, 1);
    });

    it("one token for the whole run", async () => {
        assert.strictEqual((await epm.control<any>("GET", "/counters")).tokensMinted, 1);
    });
});
