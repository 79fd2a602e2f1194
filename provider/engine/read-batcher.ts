import type { ApiClient } from "../core/api-client";
import { processState } from "../core/process-state";
import type { ApiObject } from "./spec";

/**
 * Coalesces reads of one collection into paginated list scans.
 *
 * `pulumi refresh` reads every resource, in parallel. One GET per resource would cost N calls; a
 * scan of the collection costs N/100 (100 per page). Reads that arrive together (within a few
 * milliseconds) trigger one scan; its snapshot then serves every later read of the collection until
 * this process writes to it. A read that arrives alone is a plain GET, and a scan that would cost
 * far more pages than the reads it serves (a small stack on a big appliance) is abandoned after its
 * first page.
 *
 * A snapshot is only evidence of presence. Its pages are read at different moments, so a delete of
 * any object on an earlier page between two page reads shifts the later pages by one, and an object
 * that never left the appliance is missing from the union. An id a snapshot lacks is therefore
 * confirmed by its own GET before it is reported deleted: one extra call per object actually
 * deleted out of band (or shifted out of view), none for the objects the scan found.
 */
interface Snapshot {
    objects: Map<string, ApiObject>;
    takenAt: number;
}

interface Pending {
    id: string;
    resolve: (o: ApiObject | undefined | typeof FALLBACK) => void;
    reject: (e: unknown) => void;
}

const FALLBACK = Symbol("fallback");
const GATHER_MS = 5;
const SNAPSHOT_TTL_MS = 60_000;

export interface BatchStats {
    scans: number;
    pages: number;
    servedFromSnapshot: number;
    abandoned: number;
    /** Reads whose id a snapshot lacked, answered by a GET instead (a delete is never inferred from a list). */
    confirmedByGet: number;
}

export const batchStats = processState<BatchStats>("batchStats", () => ({ scans: 0, pages: 0, servedFromSnapshot: 0, abandoned: 0, confirmedByGet: 0 }));

class CollectionReader {
    private snapshot: Snapshot | undefined;
    private scanning: Promise<Snapshot | undefined> | undefined;
    private pending: Pending[] = [];
    private timer: NodeJS.Timeout | undefined;
    private generation = 0;
    private readsSeen = 0;
    private scanUnprofitable = false;

    constructor(
        private client: ApiClient,
        private readonly path: string,
    ) {}

    useClient(client: ApiClient): void {
        this.client = client;
    }

    /** Whatever this process writes makes the snapshot stale. */
    invalidate(): void {
        this.generation++;
        this.snapshot = undefined;
    }

    async read(id: string, get: () => Promise<ApiObject | undefined>): Promise<ApiObject | undefined> {
        this.readsSeen++;
        if (!batchingEnabled() || this.scanUnprofitable) return get();
        const snap = this.snapshot;
        if (snap && Date.now() - snap.takenAt < SNAPSHOT_TTL_MS) {
            const listed = snap.objects.get(id);
            if (listed) {
                batchStats.servedFromSnapshot++;
                return listed;
            }
            // Absent from a list is not proof of absence (see scan): only a GET says "deleted".
            batchStats.confirmedByGet++;
            return get();
        }
        const result = await new Promise<ApiObject | undefined | typeof FALLBACK>((resolve, reject) => {
            this.pending.push({ id, resolve, reject });
            if (this.scanning) return; // served when the running scan finishes
            if (!this.timer) this.timer = setTimeout(() => this.flush(), GATHER_MS);
        });
        return result === FALLBACK ? get() : result;
    }

    private flush(): void {
        this.timer = undefined;
        const batch = this.pending;
        if (batch.length === 0) return;
        if (batch.length === 1 && !this.snapshot) {
            // A read on its own: one GET is cheaper than any scan.
            this.pending = [];
            batch[0].resolve(FALLBACK);
            return;
        }
        const generation = this.generation;
        this.scanning = this.scan()
            .then((snap) => {
                if (snap && generation === this.generation) this.snapshot = snap;
                return snap;
            })
            .finally(() => {
                this.scanning = undefined;
            });
        this.scanning.then(
            (snap) => {
                const waiting = this.pending;
                this.pending = [];
                for (const p of waiting) {
                    const listed = snap?.objects.get(p.id);
                    if (listed) {
                        batchStats.servedFromSnapshot++;
                        p.resolve(listed);
                    } else {
                        // Not in the scan: confirmed (or not) by its own GET.
                        if (snap) batchStats.confirmedByGet++;
                        p.resolve(FALLBACK);
                    }
                }
            },
            (err) => {
                const waiting = this.pending;
                this.pending = [];
                waiting.forEach((p) => p.reject(err));
            },
        );
    }

    private async scan(): Promise<Snapshot | undefined> {
        batchStats.scans++;
        const takenAt = Date.now();
        const first = await this.client.page<ApiObject>(this.path, 1);
        batchStats.pages++;
        // Pages beyond three per read seen so far would cost more than plain GETs.
        if (first.lastPage > 1 && first.lastPage > 3 * Math.max(this.readsSeen, this.pending.length)) {
            batchStats.abandoned++;
            this.scanUnprofitable = true;
            return undefined;
        }
        const pages = [first];
        const rest = await Promise.all(Array.from({ length: Math.max(0, first.lastPage - 1) }, (_, i) => this.client.page<ApiObject>(this.path, i + 2)));
        batchStats.pages += rest.length;
        pages.push(...rest);
        const objects = new Map<string, ApiObject>();
        for (const page of pages) for (const o of page.items) objects.set(String(o.id), o);
        return { objects, takenAt };
    }
}

function batchingEnabled(): boolean {
    return process.env.BT_BATCH_READS !== "0";
}

const readers = processState("collectionReaders", () => new Map<string, CollectionReader>());

export function readerFor(client: ApiClient, path: string): CollectionReader {
    const key = `${client.conn.origin}|${client.conn.clientId}|${path}`;
    let r = readers.get(key);
    if (!r) {
        r = new CollectionReader(client, path);
        readers.set(key, r);
    }
    // Scans use the account's newest client: an older one may hold a token that is gone.
    r.useClient(client);
    return r;
}

export function resetReaders(): void {
    readers.clear();
}
