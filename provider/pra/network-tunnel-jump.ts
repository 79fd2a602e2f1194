import type { FieldSpec } from "../engine/fields";
import { jumpItemSpec } from "./jump-item-common";
import { PRA_ONLY } from "./tunnel-jump-common";

/** Which addresses may enter the tunnel: one of a CIDR block, a range or a list (the spec's oneOf). */
export type IpAddresses = { cidr: string } | { range: { start: string; end: string } } | { list: string[] };
/** Which ports: a range or a list; an empty list means any port (the spec's default). */
export type Ports = { range: { start: number; end: number } } | { list: number[] };
export interface NetworkFilterRule {
    ipAddresses: IpAddresses;
    /** An IANA protocol keyword, or "ANY" (default). */
    protocol?: string;
    /** Only for TCP, UDP, UDPLite and SCTP; default { list: [] } (any port). */
    ports?: Ports;
}

/** The spec's protocol enum: IANA protocol keywords, and ANY. */
export const IANA_PROTOCOLS: readonly string[] =
    "HOPOPT ICMP IGMP GGP IPinIP ST TCP CBT EGP IGP BBN_RCC_MON NVPII PUP ARGUS EMCON XNET CHAOS UDP MUX DCN_MEAS HMP PRM XNS_IDP TRUNK_1 TRUNK_2 LEAF_1 LEAF_2 RDP IRTP ISO_TP4 NETBLT MFE_NSP MERIT_INP DCCP ThirdPartyConnect IDPR XTP DDP IDPR_CMTP TransportProtocol IL IPv6 SDRP IPv6_Route IPv6_Frag IDRP RSVP GRE DSR BNA ESP AH I_NLSP SwIPe NARP MOBILE TLSP SKIP IPv6_ICMP IPv6_NoNxt IPv6_Opts AnyHostInternal CFTP AnyLocalNetwork SAT_EXPAK KRYPTOLAN RVD IPPC AnyDistFilesystem SAT_MON VISA IPCU CPNX CPHB WSN PVP BR_SAT_MON SUN_ND WB_MON WB_EXPAK ISO_IP VMTP SECURE_VMTP VINES TTP IPTM NSFNET_IGP DGP TCF EIGRP OSPF Sprite_RPC LARP MTP AX25 OS MICP SCC_SP ETHERIP ENCAP AnyPrivateEncryption GMTP IFMP PNNI PIM ARIS SCPS QNX ActiveNetworks IPComp SNP Compaq_Peer IPXinIP VRRP PGM AnyZeroHop L2TP DDX IATP STP SRP UTI SMP SM PTP ISISoverIPv4 FIRE CRTP CRUDP SSCOPMCE IPLT SPS PIPE SCTP FC RSVP_E2E_IGNORE MobilityHeader UDPLite MPLSinIP manet HIP Shim6 WESP ROHC Ethernet AGGFRAG NSH ANY".split(
        " ",
    );
/** The spec: ports apply to "protocols that support ports: TCP, UDP, UDPLite, SCTP" (and ANY). */
const WITH_PORTS = ["TCP", "UDP", "UDPLite", "SCTP", "ANY"];

const IPV4 = /^(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)(\.(25[0-5]|2[0-4]\d|1\d\d|[1-9]?\d)){3}$/;
const isIpv4 = (v: unknown): v is string => typeof v === "string" && IPV4.test(v);
const isPort = (v: unknown): v is number => typeof v === "number" && Number.isInteger(v) && v >= 1 && v <= 65535;
const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);
const only = (o: Record<string, unknown>, ...keys: string[]) => Object.keys(o).length === keys.length && keys.every((k) => k in o);

function checkIps(v: unknown): string | undefined {
    if (!isObject(v)) return "ipAddresses must be one of {cidr}, {range: {start, end}} or {list}";
    if (only(v, "cidr")) {
        const [ip, bits, ...rest] = String(v.cidr).split("/");
        return typeof v.cidr === "string" && isIpv4(ip) && rest.length === 0 && /^\d+$/.test(bits ?? "") && Number(bits) <= 32
            ? undefined
            : `ipAddresses.cidr must be an IPv4 CIDR block such as "192.168.1.0/24", not ${JSON.stringify(v.cidr)}`;
    }
    if (only(v, "range")) {
        const r = v.range as Record<string, unknown>;
        return isObject(r) && only(r, "start", "end") && isIpv4(r.start) && isIpv4(r.end)
            ? undefined
            : "ipAddresses.range must be {start, end}, two IPv4 addresses";
    }
    if (only(v, "list")) {
        const l = v.list;
        return Array.isArray(l) && l.length >= 1 && l.length <= 16 && l.every(isIpv4) ? undefined : "ipAddresses.list must hold 1 to 16 IPv4 addresses";
    }
    return "ipAddresses must be exactly one of {cidr}, {range: {start, end}} or {list}";
}

