// GET /get_mech_list?version=3: the appliance's list of login mechanisms, which also names the
// product. It lives at the site root, not under /api/config/v1. BeyondTrust's Terraform provider
// (terraform-provider-sra, api/models.go MechList and bt/provider.go Configure) reads it once at
// start, with its OAuth token and `Accept: application/json`, decodes `mechs` (strings),
// `default_mech`, `cache` ("1" or "0"), `company` and `product`, and takes `product == "bpam"`
// as PRA and anything else as RS; it cannot start when the call fails.
//
// What the simulator does where no public source says:
// - RS's `product` value is not published; "bomgar" is used (any value but "bpam" reads as RS).
// - The representative console asks for the list before anyone logs in, so no token is required
//   here and a token is not checked; the call is not rate limited (it is not the Configuration API).
// - Any `version` (or none) gets the version-3 answer.
import { ApiResponse } from "../core/api";
import { methodNotAllowed } from "../core/errors";
import type { Product } from "./fields";

export const MECH_LIST_PATH = "/get_mech_list";

/** The `product` value each simulated product reports. */
export const MECH_LIST_PRODUCT: Record<Product, string> = { pra: "bpam", rs: "bomgar" };

export function mechList(method: string, product: Product): ApiResponse {
    if (method === "OPTIONS") return { status: 200, headers: { Allow: "GET,HEAD,OPTIONS" } };
    if (method !== "GET" && method !== "HEAD") {
        const refused = methodNotAllowed(["GET", "HEAD", "OPTIONS"]);
        return { status: refused.status, body: refused.body, headers: refused.headers };
    }
    return {
        status: 200,
        body: {
            mechs: ["local"],
            default_mech: "local",
            cache: "0",
            company: "bt-simulator",
            product: MECH_LIST_PRODUCT[product],
        },
    };
}
