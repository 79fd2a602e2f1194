// The simulator's API accounts (simulator/pra/kinds/api-account.ts, read-only in the API: a list
// with a `name` filter, and get by id) against the official PRA and RS specs.
import { strict as assert } from "node:assert";
import { contractSuite } from "./suite";

for (const product of ["pra", "rs"] as const) {
    describe(`contract: ${product.toUpperCase()} API accounts vs the official spec`, function () {
        const ctx = contractSuite(product);

        it("list (paginated, name filter) and get by id; no write route", async () => {
            await ctx.sim.control("POST", "/seed", {
                collections: { "api-account": Array.from({ length: 7 }, (_, i) => ({ name: `account ${i + 1}`, comments: "seeded" })) },
            });
            const page = await ctx.call("GET", "/api-account", "/api-account?per_page=5");
            assert.equal(page.body.length, 5);
            assert.equal(page.headers["x-bt-pagination-total"], "7");
            const byName = await ctx.call("GET", "/api-account", "/api-account?name=ACCOUNT%203");
            assert.deepEqual(
                byName.body.map((a: any) => a.name),
                ["account 3"],
            );
            assert.match(byName.body[0].client_id, /^[0-9a-f]{40}$/);
            assert.equal(byName.body[0].perm_scim === undefined, product === "rs", "perm_scim is PRA only");
            assert.equal(byName.body[0].perm_real_time_state === undefined, product === "pra", "perm_real_time_state is RS only");
            const one = await ctx.call("GET", "/api-account/{id}", `/api-account/${byName.body[0].id}`);
            assert.deepEqual(one.body, byName.body[0]);
            assert.equal((await ctx.call("GET", "/api-account/{id}", "/api-account/999")).status, 404);
            assert.equal((await ctx.api.call("POST", "/api-account", { name: "x" })).status, 405);
            assert.equal((await ctx.api.call("GET", "/api-account?bogus=1")).status, 401, "unknown query parameters are refused, as everywhere");
        });
    });
}
