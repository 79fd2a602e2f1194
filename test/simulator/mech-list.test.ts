// GET /get_mech_list?version=3 at the site root, as BeyondTrust's Terraform provider reads it at
// start to tell PRA (product "bpam") from RS (anything else).
import { strict as assert } from "node:assert";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api, send } from "./client";

describe("simulator: GET /get_mech_list (product detection)", function () {
    for (const product of ["pra", "rs"] as const) {
        describe(`--product ${product}`, () => {
            let sim: SimulatorProcess;
            let api: Api;
            before(async () => {
                sim = await startSimulatorProcess({ product });
                api = new Api(sim);
                await api.login();
            });
            after(async () => sim?.stop());

            it(`answers the MechList fields the vendor's client decodes, product ${product === "pra" ? '"bpam"' : 'not "bpam"'}`, async () => {
                // As the Terraform provider sends it: its OAuth token, Accept: application/json.
                const r = await send(`${sim.apiHost}/get_mech_list?version=3`, "GET", undefined, { token: api.token });
                assert.equal(r.status, 200);
                assert.match(String(r.headers["content-type"]), /^application\/json/);
                assert.ok(Array.isArray(r.body.mechs) && r.body.mechs.every((m: unknown) => typeof m === "string"), r.text);
                assert.equal(typeof r.body.default_mech, "string");
                assert.ok(r.body.cache === "0" || r.body.cache === "1", 'cache is a "1"/"0" string');
                assert.equal(typeof r.body.company, "string");
                assert.equal(typeof r.body.product, "string");
                assert.equal(r.body.product === "bpam", product === "pra");
            });

            it("needs no token, is not rate limited, and only reads (405 with Allow for writes)", async () => {
                const anonymous = await send(`${sim.apiHost}/get_mech_list?version=3`, "GET");
                assert.equal(anonymous.status, 200);
                assert.equal(anonymous.headers["x-ratelimit-limit"], undefined);
                const post = await send(`${sim.apiHost}/get_mech_list?version=3`, "POST", {});
                assert.equal(post.status, 405);
                assert.equal(post.headers.allow, "GET,HEAD,OPTIONS");
                // It is not part of the Configuration API.
                assert.equal((await send(`${sim.apiHost}/api/config/v1/get_mech_list?version=3`, "GET", undefined, { token: api.token })).status, 404);
            });

            it("is counted like every other request", async () => {
                await sim.control("POST", "/counters/reset");
                await send(`${sim.apiHost}/get_mech_list?version=3`, "GET");
                const c = await sim.counters();
                assert.equal(c.requests.byRoute["GET /get_mech_list"], 1);
            });
        });
    }
});
