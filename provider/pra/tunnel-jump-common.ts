import type { FieldSpec, FieldTable } from "../engine/fields";
import type { ResourceSpec } from "../engine/spec";
import { jumpItemSpec } from "./jump-item-common";
import { text } from "./common";

/** The tunnel Jump Items exist only in the PRA spec (Remote Support has no protocol tunnels). */
export const PRA_ONLY = ["pra"] as const;

/** "127.0.0.0/24": the spec's rule for where users connect to start a tunnel. */
export const LOOPBACK_24 = /^127\.0\.0\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)$/;

/** Where users connect on their own machine to start the tunnel (every tunnel kind with a host has it). */
export function tunnelListenAddress(): FieldSpec {
    return {
        api: "tunnel_listen_address",
        type: { kind: "string", min: 7, max: 32, pattern: LOOPBACK_24, patternHint: "an IPv4 address in 127.0.0.0/24" },
        default: "127.0.0.1",
        description: "IPv4 address in 127.0.0.0/24 on which users connect to start tunnels.",
    };
}

/**
 * A database tunnel Jump Item (PostgreSQL, MySQL): one spec schema each in the API, at its own path,
 * with the same fields: the database host, the listen address, and the database user and name.
 */
export function databaseTunnelSpec(kind: { kind: string; title: string; path: string; database: string }): ResourceSpec {
    const fields: FieldTable = {
        hostname: text("hostname", 1, 128, `Host name or IP address of the ${kind.database} server.`, { required: true }),
        tunnelListenAddress: tunnelListenAddress(),
        username: text("username", 0, 128, `${kind.database} user to connect as. Left out: whatever the appliance holds.`),
        database: text("database", 0, 128, `${kind.database} database to open. Left out: whatever the appliance holds.`),
    };
    return jumpItemSpec({
        kind: kind.kind,
        title: kind.title,
        path: kind.path,
        jumpointRole: "that opens the tunnel",
        products: PRA_ONLY,
        fields,
    });
}
