// Every path and method of the official PRA and RS specs answers as an appliance would: never the
// simulator's "Unknown path", never 405 for a method the spec lists, never a 5xx, errors in the
// spec's {message} shape, and lists as arrays (with the page headers where the spec paginates).
// Paths the simulator does not model come from one table (simulator/pra/unsimulated.ts); this test
// is what keeps that table complete when a spec grows.
import { strict as assert } from "node:assert";
import { contractSuite } from "./suite";

const METHODS = ["get", "post", "patch", "delete", "put"];

/** Objects with id 1 for every simulated kind, so nested paths reach past their parents. */
const seed = (product: "pra" | "rs") => ({
    collections: {
        jumpoint: [{ id: 1, name: "jp", platform: "linux-x86" }],
        "jump-group": [{ id: 1, name: "jg" }],
        "jump-policy": [{ id: 1, display_name: "pol" }],
        "group-policy": [{ id: 1, name: "gp" }],
        "vault/account": [{ id: 1, type: "username_password", name: "acct", username: "u", password: "p" }],
        "jump-item/shell-jump": [{ id: 1, name: "sj", jumpoint_id: 1, jump_group_id: 1, hostname: "h", protocol: "ssh" }],
        "jump-item/remote-rdp": [{ id: 1, name: "rdp", jumpoint_id: 1, jump_group_id: 1, hostname: "h" }],
        "jump-item/remote-vnc": [{ id: 1, name: "vnc", jumpoint_id: 1, jump_group_id: 1, hostname: "h" }],
        ...(product === "pra"
            ? {
                  "jump-item/web-jump": [{ id: 1, name: "web", jumpoint_id: 1, jump_group_id: 1, url: "https://h" }],
                  "jump-item/protocol-tunnel-jump": [{ id: 1, name: "tcp", jumpoint_id: 1, jump_group_id: 1, hostname: "h", tunnel_definitions: "1;2" }],
                  "jump-item/psql-tunnel-jump": [{ id: 1, name: "psql", jumpoint_id: 1, jump_group_id: 1, hostname: "h" }],
                  "jump-item/mysql-tunnel-jump": [{ id: 1, name: "mysql", jumpoint_id: 1, jump_group_id: 1, hostname: "h" }],
                  "jump-item/network-tunnel-jump": [
                      { id: 1, name: "net", jumpoint_id: 1, jump_group_id: 1, filter_rules: [{ ip_addresses: { cidr: "10.0.0.0/8" } }] },
                  ],
              }
            : {}),
    },
});

for (const product of ["pra", "rs"] as const) {
    describe(`contract: every ${product.toUpperCase()} spec path answers`, function () {
        const ctx = contractSuite(product, { seed: seed(product) });

        const operations = () => {
            const ops: Array<{ method: string; template: string; op: any }> = [];
            for (const [template, item] of Object.entries<any>(ctx.spec.doc.paths)) {
                for (const m of METHODS) if (item[m]) ops.push({ method: m.toUpperCase(), template, op: { ...item[m], shared: item.parameters } });
            }
            // Reads first, on the seeded objects; then writes, which may delete them (any answer but "unknown" is fine).
            return ops.sort((a, b) => Number(a.method !== "GET") - Number(b.method !== "GET"));
        };
        const concrete = (template: string) => template.replace(/\{(\w+)\}/g, (_m, name: string) => (name === "platform" ? "linux" : "1"));
        const queryNames = (op: any): string[] =>
            [...(op.parameters ?? []), ...(op.shared ?? [])]
                .map((p: any) => (p.$ref ? ctx.spec.doc.components.parameters[p.$ref.split("/").pop()] : p))
                .filter((p: any) => p?.in === "query")
                .map((p: any) => p.name);

        it("no path or method of the spec is unknown to the simulator", async () => {
            const failures: string[] = [];
            let count = 0;
            let paginatedLists = 0;
            for (const { method, template, op } of operations()) {
                count++;
                const r = await ctx.api.call(method, concrete(template), method === "GET" || method === "DELETE" ? undefined : {});
                const label = `${method} ${template} -> ${r.status} ${r.text.slice(0, 120)}`;
                if (r.status === 404 && /unknown path/i.test(String(r.body?.message))) failures.push(`unknown path: ${label}`);
                else if (r.status === 405) failures.push(`method not routed: ${label}`);
                else if (r.status >= 500) failures.push(`server error: ${label}`);
                else if (r.status >= 400 && typeof r.body?.message !== "string") failures.push(`error without {message}: ${label}`);
                else if (method === "GET" && r.status === 200 && queryNames(op).includes("per_page")) {
                    paginatedLists++;
                    if (!Array.isArray(r.body)) failures.push(`paginated list is not an array: ${label}`);
                    if (r.headers["x-bt-pagination-total"] === undefined || !String(r.headers.link).includes('rel="last"')) {
                        failures.push(`paginated list without page headers: ${label}`);
                    }
                }
            }
            assert.ok(count > 90, `only ${count} operations found in the spec`);
            assert.ok(paginatedLists > 20, `only ${paginatedLists} paginated lists answered 200`);
            assert.deepEqual(failures, []);
        });
    });
}
