import { quickstart, settingsFromConfig } from "./program";

export = quickstart(settingsFromConfig());
