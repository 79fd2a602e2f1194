import { jumpItemSpec } from "./jump-item-common";
import { int, text } from "./common";

/** A Shell Jump item: an SSH or Telnet endpoint reached through a Jumpoint, owned by a Jump Group. */
export const shellJump = jumpItemSpec({
    kind: "pra:ShellJump",
    title: "Shell Jump",
    path: "/jump-item/shell-jump",
    jumpointRole: "that makes the connection",
    fields: {
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
        terminal: { api: "terminal", type: { kind: "enum", values: ["xterm", "VT100"] }, default: "xterm", description: "Terminal emulation." },
        keepAlive: int("keep_alive", 0, 300, "Seconds between keep-alive packets; 0 turns keep-alive off.", { default: 0 }),
        username: text("username", 0, 128, "Default username, used when neither the Vault nor ECM supplies credentials."),
    },
});
