import { collectionApi } from "../engine/collection-api";
import { byName, codeName, praSpec, sameUniqueKey, text } from "./common";

/** A Jump Group: the shared folder that owns Jump Items and is granted to group policies. */
export const jumpGroup = praSpec({
    kind: "pra:JumpGroup",
    title: "Jump Group",
    fields: {
        name: text("name", 1, 255, "Display name; unique on the appliance.", { required: true }),
        codeName: codeName("Unique code name for scripts and the API."),
        comments: text("comments", 0, 4096, "Free-form comments.", { default: "" }),
    },
    outputs: {},
    deleteBeforeReplace: sameUniqueKey("name", "codeName"),
    api: collectionApi({ path: "/jump-group", naturalKey: byName, listHoldsFullObjects: true }),
});
