import { psToPraVault, settingsFromConfig } from "./program";

export = psToPraVault(settingsFromConfig());
