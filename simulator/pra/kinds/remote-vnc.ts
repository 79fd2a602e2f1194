// Remote VNC Jump Item, per the spec's RemoteVncJumpItem schema (identical in the PRA and RS specs).
import { Kind, id, int, str } from "../fields";
import { jumpItemCommonFields, jumpItemFilters } from "./jump-item-common";

export const remoteVnc: Kind = {
    path: "jump-item/remote-vnc",
    title: "Remote VNC Jump Item",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        ...jumpItemCommonFields(),
        hostname: str(1, 128, { required: true }),
        port: int(100, 65535, { default: 5900 }),
    },
    filters: jumpItemFilters({ name: [1, 255], hostname: [3, 255] }),
};
