import { epmPromotion, settingsFromConfig } from "./program";

export = epmPromotion(settingsFromConfig());
