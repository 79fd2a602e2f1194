// The grant queue on its own, with a recording client: for a batch of changes to one group policy
// with a failure at every position (and every change failing), every change settles, changes never
// overlap, and one provision, after the last change, covers the ones that were applied.
import * as assert from "assert";
import type { ApiClient } from "../../provider/core/api-client";
import { groupPolicyQueue } from "../../provider/pra/provision-queue";

let origins = 0;

function recordingClient(log: string[], provisionFails = false): ApiClient {
    return {
        conn: { origin: `https://queue-test-${++origins}.invalid`, clientId: "a" },
        async request(method: string, path: string) {
            log.push(`${method} ${path}`);
            if (provisionFails) throw new Error("provision refused");
            return undefined;
        },
    } as unknown as ApiClient;
}

describe("unit: the grant provision queue settles every change", function () {
    // On the old queue a failure in the last position left the others waiting forever: this
    // timeout is that failure, not a measure of speed (everything here resolves in microtasks).
    this.timeout(10_000);
    const n = 4;
    const cases: Array<{ title: string; failing: number[] }> = [
        ...Array.from({ length: n }, (_, i) => ({ title: `change ${i + 1} of ${n} fails`, failing: [i] })),
        { title: "the last two fail", failing: [n - 2, n - 1] },
        { title: "every change fails", failing: Array.from({ length: n }, (_, i) => i) },
    ];
    for (const c of cases) {
        it(`${c.title}: all settle, no overlap, one provision after the last change`, async () => {
            const log: string[] = [];
            const client = recordingClient(log);
            const q = groupPolicyQueue(client, "7");
            let inFlight = 0;
            let overlaps = 0;
            const results = await Promise.allSettled(
                Array.from({ length: n }, (_, i) =>
                    q.change(
                        client,
                        async () => {
                            if (++inFlight > 1) overlaps++;
                            log.push(`change ${i}`);
                            await new Promise((r) => setImmediate(r));
                            inFlight--;
                            if (c.failing.includes(i)) throw new Error(`change ${i} refused`);
                            return i;
                        },
                        (_r, err) => {
                            throw err;
                        },
                        // A refused change applied nothing, so it needs no provision of its own.
                        { mayHaveApplied: () => false },
                    ),
                ),
            );
            assert.deepStrictEqual(
                results.map((r) => r.status),
                Array.from({ length: n }, (_, i) => (c.failing.includes(i) ? "rejected" : "fulfilled")),
            );
            assert.strictEqual(overlaps, 0);
            const provisions = log.filter((l) => l.endsWith("/provision"));
            const applied = n - c.failing.length;
            assert.strictEqual(provisions.length, applied > 0 ? 1 : 0, log.join(", "));
            if (applied > 0) assert.strictEqual(log[log.length - 1], "POST /group-policy/7/provision", "the provision comes after every change");
        });
    }

    it("a failed change that may have applied part of itself waits for the provision too, and reports its own error", async () => {
        const log: string[] = [];
        const client = recordingClient(log, true);
        const q = groupPolicyQueue(client, "8");
        const r = await Promise.allSettled([
            q.change(
                client,
                async () => 1,
                (_r, err) => {
                    throw new Error(`provision: ${(err as Error).message}`);
                },
            ),
            q.change(
                client,
                async () => {
                    throw new Error("half done");
                },
                (_r, err) => {
                    throw err;
                },
            ),
        ]);
        assert.deepStrictEqual(
            r.map((x) => (x.status === "rejected" ? (x.reason as Error).message : "ok")),
            ["provision: provision refused", "half done"],
        );
        assert.deepStrictEqual(log, ["POST /group-policy/8/provision"]);
    });
});
