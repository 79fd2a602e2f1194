// Remote RDP Jump Item, per the spec's RemoteRdpJumpItem schema. The RS spec drops session
// forensics and the SecureApp fields; everything else is shared.
import { Kind, Obj, bool, id, int, oneOf, str } from "../fields";
import { jumpItemCommonFields } from "./jump-item-common";

const PRA = { products: ["pra" as const] };

export const remoteRdp: Kind = {
    path: "jump-item/remote-rdp",
    title: "Remote RDP Jump Item",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        ...jumpItemCommonFields(),
        hostname: str(1, 128, { required: true }),
        quality: oneOf(["low", "performance", "performance_quality", "quality", "best_performance", "lossless"], {
            default: "best_performance",
        }),
        console: bool(false),
        ignore_untrusted: bool(false),
        rdp_username: str(0, 128, { default: "" }),
        domain: str(0, 64, { default: "" }),
        session_forensics: bool(false, PRA),
        // Vault endpoints are not simulated: no item is ever linked to one.
        endpoint_id: int(1, 2147483647, { readOnly: true, nullable: true, default: null }),
        // The spec gives no default; "none" is its value for "SecureApp not used", and its description
        // says "If blank then SecureApp technology will not be used": "" is accepted as none and kept as
        // sent (the vendor's Terraform provider sends "" and expects "" back in its state).
        secure_app_type: oneOf(["none", "", "remote_app", "remote_desktop_agent", "remote_desktop_agent_credentials"], {
            default: "none",
            ...PRA,
        }),
        remote_app_name: str(0, 512, { default: "", ...PRA }),
        remote_app_params: str(0, 8000, { default: "", ...PRA }),
        remote_exe_path: str(0, 512, { default: "", ...PRA }),
        remote_exe_params: str(0, 8000, { default: "", ...PRA }),
        target_system: str(0, 250, { default: "", ...PRA }),
        credential_type: str(0, 250, { default: "", ...PRA }),
    },
    filters: {
        name: { field: str(1, 255) },
        hostname: { field: str(3, 255) },
        jump_group_id: { field: int(1, 2147483647) },
        jump_group_type: { field: oneOf(["shared", "personal"]) },
        jumpoint_id: { field: int(1, 2147483647) },
        endpoint_id: { field: int(1, 2147483647) },
        tag: { field: str(1, 64) },
    },
};
