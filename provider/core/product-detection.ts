// Which product an appliance runs, when nothing configures it (connection.product, stack config
// beyondtrust:product, BT_PRODUCT): asked once per appliance per process, the way BeyondTrust's
// Terraform provider does at start (terraform-provider-sra, api/models.go MechList): GET
// https://HOST/get_mech_list?version=3, with the API account's token; `product` "bpam" is PRA,
// anything else RS. Concurrent first callers share one request; a failure is not remembered, so
// the next operation asks again.
import type { ConfigApiProduct } from "./product";
import type { ApiClient } from "./api-client";
import type { ResolvedConnection } from "./connection";
import { processState } from "./process-state";

export const MECH_LIST_PATH = "/get_mech_list";

export interface Detected {
    product: ConfigApiProduct;
    /** For messages: what the appliance said. */
    source: string;
}

const detections = processState("productDetections", () => new Map<string, Promise<Detected>>());

/** The product of the appliance at conn.origin, asked through `client` (any client for that appliance). */
export function detectProduct(conn: Pick<ResolvedConnection, "origin">, client: ApiClient): Promise<Detected> {
    let pending = detections.get(conn.origin);
    if (!pending) {
        pending = ask(conn.origin, client);
        detections.set(conn.origin, pending);
        pending.catch(() => {
            if (detections.get(conn.origin) === pending) detections.delete(conn.origin);
        });
    }
    return pending;
}

async function ask(origin: string, client: ApiClient): Promise<Detected> {
    let body: unknown;
    try {
        body = await client.request("GET", MECH_LIST_PATH, { query: { version: 3 }, fromOrigin: true });
    } catch (err) {
        throw new Error(`${cannotTell(origin)}: ${(err as Error).message}. ${ADVICE}`);
    }
    const product = typeof body === "object" && body !== null ? (body as { product?: unknown }).product : undefined;
    if (typeof product !== "string" || product === "") {
        throw new Error(`${cannotTell(origin)}: its answer has no "product". ${ADVICE}`);
    }
    const detected = product === "bpam" ? "pra" : "rs";
    return { product: detected, source: `${origin}${MECH_LIST_PATH} reports product ${JSON.stringify(product)}, so ${detected.toUpperCase()}` };
}

function cannotTell(origin: string): string {
    return `the BeyondTrust product is not configured and could not be read from the appliance (GET ${origin}${MECH_LIST_PATH}?version=3)`;
}

const ADVICE = 'Set it: stack config beyondtrust:product (or BT_PRODUCT, or the resource\'s connection.product) to "pra" or "rs"';

/** Forget what was detected (tests that start appliances on reused ports). */
export function resetProductDetection(): void {
    detections.clear();
}
