// GET /jump-client/installer/{installer_id}/{platform}: the mass-deployment installer of one
// platform, by the installer's 32-character installer_id (not its numeric id). The bytes are a
// stand-in naming the installer and platform; the content type is the spec's.
import { ApiHandler } from "../core/api";
import { notFound, unprocessable } from "../core/errors";
import { Router } from "../core/router";
import { rejectQuery } from "./crud";
import { INSTALLER_PLATFORMS, jumpClientInstaller } from "./kinds/jump-client-installer";
import { Model } from "./model";

export function registerInstallerDownload(router: Router<ApiHandler>, model: Model): void {
    // "{id}" as the object route names the same segment: here it is the installer_id.
    router.add("GET", `/${jumpClientInstaller.path}/{id}/{platform}`, (req) => {
        rejectQuery(req);
        const installerId = req.params.id;
        const errors: Record<string, string[]> = {};
        if (!/^[A-Za-z0-9]{32}$/.test(installerId)) errors.installer_id = ["The installer_id must be 32 characters."];
        if (!INSTALLER_PLATFORMS.includes(req.params.platform)) errors.platform = ["The selected platform is invalid."];
        if (Object.keys(errors).length > 0) throw unprocessable(errors);
        const installer = model.all(jumpClientInstaller.path).find((o) => o.installer_id === installerId);
        if (!installer) throw notFound(`No Jump Client installer has the installer_id ${installerId}.`);
        return {
            status: 200,
            body: Buffer.from(`simulated ${req.params.platform} Jump Client installer ${installerId}\n`),
            headers: { "Content-Type": "application/x-executable" },
        };
    });
}
