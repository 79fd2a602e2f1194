import { jumpItemSpec } from "./jump-item-common";
import { int, text } from "./common";

/** A Remote VNC Jump Item: a VNC server reached through a Jumpoint, owned by a Jump Group (PRA and RS). */
export const remoteVnc = jumpItemSpec({
    kind: "pra:RemoteVnc",
    title: "Remote VNC",
    path: "/jump-item/remote-vnc",
    jumpointRole: "that makes the connection",
    fields: {
        hostname: text("hostname", 1, 128, "Host name or IP address of the VNC server.", { required: true }),
        port: int("port", 100, 65535, "TCP port of the VNC server, 100 to 65535.", { default: 5900 }),
    },
});
