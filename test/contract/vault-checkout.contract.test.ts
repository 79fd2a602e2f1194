// The simulator's vault check-out and check-in (simulator/pra/vault-checkout.ts) against the
// official PRA and RS specs: the credential of each creatable type, the 422s of the simulator's
// one-holder rule, 404 for a missing account.
import { strict as assert } from "node:assert";
import { SSH_KEY } from "../support/bad-inputs";
import { contractSuite } from "./suite";

for (const product of ["pra", "rs"] as const) {
    describe(`contract: ${product.toUpperCase()} vault check-out and check-in vs the official spec`, function () {
        const ctx = contractSuite(product);

        it("check-out answers the credential, check-in 200 with no body; twice is 422; a missing account 404", async () => {
            const out = "/vault/account/{id}/check-out";
            const back = "/vault/account/{id}/check-in";
            const accounts: Array<[unknown, Record<string, unknown>]> = [
                [
                    { type: "username_password", name: "up", username: "u", password: "pw-checkout-1" },
                    { type: "username_password", username: "u", password: "pw-checkout-1" },
                ],
                [
                    { type: "opaque_token", name: "tok", token: "tok-checkout-1" },
                    { type: "opaque_token", password: "tok-checkout-1" },
                ],
                [
                    { type: "ssh", name: "key", username: "root", private_key: SSH_KEY },
                    { type: "ssh", username: "root", private_key: SSH_KEY },
                ],
            ];
            for (const [body, credential] of accounts) {
                const acct = await ctx.api.create("/vault/account", body);
                const r = await ctx.call("POST", out, `/vault/account/${acct.id}/check-out`);
                assert.equal(r.status, 200);
                assert.deepEqual(r.body, credential);
                assert.equal((await ctx.call("POST", out, `/vault/account/${acct.id}/check-out`)).status, 422, "already checked out");
                const read = await ctx.api.call("GET", `/vault/account/${acct.id}`);
                assert.match(read.body.last_checkout_timestamp, /\+00:00$/);
                assert.equal(read.body._checked_out, undefined, "the holder is not part of the object");
                const c = await ctx.call("POST", back, `/vault/account/${acct.id}/check-in`);
                assert.equal(c.status, 200);
                assert.equal(c.text ?? "", "");
                assert.equal((await ctx.call("POST", back, `/vault/account/${acct.id}/check-in`)).status, 422, "not checked out");
            }
            assert.equal((await ctx.call("POST", out, "/vault/account/999/check-out")).status, 404);
            assert.equal((await ctx.call("POST", back, "/vault/account/999/check-in")).status, 404);
        });
    });
}
