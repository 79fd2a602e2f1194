import type { ApiClient } from "../core/api-client";
import { isNotFound } from "../core/errors";
import { processState } from "../core/process-state";

export interface ChangeOptions {
    /**
     * Whether a change that failed may still have applied part of itself (an update's DELETE): then
     * it waits for a provision too before its error is reported. Absent: it may have.
     */
    mayHaveApplied?: (err: unknown) => boolean;
}

/**
 * Serializes membership changes per group policy and coalesces their `provision` calls.
 *
 * The appliance cannot take parallel membership changes on one group policy, and changes take effect
 * only after POST /group-policy/{id}/provision. Pulumi runs grant resources in parallel, so changes to
 * one policy queue here one at a time; when the queue drains, one provision covers every change made
 * since the last one. Each caller waits for the provision that covers its change, so a failed
 * provision is reported by every resource it would have applied.
 *
 * Every way out of a change, success or failure, leaves the queue through `leave()`, which starts
 * the provision once nothing is left to run: a change that fails never strands the ones waiting.
 */
class GroupPolicyQueue {
    private tail: Promise<unknown> = Promise.resolve();
    private active = 0;
    private waiters: Array<{ resolve: () => void; reject: (e: unknown) => void }> = [];

    constructor(
        private client: ApiClient,
        private readonly groupPolicyId: string,
    ) {}

    /** Runs `change` alone on this policy, then resolves once a provision has covered it. */
    async change<T>(client: ApiClient, change: () => Promise<T>, onProvisionFailure: (result: T, err: unknown) => never, opts: ChangeOptions = {}): Promise<T> {
        // The newest client provisions: an older one may hold a token that is gone. Any account of
        // the appliance may provision what another one changed.
        this.client = client;
        this.active++;
        let result: T;
        try {
            result = await this.serialized(change);
        } catch (err) {
            const provisioned = (opts.mayHaveApplied?.(err) ?? true) ? this.provisionCovering() : undefined;
            this.leave();
            // The change's own error is the one to report; a failed provision after it adds nothing.
            if (provisioned) await provisioned.catch(() => undefined);
            throw err;
        }
        const provisioned = this.provisionCovering();
        this.leave();
        try {
            await provisioned;
        } catch (err) {
            onProvisionFailure(result, err);
        }
        return result;
    }

    /** A promise settled by the next provision (registered before that provision can start). */
    private provisionCovering(): Promise<void> {
        return new Promise<void>((resolve, reject) => this.waiters.push({ resolve, reject }));
    }

    private leave(): void {
        this.active--;
        if (this.active === 0) void this.flush();
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

/**
 * The queue of one group policy on one appliance. Keyed by the appliance (origin), not the API
 * account: the appliance cannot take two membership changes on one policy whoever sends them.
 */
export function groupPolicyQueue(client: ApiClient, groupPolicyId: string): GroupPolicyQueue {
    const key = `${client.conn.origin}|${groupPolicyId}`;
    let q = queues.get(key);
    if (!q) {
        q = new GroupPolicyQueue(client, groupPolicyId);
        queues.set(key, q);
    }
    return q;
}
