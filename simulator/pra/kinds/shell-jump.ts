// Shell Jump item, per the spec's ShellJumpItem schema (identical in the PRA and RS specs).
import { Kind, Obj, id, int, oneOf, str } from "../fields";
import { jumpItemCommonFields } from "./jump-item-common";

export const shellJump: Kind = {
    path: "jump-item/shell-jump",
    title: "Shell Jump Item",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        ...jumpItemCommonFields(),
        hostname: str(1, 128, { required: true }),
        protocol: oneOf(["ssh", "telnet"], { required: true }),
        // The spec: "Defaults to 22 if the protocol is SSH or 23 if the protocol is Telnet."
        port: int(1, 65535, { default: (o: Obj) => (o.protocol === "telnet" ? 23 : 22) }),
        terminal: oneOf(["xterm", "VT100"], { default: "xterm" }),
        keep_alive: int(0, 300, { default: 0 }),
        username: { type: "string", maxLength: 128, default: "" },
    },
    filters: {
        name: { field: str(1, 255) },
        hostname: { field: str(3, 255) },
        jump_group_id: { field: int(1, 2147483647) },
        jump_group_type: { field: oneOf(["shared", "personal"]) },
        jumpoint_id: { field: int(1, 2147483647) },
        tag: { field: str(1, 64) },
    },
};