function checkPorts(v: unknown): string | undefined {
    if (isObject(v) && only(v, "range")) {
        const r = v.range as Record<string, unknown>;
        return isObject(r) && only(r, "start", "end") && isPort(r.start) && isPort(r.end) && r.start <= r.end
            ? undefined
            : "ports.range must be {start, end}, ports from 1 to 65535 with start <= end";
    }
    if (isObject(v) && only(v, "list")) {
        const l = v.list;
        return Array.isArray(l) && l.length <= 42 && l.every(isPort) ? undefined : "ports.list must hold at most 42 ports from 1 to 65535 ([] for any port)";
    }
    return "ports must be {range: {start, end}} or {list: [...]}";
}

/** Rules as the program writes them (camelCase, defaults filled) ↔ the API's filter_rules. */
export const filterRules: FieldSpec = {
    api: "filter_rules",
    required: true,
    type: {
        kind: "custom",
        describe: "a list of 1 to 50 filter rules {ipAddresses, protocol?, ports?}",
        parse: (v) => {
            if (!Array.isArray(v) || v.length < 1 || v.length > 50) return { error: "must be a list of 1 to 50 filter rules {ipAddresses, protocol?, ports?}" };
            const rules: NetworkFilterRule[] = [];
            for (const [i, item] of v.entries()) {
                if (!isObject(item)) return { error: `rule ${i} must be {ipAddresses, protocol?, ports?}` };
                const extra = Object.keys(item).filter((k) => !["ipAddresses", "protocol", "ports"].includes(k));
                if (extra.length > 0) return { error: `rule ${i} has ${extra.join(", ")}: only ipAddresses, protocol and ports are allowed` };
                const protocol = item.protocol ?? "ANY";
                if (typeof protocol !== "string" || !IANA_PROTOCOLS.includes(protocol)) {
                    return {
                        error: `rule ${i}: protocol must be an IANA protocol keyword (e.g. "TCP", "UDP", "ICMP") or "ANY", not ${JSON.stringify(protocol)}`,
                    };
                }
                const ips = checkIps(item.ipAddresses);
                if (ips) return { error: `rule ${i}: ${ips}` };
                const ports = item.ports ?? { list: [] };
                const portError = checkPorts(ports);
                if (portError) return { error: `rule ${i}: ${portError}` };
                const anyPort = isObject(ports) && Array.isArray(ports.list) && ports.list.length === 0;
                if (!anyPort && !WITH_PORTS.includes(protocol))
                    return { error: `rule ${i}: protocol ${protocol} has no ports (only ${WITH_PORTS.join(", ")} do)` };
                rules.push({ ipAddresses: item.ipAddresses as IpAddresses, protocol, ports: ports as Ports });
            }
            return { value: rules };
        },
    },
    codec: {
        toApi: (v) => (v as NetworkFilterRule[]).map((r) => ({ ip_addresses: r.ipAddresses, protocol: r.protocol, ports: r.ports })),
        fromApi: (v) =>
            Array.isArray(v)
                ? v.map((r: Record<string, unknown>) => ({ ipAddresses: r.ip_addresses, protocol: r.protocol ?? "ANY", ports: r.ports ?? { list: [] } }))
                : v,
    },
    description: "Which traffic may enter the network tunnel: 1 to 50 rules of addresses, protocol and ports.",
};

/**
 * A network tunnel Jump Item: a layer-3 tunnel into the Jumpoint's network, restricted by filter
 * rules (no single host). PRA only.
 */
export const networkTunnelJump = jumpItemSpec({
    kind: "pra:NetworkTunnelJump",
    title: "Network Tunnel Jump",
    path: "/jump-item/network-tunnel-jump",
    jumpointRole: "whose network the tunnel enters",
    products: PRA_ONLY,
    fields: { filterRules },
});
