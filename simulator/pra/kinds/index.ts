// Every object kind the simulator serves, in dependency order (referenced kinds first).
import { Kind, Product } from "../fields";
import { apiAccount } from "./api-account";
import { groupPolicy } from "./group-policy";
import { jumpClientInstaller } from "./jump-client-installer";
import { jumpGroup } from "./jump-group";
import { jumpPolicy } from "./jump-policy";
import { jumpoint } from "./jumpoint";
import { jumpItemRole, sessionPolicy } from "./read-only";
import { remoteRdp } from "./remote-rdp";
import { remoteVnc } from "./remote-vnc";
import { shellJump } from "./shell-jump";
import { mysqlTunnelJump, networkTunnelJump, protocolTunnelJump, psqlTunnelJump } from "./tunnel-jumps";
import { vaultAccount } from "./vault-account";
import { vaultAccountGroup } from "./vault-account-group";
import { vaultAccountPolicy } from "./vault-account-policy";
import { webJump } from "./web-jump";

export const KINDS: Kind[] = [
    sessionPolicy,
    jumpItemRole,
    jumpPolicy,
    groupPolicy,
    vaultAccountPolicy,
    vaultAccountGroup,
    vaultAccount,
    jumpoint,
    jumpGroup,
    shellJump,
    remoteRdp,
    remoteVnc,
    webJump,
    protocolTunnelJump,
    psqlTunnelJump,
    mysqlTunnelJump,
    networkTunnelJump,
    jumpClientInstaller,
    apiAccount,
];

/** The kinds one product serves; the others do not exist there (404, unknown collection). */
export function kindsFor(product: Product): Kind[] {
    return KINDS.filter((k) => !k.products || k.products.includes(product));
}

export const KIND_BY_PATH = new Map(KINDS.map((k) => [k.path, k]));
