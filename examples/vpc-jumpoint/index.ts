import { settingsFromConfig, vpcJumpoint } from "./program";

export = vpcJumpoint(settingsFromConfig());
