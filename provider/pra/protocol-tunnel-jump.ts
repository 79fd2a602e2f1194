import type { Failure, FieldSpec } from "../engine/fields";
import { jumpItemSpec } from "./jump-item-common";
import { text } from "./common";
import { PRA_ONLY, tunnelListenAddress } from "./tunnel-jump-common";

/** One TCP tunnel: a port on the user's machine forwarded to a port of the remote host. */
export interface TunnelPortPair {
    localPort: number;
    remotePort: number;
}

const port = (v: unknown, min: number) => typeof v === "number" && Number.isInteger(v) && v >= min && v <= 65535;
const MAX_DEFINITIONS = 5000;

/**
 * The spec's `tunnel_definitions` is one string of local;remote port pairs ("22;24;26;28" for
 * 22→24 and 26→28). The program writes the pairs as a list; the codec turns one into the other.
 */
export const tunnelDefinitions: FieldSpec = {
    api: "tunnel_definitions",
    type: {
        kind: "custom",
        describe: "a list of {localPort, remotePort} (local 0 to 65535, remote 1 to 65535)",
        parse: (v) => {
            if (!Array.isArray(v)) return { error: "must be a list of {localPort, remotePort}" };
            const pairs: TunnelPortPair[] = [];
            for (const [i, item] of v.entries()) {
                const o = item as Record<string, unknown>;
                if (o === null || typeof o !== "object" || Array.isArray(o)) return { error: `item ${i} must be {localPort, remotePort}` };
                const extra = Object.keys(o).filter((k) => k !== "localPort" && k !== "remotePort");
                if (extra.length > 0) return { error: `item ${i} has ${extra.join(", ")}: only localPort and remotePort are allowed` };
                if (!port(o.localPort, 0)) return { error: `item ${i}: localPort must be a whole number from 0 to 65535, not ${JSON.stringify(o.localPort)}` };
                if (!port(o.remotePort, 1))
                    return { error: `item ${i}: remotePort must be a whole number from 1 to 65535, not ${JSON.stringify(o.remotePort)}` };
                pairs.push({ localPort: o.localPort as number, remotePort: o.remotePort as number });
            }
            const encoded = encodePairs(pairs);
            if (encoded.length > MAX_DEFINITIONS)
                return { error: `holds ${pairs.length} pairs, which the API cannot take (at most ${MAX_DEFINITIONS} characters as "local;remote;...")` };
            return { value: pairs };
        },
    },
    codec: {
        toApi: (v) => encodePairs(v as TunnelPortPair[]),
        fromApi: (v) => decodePairs(v),
    },
    description: 'Ports to forward, each {localPort, remotePort}; the API\'s "local;remote;..." string. Required with tunnelType "tcp".',
};

function encodePairs(pairs: TunnelPortPair[]): string {
    return pairs.map((p) => `${p.localPort};${p.remotePort}`).join(";");
}

/** The API's string as pairs; anything that is not pairs of numbers is kept as it is, so a refresh shows it. */
function decodePairs(v: unknown): unknown {
    if (typeof v !== "string") return v;
    if (v === "") return [];
    const parts = v.split(";");
    if (parts.length % 2 !== 0 || parts.some((p) => !/^\d+$/.test(p.trim()))) return v;
    const pairs: TunnelPortPair[] = [];
    for (let i = 0; i < parts.length; i += 2) pairs.push({ localPort: Number(parts[i]), remotePort: Number(parts[i + 1]) });
    return pairs;
}

/** Properties that only one tunnel type uses (the spec: "required when" / "ignored for other types"). */
const ONLY_FOR: Record<string, "tcp" | "mssql" | "k8s"> = {
    tunnelDefinitions: "tcp",
    username: "mssql",
    database: "mssql",
    url: "k8s",
    caCertificates: "k8s",
};
const REQUIRED_FOR: Record<string, string[]> = { tcp: ["tunnelDefinitions"], mssql: [], k8s: ["url", "caCertificates"] };

const given = (v: unknown) => v !== undefined && v !== null && v !== "" && !(Array.isArray(v) && v.length === 0);

/**
 * A protocol tunnel Jump Item: TCP port forwarding (`tcp`, with its port pairs), a Microsoft SQL
 * Server tunnel (`mssql`) or a Kubernetes API tunnel (`k8s`), per the spec's `tunnel_type`. PRA only.
 */
export const protocolTunnelJump = jumpItemSpec({
    kind: "pra:ProtocolTunnelJump",
    title: "Protocol Tunnel Jump",
    path: "/jump-item/protocol-tunnel-jump",
    jumpointRole: "that opens the tunnel (Linux Jumpoints only for k8s)",
    products: PRA_ONLY,
    fields: {
        hostname: text("hostname", 1, 128, "Host name or IP address the tunnel reaches.", { required: true }),
        tunnelType: {
            api: "tunnel_type",
            type: { kind: "enum", values: ["tcp", "mssql", "k8s"] },
            default: "tcp",
            description: "tcp (port forwarding), mssql (SQL Server) or k8s (Kubernetes API).",
        },
        tunnelListenAddress: tunnelListenAddress(),
        tunnelDefinitions,
        username: text("username", 0, 128, 'SQL Server user; with tunnelType "mssql" only.'),
        database: text("database", 0, 128, 'SQL Server database; with tunnelType "mssql" only.'),
        url: text("url", 1, 256, 'Kubernetes API URL; required with tunnelType "k8s", only valid with it.'),
        caCertificates: text("ca_certificates", 1, 12288, 'PEM CA certificates of the Kubernetes API; required with tunnelType "k8s", only valid with it.'),
    },
    refine: (inputs) => {
        const failures: Failure[] = [];
        const type = String(inputs.tunnelType ?? "tcp");
        for (const name of REQUIRED_FOR[type] ?? []) {
            if (!given(inputs[name])) failures.push({ property: name, reason: `is required when tunnelType is ${JSON.stringify(type)}` });
        }
        for (const [name, only] of Object.entries(ONLY_FOR)) {
            if (only !== type && given(inputs[name])) {
                failures.push({ property: name, reason: `is only valid when tunnelType is ${JSON.stringify(only)} (it is ${JSON.stringify(type)})` });
            }
        }
        return failures;
    },
});
