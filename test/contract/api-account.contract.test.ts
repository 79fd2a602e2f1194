// The simulator's API accounts (simulator/pra/kinds/api-account.ts, read-only in the API: a list
// with a `name` filter, and get by id) against the official PRA and RS specs.
import { strict as assert } from "node:assert";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT } from "../simulator/client";
import { SPEC_FILES, Spec } from "./spec";

for (const product of ["pra", "rs"] as const) {
  describe(`contract: ${product.toUpperCase()} API accounts vs the official spec`, function () {
    let spec: Spec | undefined;
    let sim: SimulatorProcess;
    let api: Api;

    before(async function () {
      spec = Spec.load(product);
      if (!spec) {
        console.log(`    skipped: ${SPEC_FILES[product]} is absent (the official spec lives in shared/reference, outside the repo)`);
        this.skip();
      }
      sim = await startSimulatorProcess({ product, args: NO_RATE_LIMIT });
      api = new Api(sim);
      await api.login();
    });
    after(async () => sim?.stop());

    it("list (paginated, name filter) and get by id; no write route", async () => {
      await sim.control("POST", "/seed", {
        collections: { "api-account": Array.from({ length: 7 }, (_, i) => ({ name: `account ${i + 1}`, comments: "seeded" })) },
      });
      const call = async (method: string, template: string, path: string, body?: unknown) => spec!.check(method, template, await api.call(method, path, body));
      const page = await call("GET", "/api-account", "/api-account?per_page=5");
      assert.equal(page.body.length, 5);
      assert.equal(page.headers["x-bt-pagination-total"], "7");
      const byName = await call("GET", "/api-account", "/api-account?name=ACCOUNT%203");
      assert.deepEqual(byName.body.map((a: any) => a.name), ["account 3"]);
      assert.match(byName.body[0].client_id, /^[0-9a-f]{40}$/);
      assert.equal(byName.body[0].perm_scim === undefined, product === "rs", "perm_scim is PRA only");
      assert.equal(byName.body[0].perm_real_time_state === undefined, product === "pra", "perm_real_time_state is RS only");
      const one = await call("GET", "/api-account/{id}", `/api-account/${byName.body[0].id}`);
      assert.deepEqual(one.body, byName.body[0]);
      assert.equal((await call("GET", "/api-account/{id}", "/api-account/999")).status, 404);
      assert.equal((await api.call("POST", "/api-account", { name: "x" })).status, 405);
      assert.equal((await api.call("GET", "/api-account?bogus=1")).status, 401, "unknown query parameters are refused, as everywhere");
    });
  });
}
