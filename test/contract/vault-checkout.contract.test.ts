// The simulator's vault check-out and check-in (simulator/pra/vault-checkout.ts) against the
// official PRA and RS specs: the credential of each creatable type, the 422s of the simulator's
// one-holder rule, 404 for a missing account.
import { strict as assert } from "node:assert";
import { SSH_KEY } from "../support/bad-inputs";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, NO_RATE_LIMIT } from "../simulator/client";
import { SPEC_FILES, Spec } from "./spec";

for (const product of ["pra", "rs"] as const) {
  describe(`contract: ${product.toUpperCase()} vault check-out and check-in vs the official spec`, function () {
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

    it("check-out answers the credential, check-in 200 with no body; twice is 422; a missing account 404", async () => {
      const call = async (method: string, template: string, path: string) => spec!.check(method, template, await api.call(method, path));
      const out = "/vault/account/{id}/check-out";
      const back = "/vault/account/{id}/check-in";
      const accounts: Array<[unknown, Record<string, unknown>]> = [
        [{ type: "username_password", name: "up", username: "u", password: "pw-checkout-1" }, { type: "username_password", username: "u", password: "pw-checkout-1" }],
        [{ type: "opaque_token", name: "tok", token: "tok-checkout-1" }, { type: "opaque_token", password: "tok-checkout-1" }],
        [{ type: "ssh", name: "key", username: "root", private_key: SSH_KEY }, { type: "ssh", username: "root", private_key: SSH_KEY }],
      ];
      for (const [body, credential] of accounts) {
        const acct = await api.create("/vault/account", body);
        const r = await call("POST", out, `/vault/account/${acct.id}/check-out`);
        assert.equal(r.status, 200);
        assert.deepEqual(r.body, credential);
        assert.equal((await call("POST", out, `/vault/account/${acct.id}/check-out`)).status, 422, "already checked out");
        const read = await api.call("GET", `/vault/account/${acct.id}`);
        assert.match(read.body.last_checkout_timestamp, /\+00:00$/);
        assert.equal(read.body._checked_out, undefined, "the holder is not part of the object");
        const c = await call("POST", back, `/vault/account/${acct.id}/check-in`);
        assert.equal(c.status, 200);
        assert.equal(c.text ?? "", "");
        assert.equal((await call("POST", back, `/vault/account/${acct.id}/check-in`)).status, 422, "not checked out");
      }
      assert.equal((await call("POST", out, "/vault/account/999/check-out")).status, 404);
      assert.equal((await call("POST", back, "/vault/account/999/check-in")).status, 404);
    });
  });
}
