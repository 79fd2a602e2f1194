// The tunnel Jump Items (PRA only; Remote Support has none). The API has one path and schema per
// kind: /jump-item/protocol-tunnel-jump (tunnel_type tcp, mssql or k8s), psql-tunnel-jump,
// mysql-tunnel-jump and network-tunnel-jump; each is one class here.
import * as pulumi from "@pulumi/pulumi";
import type { IpAddresses, NetworkFilterRule, Ports } from "../../provider/pra/network-tunnel-jump";
import type { TunnelPortPair } from "../../provider/pra/protocol-tunnel-jump";
import { typeToken } from "../resource";
import { JumpItem, JumpItemArgs } from "./jump-item";

export type { IpAddresses, NetworkFilterRule, Ports, TunnelPortPair };

/** What every tunnel to one host has: the host and where users connect locally. */
interface HostTunnelArgs extends JumpItemArgs {
    /** Host name or IP address the tunnel reaches, at most 128 characters. */
    hostname: pulumi.Input<string>;
    /** IPv4 address in 127.0.0.0/24 on which users connect to start tunnels; default "127.0.0.1". */
    tunnelListenAddress?: pulumi.Input<string>;
}

abstract class HostTunnelJump extends JumpItem {
    declare readonly hostname: pulumi.Output<string>;
    declare readonly tunnelListenAddress: pulumi.Output<string>;
}

export interface ProtocolTunnelJumpArgs extends HostTunnelArgs {
    /** "tcp" (default: port forwarding), "mssql" (SQL Server) or "k8s" (Kubernetes API). */
    tunnelType?: pulumi.Input<"tcp" | "mssql" | "k8s">;
    /**
     * Ports to forward, e.g. `[{ localPort: 2222, remotePort: 22 }]` (the API's "2222;22").
     * Required with tunnelType "tcp", only valid with it.
     */
    tunnelDefinitions?: pulumi.Input<pulumi.Input<TunnelPortPair>[]>;
    /** SQL Server user; tunnelType "mssql" only. Left out: whatever the appliance holds. */
    username?: pulumi.Input<string>;
    /** SQL Server database; tunnelType "mssql" only. Left out: whatever the appliance holds. */
    database?: pulumi.Input<string>;
    /** Kubernetes API URL, at most 256 characters; required with tunnelType "k8s", only valid with it. */
    url?: pulumi.Input<string>;
    /** PEM CA certificates of the Kubernetes API; required with tunnelType "k8s", only valid with it. */
    caCertificates?: pulumi.Input<string>;
}

/** A protocol tunnel Jump Item: TCP port forwarding, SQL Server or Kubernetes through a Jumpoint. PRA only. */
export class ProtocolTunnelJump extends HostTunnelJump {
    static readonly __pulumiType = typeToken("pra:ProtocolTunnelJump");
    declare readonly tunnelType: pulumi.Output<string>;
    declare readonly tunnelDefinitions: pulumi.Output<TunnelPortPair[] | undefined>;
    declare readonly username: pulumi.Output<string | undefined>;
    declare readonly database: pulumi.Output<string | undefined>;
    declare readonly url: pulumi.Output<string | undefined>;
    declare readonly caCertificates: pulumi.Output<string | undefined>;

    constructor(name: string, args: ProtocolTunnelJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:ProtocolTunnelJump", name, args, opts);
    }
}

export interface DatabaseTunnelJumpArgs extends HostTunnelArgs {
    /** Database user to connect as, at most 128 characters. Left out: whatever the appliance holds. */
    username?: pulumi.Input<string>;
    /** Database to open, at most 128 characters. Left out: whatever the appliance holds. */
    database?: pulumi.Input<string>;
}
export type PostgresqlTunnelJumpArgs = DatabaseTunnelJumpArgs;
export type MysqlTunnelJumpArgs = DatabaseTunnelJumpArgs;

abstract class DatabaseTunnelJump extends HostTunnelJump {
    declare readonly username: pulumi.Output<string | undefined>;
    declare readonly database: pulumi.Output<string | undefined>;
}

/** A PostgreSQL tunnel Jump Item (`/jump-item/psql-tunnel-jump`). PRA only. */
export class PostgresqlTunnelJump extends DatabaseTunnelJump {
    static readonly __pulumiType = typeToken("pra:PostgresqlTunnelJump");

    constructor(name: string, args: PostgresqlTunnelJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:PostgresqlTunnelJump", name, args, opts);
    }
}

/** A MySQL tunnel Jump Item (`/jump-item/mysql-tunnel-jump`). PRA only. */
export class MysqlTunnelJump extends DatabaseTunnelJump {
    static readonly __pulumiType = typeToken("pra:MysqlTunnelJump");

    constructor(name: string, args: MysqlTunnelJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:MysqlTunnelJump", name, args, opts);
    }
}

export interface NetworkTunnelJumpArgs extends JumpItemArgs {
    /**
     * Which traffic may enter the tunnel: 1 to 50 rules, e.g.
     * `[{ ipAddresses: { cidr: "10.1.0.0/16" }, protocol: "TCP", ports: { range: { start: 5432, end: 5439 } } }]`.
     * `protocol` defaults to "ANY", `ports` to `{ list: [] }` (any port).
     */
    filterRules: pulumi.Input<pulumi.Input<NetworkFilterRule>[]>;
}

/** A network tunnel Jump Item: a layer-3 tunnel into the Jumpoint's network, limited by filter rules. PRA only. */
export class NetworkTunnelJump extends JumpItem {
    static readonly __pulumiType = typeToken("pra:NetworkTunnelJump");
    declare readonly filterRules: pulumi.Output<NetworkFilterRule[]>;

    constructor(name: string, args: NetworkTunnelJumpArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:NetworkTunnelJump", name, args, opts);
    }
}
