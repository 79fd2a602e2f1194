import { awsInstances, settingsFromConfig } from "./program";

export = awsInstances(settingsFromConfig());
