// The tunnel Jump Items of the PRA spec, each at its own path with its own schema (the RS spec has
// none): PostgreSQLTunnelJumpItem, MySQLTunnelJumpItem, ProtocolTunnelJumpItem (tunnel_type tcp,
// mssql or k8s) and NetworkTunnelJumpItem (filter rules instead of a host).
import { Field, Kind, Obj, id, int, oneOf, str } from "../fields";
import { jumpItemCommonFields, jumpItemFilters } from "./jump-item-common";

const PRA_ONLY: Kind["products"] = ["pra"];
const CRUD: Kind["operations"] = ["list", "create", "read", "update", "delete"];

// The spec: minLength 0, default 127.0.0.1, "must be within the 127.0.0.0/24 subnet".
const LISTEN = "^(127\\.0\\.0\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d))?$";
const tunnelListenAddress = (): Field => str(0, 32, { pattern: LISTEN, default: "127.0.0.1" });

/** The spec's filters for the tunnel lists: name and hostname 1..128. */
const filters = (hostname: boolean) => jumpItemFilters({ name: [1, 128], ...(hostname ? { hostname: [1, 128] as [number, number] } : {}) });

function databaseTunnel(path: string, title: string): Kind {
    return {
        path,
        title,
        products: PRA_ONLY,
        operations: CRUD,
        paginated: true,
        fields: {
            id: id(),
            ...jumpItemCommonFields(),
            hostname: str(1, 128, { required: true }),
            tunnel_listen_address: tunnelListenAddress(),
            username: str(0, 128, { default: "" }),
            database: str(0, 128, { default: "" }),
        },
        filters: filters(true),
    };
}

export const psqlTunnelJump = databaseTunnel("jump-item/psql-tunnel-jump", "PostgreSQL Tunnel Jump Item");
export const mysqlTunnelJump = databaseTunnel("jump-item/mysql-tunnel-jump", "MySQL Tunnel Jump Item");

/** "22;24;26;28": local;remote pairs, local 0..65535, remote 1..65535 (the spec's description). */
function checkTunnelDefinitions(v: unknown): string[] {
    if (v === "") return [];
    const parts = String(v).split(";");
    if (parts.length % 2 !== 0 || parts.some((p) => !/^\d{1,5}$/.test(p))) return ['must be pairs of local and remote ports, as "22;24;26;28".'];
    for (let i = 0; i < parts.length; i += 2) {
        if (Number(parts[i]) > 65535 || Number(parts[i + 1]) < 1 || Number(parts[i + 1]) > 65535) {
            return ["ports must be from 0 (local) or 1 (remote) to 65535."];
        }
    }
    return [];
}
const isType = (t: string) => (o: Obj) => (o.tunnel_type ?? "tcp") === t;

export const protocolTunnelJump: Kind = {
    path: "jump-item/protocol-tunnel-jump",
    title: "Protocol Tunnel Jump Item",
    products: PRA_ONLY,
    operations: CRUD,
    paginated: true,
    fields: {
        id: id(),
        ...jumpItemCommonFields(),
        hostname: str(1, 128, { required: true }),
        tunnel_listen_address: tunnelListenAddress(),
        // "This is a required field when the tunnel type is 'tcp' and ignored for other types."
        tunnel_definitions: str(0, 5000, { default: "", requiredWhen: isType("tcp"), check: checkTunnelDefinitions }),
        tunnel_type: oneOf(["tcp", "mssql", "k8s"], { default: "tcp" }),
        username: str(0, 128, { default: "" }),
        database: str(0, 128, { default: "" }),
        // minLength 1, not nullable: no value is valid until the item is a k8s one, so absent when unset.
        url: str(1, 256, { requiredWhen: isType("k8s") }),
        ca_certificates: str(1, 12288, { requiredWhen: isType("k8s") }),
    },
    filters: filters(true),
};

// NetworkTunnelJumpItemFilterRule and its oneOf members.
const IANA =
    "HOPOPT ICMP IGMP GGP IPinIP ST TCP CBT EGP IGP BBN_RCC_MON NVPII PUP ARGUS EMCON XNET CHAOS UDP MUX DCN_MEAS HMP PRM XNS_IDP TRUNK_1 TRUNK_2 LEAF_1 LEAF_2 RDP IRTP ISO_TP4 NETBLT MFE_NSP MERIT_INP DCCP ThirdPartyConnect IDPR XTP DDP IDPR_CMTP TransportProtocol IL IPv6 SDRP IPv6_Route IPv6_Frag IDRP RSVP GRE DSR BNA ESP AH I_NLSP SwIPe NARP MOBILE TLSP SKIP IPv6_ICMP IPv6_NoNxt IPv6_Opts AnyHostInternal CFTP AnyLocalNetwork SAT_EXPAK KRYPTOLAN RVD IPPC AnyDistFilesystem SAT_MON VISA IPCU CPNX CPHB WSN PVP BR_SAT_MON SUN_ND WB_MON WB_EXPAK ISO_IP VMTP SECURE_VMTP VINES TTP IPTM NSFNET_IGP DGP TCF EIGRP OSPF Sprite_RPC LARP MTP AX25 OS MICP SCC_SP ETHERIP ENCAP AnyPrivateEncryption GMTP IFMP PNNI PIM ARIS SCPS QNX ActiveNetworks IPComp SNP Compaq_Peer IPXinIP VRRP PGM AnyZeroHop L2TP DDX IATP STP SRP UTI SMP SM PTP ISISoverIPv4 FIRE CRTP CRUDP SSCOPMCE IPLT SPS PIPE SCTP FC RSVP_E2E_IGNORE MobilityHeader UDPLite MPLSinIP manet HIP Shim6 WESP ROHC Ethernet AGGFRAG NSH ANY".split(
        " ",
    );
const range = (item: Field): Field => ({ type: "object", properties: { start: { ...item, required: true }, end: { ...item, required: true } } });
/** oneOf: exactly one member's key. */
const exactlyOne = (keys: string[]) => (v: unknown) =>
    Object.keys(v as Obj).length === 1 && keys.includes(Object.keys(v as Obj)[0]) ? [] : [`must have exactly one of ${keys.join(", ")}.`];
const filterRule: Field = {
    type: "object",
    properties: {
        ip_addresses: {
            type: "object",
            required: true,
            properties: {
                cidr: { type: "string" },
                range: range({ type: "string" }),
                list: { type: "array", minItems: 1, maxItems: 16, items: { type: "string" } },
            },
            check: exactlyOne(["cidr", "range", "list"]),
        },
        protocol: oneOf(IANA),
        ports: {
            type: "object",
            properties: {
                range: range(int(1, 65535)),
                list: { type: "array", minItems: 0, maxItems: 42, items: int(1, 65535) },
            },
            check: exactlyOne(["range", "list"]),
        },
    },
};
/** The spec's defaults inside each rule: protocol ANY, ports { list: [] } (any port). */
const withRuleDefaults = (rules: unknown) =>
    Array.isArray(rules) ? rules.map((r: Obj) => ({ ...r, protocol: r.protocol ?? "ANY", ports: r.ports ?? { list: [] } })) : rules;

export const networkTunnelJump: Kind = {
    path: "jump-item/network-tunnel-jump",
    title: "Network Tunnel Jump Item",
    products: PRA_ONLY,
    operations: CRUD,
    paginated: true,
    fields: {
        id: id(),
        ...jumpItemCommonFields(),
        filter_rules: { type: "array", required: true, minItems: 1, maxItems: 50, items: filterRule },
    },
    filters: filters(false),
    derive: (obj) => {
        obj.filter_rules = withRuleDefaults(obj.filter_rules);
    },
};
