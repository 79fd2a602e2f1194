// Every /api/config/v1 route of the simulated PRA/RS Configuration API.
import { ApiHandler } from "../core/api";
import { Router } from "../core/router";
import { registerAssociationRoutes } from "./associations";
import { registerCrudRoutes } from "./crud";
import { registerGrantRoutes } from "./grants";
import { registerInstallerDownload } from "./installer-download";
import { kindsFor } from "./kinds";
import { Model } from "./model";
import { registerUnsimulatedRoutes } from "./unsimulated";
import { registerVaultCheckoutRoutes } from "./vault-checkout";

export const API_PREFIX = "/api/config/v1";

export function buildApiRouter(model: Model, onProvision: (gp: number) => void = () => undefined): Router<ApiHandler> {
    const router = new Router<ApiHandler>();
    for (const kind of kindsFor(model.product)) registerCrudRoutes(router, model, kind);
    registerGrantRoutes(router, model, onProvision);
    registerVaultCheckoutRoutes(router, model);
    registerAssociationRoutes(router, model);
    registerInstallerDownload(router, model);
    // Last, so a real route always wins: the spec's other paths answer as an appliance without such objects.
    registerUnsimulatedRoutes(router, model);
    return router;
}
