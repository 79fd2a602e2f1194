import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as https from "node:https";
import { SimulatorProcess, startSimulatorProcess } from "../support/simulator";
import { Api } from "./client";

function get(url: string, ca?: string): Promise<number> {
    return new Promise((resolve, reject) => {
        const req = https.request(url, { method: "GET", ca, agent: false }, (res) => {
            res.resume();
            res.on("end", () => resolve(res.statusCode ?? 0));
        });
        req.on("error", reject);
        req.end();
    });
}

describe("simulator: --https", function () {
    let sim: SimulatorProcess;

    before(async () => {
        sim = await startSimulatorProcess({ https: true });
    });
    after(async () => sim?.stop());

    it("prints an https BT_API_HOST and a BT_CA_FILE holding the PEM certificate", () => {
        assert.match(sim.apiHost, /^https:\/\/127\.0\.0\.1:\d+$/);
        assert.ok(sim.caFile);
        assert.match(fs.readFileSync(sim.caFile!, "utf8"), /-----BEGIN CERTIFICATE-----/);
        assert.equal(sim.controlUrl, `${sim.apiHost}/_sim`);
    });

    it("serves the API to clients that trust the CA file, for 127.0.0.1 and localhost", async () => {
        const api = new Api(sim);
        await api.login();
        assert.equal((await api.get("/jumpoint")).status, 200);
        const ca = fs.readFileSync(sim.caFile!, "utf8");
        assert.equal(await get(sim.apiHost.replace("127.0.0.1", "localhost") + "/api/config/v1/jumpoint", ca), 401);
        await sim.reset();
    });

    it("fails certificate verification without the CA", async () => {
        await assert.rejects(get(sim.apiHost + "/api/config/v1/jumpoint"), (err: any) => {
            assert.match(String(err.code ?? err.message), /SELF_SIGNED|UNABLE_TO_VERIFY|CERT/);
            return true;
        });
    });
});
