import { passwordSafeCi, settingsFromConfig } from "./program";

export = passwordSafeCi(settingsFromConfig());
