import { collectionApi } from "../engine/collection-api";
import { byName, codeName, flag, praSpec, ref, sameUniqueKey, text } from "./common";

/** A Jumpoint: the on-network agent through which Jump Items reach their hosts. */
export const jumpoint = praSpec({
    kind: "pra:Jumpoint",
    title: "Jumpoint",
    fields: {
        name: text("name", 1, 255, "Display name; unique on the appliance.", { required: true }),
        platform: {
            api: "platform",
            type: { kind: "enum", values: ["windows-x86", "linux-x86"] },
            required: true,
            replaceOnChange: true,
            description: "Operating system the Jumpoint runs on; the API cannot change it after create.",
        },
        codeName: codeName("Unique code name for scripts and the API."),
        comments: text("comments", 0, 1024, "Free-form comments.", { default: "" }),
        enabled: flag("enabled", true, "Whether users may Jump through it."),
        clustered: flag("clustered", false, "Clustered (several nodes) or standalone; cannot change after create.", { replaceOnChange: true }),
        shellJumpEnabled: flag("shell_jump_enabled", false, "Whether Shell Jump items may use it."),
        externalJumpItemNetworkId: text("external_jump_item_network_id", 0, 1024, "Identifier of the network for external Jump Items; unique when set."),
        protocolTunnelEnabled: flag("protocol_tunnel_enabled", true, "Whether protocol tunnel Jump items may use it (PRA only).", { products: ["pra"] }),
        rdpServiceAccountId: ref("rdp_service_account_id", "Vault account used for RDP service connections (PRA only), or null.", {
            nullable: true,
            default: null,
            products: ["pra"],
            refTo: ["pra:VaultUsernamePasswordAccount"],
        }),
    },
    outputs: { connected: "connected" },
    deleteBeforeReplace: sameUniqueKey("name", "codeName"),
    api: collectionApi({ path: "/jumpoint", naturalKey: byName, listHoldsFullObjects: true }),
});
