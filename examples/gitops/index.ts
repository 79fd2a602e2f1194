import { gitops, loadInventory } from "./program";

export = gitops(loadInventory());
