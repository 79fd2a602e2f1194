import type { ApiClient } from "../core/api-client";
import { isNotFound } from "../core/errors";
import { processState } from "../core/process-state";

/**
 * Serializes membership changes per group policy and coalesces their `provision` calls.
 *
 * The appliance cannot take parallel membership changes on one group policy, and changes take effect
 * only after POST /group-policy/{id}/provision. Pulumi runs grant resources in parallel, so changes to
 * one policy queue here one at a time; when the queue drains, one provision covers every change made
 * since the last one. Each caller waits for the provision that covers its change, so a failed
 * provision is reported by every resource it would have applied.
 */
class GroupPolicyQueue {
    private tail: Promise<unknown> = Promise.resolve();
    private active = 0;
    private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

    constructor(private client: ApiClient, private readonly groupPolicyId: string) {}

    /** Runs `change` alone on this policy, then resolves once a provision has covered it. */
    async change<T>(client: ApiClient, change: () => Promise<T>, onProvisionFailure: (result: T, err: unknown) => never): Promise<T> {
        // The newest client of the account provisions: an older one may hold a token that is gone.
        this.client = client;
        this.active++;
        let result: T;
        try {
            result = await this.serialized(change);
        } finally {
            this.active--;
        }
        const provisioned = new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
        if (this.active === 0) void this.flush();
        try {
            await provisioned;
        } catch (err) {
            onProvisionFailure(result, err);
        }
        return result;
    }

    private serialized<T>(fn: () => Promise<T>): Promise<T> {
        const run = this.tail.then(fn, fn);
        this.tail = run.catch(() => undefined);
        return run;
    }

    private flush(): Promise<void> {
        return this.serialized(async () => {
            const waiters = this.waiters;
            this.waiters = [];
            if (waiters.length === 0) return;
            try {
                await this.client.request("POST", `/group-policy/${encodeURIComponent(this.groupPolicyId)}/provision`);
                waiters.forEach((w) => w.resolve());
            } catch (err) {
                // A deleted group policy has nothing left to provision.
                if (isNotFound(err)) waiters.forEach((w) => w.resolve());
                else waiters.forEach((w) => w.reject(err));
            }
        });
    }
}

const queues = processState("groupPolicyQueues", () => new Map<string, GroupPolicyQueue>());

/** The queue of one group policy on one appliance (per account: grants are made by one account). */
export function groupPolicyQueue(client: ApiClient, groupPolicyId: string): GroupPolicyQueue {
    const key = `${client.conn.origin}|${client.conn.clientId}|${groupPolicyId}`;
    let q = queues.get(key);
    if (!q) {
        q = new GroupPolicyQueue(client, groupPolicyId);
        queues.set(key, q);
    }
    return q;
}
