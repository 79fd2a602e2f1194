import { collectionApi } from "../engine/collection-api";
import { int, praSpec, ref, text } from "./common";

/** A Shell Jump item: an SSH or Telnet endpoint reached through a Jumpoint, owned by a Jump Group. */
export const shellJump = praSpec({
    kind: "pra:ShellJump",
    title: "Shell Jump",
    fields: {
        name: text("name", 1, 128, "Display name of the Jump Item.", { required: true }),
        jumpointId: ref("jumpoint_id", "Id of the Jumpoint that makes the connection.", { required: true, diesWithReference: true }),
        hostname: text("hostname", 1, 128, "Host name or IP address to connect to.", { required: true }),
        protocol: {
            api: "protocol",
            type: { kind: "enum", values: ["ssh", "telnet"] },
            default: "ssh",
            description: "Connection protocol.",
        },
        port: int("port", 1, 65535, "TCP port; 22 for ssh and 23 for telnet when left out.", {
            default: (inputs: Record<string, unknown>) => (inputs.protocol === "telnet" ? 23 : 22),
        }),
        jumpGroupId: ref("jump_group_id", "Id of the owning Jump Group (or user, when the type is personal).", {
            required: true,
            diesWithReference: true,
        }),
        jumpGroupType: {
            api: "jump_group_type",
            type: { kind: "enum", values: ["shared", "personal"] },
            default: "shared",
            description: "Whether the owner is a shared Jump Group or a user's personal list.",
        },
        terminal: { api: "terminal", type: { kind: "enum", values: ["xterm", "VT100"] }, default: "xterm", description: "Terminal emulation." },
        keepAlive: int("keep_alive", 0, 300, "Seconds between keep-alive packets; 0 turns keep-alive off.", { default: 0 }),
        tag: text("tag", 0, 64, "Tag used to group Jump Items in the console.", { default: "" }),
        comments: text("comments", 0, 1024, "Free-form comments.", { default: "" }),
        jumpPolicyId: ref("jump_policy_id", "Jump Policy controlling access, or null for none.", { nullable: true, default: null }),
        username: text("username", 0, 128, "Default username, used when neither the Vault nor ECM supplies credentials."),
        sessionPolicyId: ref("session_policy_id", "Session Policy for sessions from this item (ids start at 2), or null for the default.", {
            type: { kind: "ref", min: 2 },
            nullable: true,
            default: null,
        }),
    },
    outputs: {},
    api: collectionApi({
        path: "/jump-item/shell-jump",
        naturalKey: (body) => ({ name: String(body.name), jump_group_id: Number(body.jump_group_id) }),
        listHoldsFullObjects: true,
    }),
});
