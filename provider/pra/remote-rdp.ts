import type { Failure } from "../engine/fields";
import { jumpItemSpec } from "./jump-item-common";
import { flag, text } from "./common";

const PRA = ["pra"] as const;

/** SecureApp fields and the secure_app_type values the spec says each is "valid only" with. */
const SECURE_APP_FIELDS: Record<string, readonly string[]> = {
    remoteAppName: ["remote_app"],
    remoteAppParams: ["remote_app"],
    remoteExePath: ["remote_desktop_agent", "remote_desktop_agent_credentials"],
    remoteExeParams: ["remote_desktop_agent", "remote_desktop_agent_credentials"],
    targetSystem: ["remote_desktop_agent_credentials"],
    credentialType: ["remote_desktop_agent_credentials"],
};

/** A Remote RDP Jump Item: a Windows host reached over RDP through a Jumpoint, owned by a Jump Group. */
export const remoteRdp = jumpItemSpec({
    kind: "pra:RemoteRdp",
    title: "Remote RDP",
    path: "/jump-item/remote-rdp",
    jumpointRole: "that makes the connection",
    fields: {
        hostname: text("hostname", 1, 128, "Host name or IP address to connect to over RDP.", { required: true }),
        quality: {
            api: "quality",
            type: { kind: "enum", values: ["low", "performance", "performance_quality", "quality", "best_performance", "lossless"] },
            default: "best_performance",
            description: "Display quality of the connection.",
        },
        console: flag("console", false, "Start a console session instead of a new session."),
        ignoreUntrusted: flag("ignore_untrusted", false, "Ignore untrusted server certificates instead of warning the user."),
        rdpUsername: text("rdp_username", 0, 128, "Username offered on the endpoint, used when no vault credential applies."),
        domain: text("domain", 0, 64, "Windows domain of the endpoint user."),
        sessionForensics: flag("session_forensics", false, "Record RDP with Session Forensics (PRA only).", { products: PRA }),
        secureAppType: {
            api: "secure_app_type",
            type: { kind: "enum", values: ["none", "remote_app", "remote_desktop_agent", "remote_desktop_agent_credentials"] },
            default: "none",
            description: "SecureApp technology to launch with the session, or none (PRA only).",
            products: PRA,
        },
        remoteAppName: text("remote_app_name", 0, 512, "RemoteApp to launch; with secureAppType remote_app (PRA only).", { products: PRA }),
        remoteAppParams: text("remote_app_params", 0, 8000, "Parameters of the RemoteApp; with secureAppType remote_app (PRA only).", { products: PRA }),
        remoteExePath: text("remote_exe_path", 0, 512, "Executable the remote desktop agent launches (PRA only).", { products: PRA }),
        remoteExeParams: text("remote_exe_params", 0, 8000, "Parameters of that executable (PRA only).", { products: PRA }),
        targetSystem: text("target_system", 0, 250, "Target system; with secureAppType remote_desktop_agent_credentials (PRA only).", { products: PRA }),
        credentialType: text("credential_type", 0, 250, "Credential type; with secureAppType remote_desktop_agent_credentials (PRA only).", { products: PRA }),
    },
    outputs: { endpointId: "endpoint_id" },
    // The spec: each SecureApp field is "valid only when secure_app_type is" one of its values.
    refine: (inputs) => {
        const failures: Failure[] = [];
        const type = String(inputs.secureAppType ?? "none");
        for (const [name, types] of Object.entries(SECURE_APP_FIELDS)) {
            const v = inputs[name];
            if (typeof v === "string" && v !== "" && !types.includes(type)) {
                failures.push({
                    property: name,
                    reason: `is only valid when secureAppType is ${types.map((t) => JSON.stringify(t)).join(" or ")} (it is ${JSON.stringify(type)})`,
                });
            }
        }
        return failures;
    },
});
