// Lookups: the data sources of this package. Each pra.getX finds exactly one object by name or any
// other of its properties (an error names the filter when none or several match); pra.getXs returns
// every match. Both return Outputs and run in the program's process, not the plugin's: the provider's
// lookup engine (provider/lookups.ts) is required on the first call only, so importing the SDK loads
// no HTTP code. The connection comes from the lookup's `connection`, then stack config
// (`beyondtrust:*`), then the environment, as for resources. Lists are read to the last page.
import * as pulumi from "@pulumi/pulumi";
import type { LookupRequest } from "../../provider/lookups";
import type { CommonArgs, ConnectionArgs } from "../resource";
import { stackConfigOf } from "../stack-config";
import type { GroupPolicyArgs } from "./group-policy";
import type { JumpClientInstallerArgs } from "./jump-client-installer";
import type { JumpGroupArgs } from "./jump-group";
import type { JumpointArgs } from "./jumpoint";
import type { RemoteRdpArgs } from "./remote-rdp";
import type { RemoteVncArgs } from "./remote-vnc";
import type { ShellJumpArgs } from "./shell-jump";
import type { MysqlTunnelJumpArgs, NetworkTunnelJumpArgs, PostgresqlTunnelJumpArgs, ProtocolTunnelJumpArgs } from "./tunnel-jumps";
import type { VaultAccountGroupArgs, VaultAccountPolicyArgs } from "./vault-accounts";
import type { WebJumpArgs } from "./web-jump";

/** A resource's properties as a lookup returns them: plain values, the API's numeric id. */
type Found<A> = { id: number } & pulumi.Unwrap<Omit<A, keyof CommonArgs>>;

/** Filter by any property of the result (exact, case-insensitive, like the appliance's own filters). */
export type LookupArgs<R> = { [K in Exclude<keyof R, "id">]?: pulumi.Input<R[K]> } & {
    /** The object's id, as a number or a resource's `id` output. */
    id?: pulumi.Input<number | string>;
    /** Where to look; otherwise stack config `beyondtrust:*`, then the `BT_*` environment. */
    connection?: pulumi.Input<ConnectionArgs>;
};

export type JumpointInfo = Found<JumpointArgs> & { connected: boolean };
export type JumpGroupInfo = Found<JumpGroupArgs>;
export type ShellJumpInfo = Found<ShellJumpArgs>;
export type RemoteRdpInfo = Found<RemoteRdpArgs>;
export type WebJumpInfo = Found<WebJumpArgs>;
export type RemoteVncInfo = Found<RemoteVncArgs>;
export type ProtocolTunnelJumpInfo = Found<ProtocolTunnelJumpArgs>;
export type PostgresqlTunnelJumpInfo = Found<PostgresqlTunnelJumpArgs>;
export type MysqlTunnelJumpInfo = Found<MysqlTunnelJumpArgs>;
export type NetworkTunnelJumpInfo = Found<NetworkTunnelJumpArgs>;
export type VaultAccountPolicyInfo = Found<VaultAccountPolicyArgs>;
export type GroupPolicyInfo = Found<GroupPolicyArgs>;
export type VaultAccountGroupInfo = Found<VaultAccountGroupArgs>;
/** An installer as its list reports it: the key is never listed (only the create answers it). */
export type JumpClientInstallerInfo = Found<JumpClientInstallerArgs> & {
    installerId: string;
    expirationTimestamp: string;
    maxOfflineMinutes: number;
};

export interface JumpItemRoleInfo {
    id: number;
    name: string;
    description: string;
    permAdd: boolean;
    permAssignJumpGroup: boolean;
    permRemove: boolean;
    permStart: boolean;
    permEditTag: boolean;
    permEditComments: boolean;
    permEditJumpPolicy: boolean;
    permEditSessionPolicy: boolean;
    permEditIdentity: boolean;
    permEditBehavior: boolean;
    permViewJumpItemReport: boolean;
    /** Remote Support only. */
    permEditPublicPortal?: boolean;
    /** Remote Support only. */
    permEditSupportButton?: boolean;
}

export interface SessionPolicyInfo {
    id: number;
    displayName: string;
    codeName: string;
    description: string;
}

export interface JumpPolicyInfo {
    id: number;
    displayName: string;
    codeName: string;
    description: string;
    scheduleEnabled: boolean;
    scheduleStrict: boolean;
    ticketIdRequired: boolean;
    twoFactorChallengeRequired: boolean;
    /** PRA only. */
    approvalRequired?: boolean;
}

/** What the vault's list says of every account, whatever its type; never a secret. */
export interface VaultAccountInfo {
    id: number;
    type: string;
    name: string;
    description: string;
    personal: boolean;
    ownerUserId?: number;
    accountGroupId?: number;
    accountPolicy?: string | null;
}

/** An API account (read-only in the API). */
export interface ApiAccountInfo {
    id: number;
    name: string;
    comments: string;
    enabled: boolean;
    ipAddresses: string;
    clientId: string;
    failedLoginAttempts: number;
    failedLoginExpiration?: string;
    /** PRA only. */
    ecmGroupId?: number;
    permCommand: "deny" | "read_only" | "full_access";
    permReportingSupport: boolean;
    permReportingLicense: boolean;
    /** Remote Support only. */
    permReportingArchive?: boolean;
    permReportingVault: boolean;
    permReportingJumpItem: boolean;
    permReportingSyslog: boolean;
    permBackup: boolean;
    permVaultBackup: boolean;
    /** Remote Support only. */
    permRealTimeState?: boolean;
    permEcm: boolean;
    /** PRA only. */
    permScim?: boolean;
    permConfiguration: boolean;
    permConfigurationVaultAccount: boolean;
}

/** The program's `beyondtrust:*` stack config (read raw: the secret is used, never output). */
function programConfig(): LookupRequest["stackConfig"] {
    return stackConfigOf("pra");
}

function run(kind: string, args: Record<string, unknown> | undefined, many: boolean, caller: string, pluralCaller: string): pulumi.Output<unknown> {
    const { connection, ...filter } = args ?? {};
    return pulumi.output({ filter, connection }).apply((resolved) => {
        // Lazy: the HTTP stack is loaded by the first lookup, not by importing the SDK.
        const engine: typeof import("../../provider/lookups") = require("../../provider/lookups");
        return engine.lookup({
            kind,
            filter: resolved.filter as LookupRequest["filter"],
            many,
            connection: resolved.connection as LookupRequest["connection"],
            stackConfig: programConfig(),
            caller,
            pluralCaller,
        });
    });
}

/** What pra.getVaultCredential returns; the whole object is a secret Output. */
export interface VaultCredentialInfo {
    /** The vault account's id. */
    id: number;
    type: string;
    username?: string;
    /** The password, token or private key. */
    secret: string;
    /** For ssh_ca accounts: the certificate signed at check-out, if any. */
    signedPublicCert?: string;
}

export type VaultCredentialArgs = LookupArgs<VaultAccountInfo> & {
    /** The account's id (e.g. a vault account resource's `id`); otherwise the filter must find exactly one account. */
    accountId?: pulumi.Input<number | string>;
};

/**
 * A vault account's credential, for programs that must hand it on: checks the account out, reads
 * it and checks it back in, on every run (preview included). The result is secret. Avoid accounts
 * whose policy rotates the credential on check-in: the value read would be stale at once.
 */
export function getVaultCredential(args: VaultCredentialArgs): pulumi.Output<VaultCredentialInfo> {
    const { connection, accountId, ...filter } = args ?? {};
    const result = pulumi.output({ filter, connection, accountId }).apply((resolved) => {
        const engine: typeof import("../../provider/lookups") = require("../../provider/lookups");
        return engine.checkOutCredential({
            accountId: resolved.accountId as number | string | undefined,
            filter: resolved.filter as LookupRequest["filter"],
            connection: resolved.connection as LookupRequest["connection"],
            stackConfig: programConfig(),
            caller: "pra.getVaultCredential",
        });
    });
    return pulumi.secret(result) as unknown as pulumi.Output<VaultCredentialInfo>;
}

function one<R>(kind: string, name: string, pluralName: string): (args?: LookupArgs<R>) => pulumi.Output<R> {
    return (args) => run(kind, args as Record<string, unknown>, false, `pra.${name}`, `pra.${pluralName}`) as unknown as pulumi.Output<R>;
}

function all<R>(kind: string, name: string): (args?: LookupArgs<R>) => pulumi.Output<R[]> {
    return (args) => run(kind, args as Record<string, unknown>, true, `pra.${name}`, `pra.${name}`) as unknown as pulumi.Output<R[]>;
}

/** The Jump Item Role matching the filter, e.g. `{ name: "Start Sessions Only" }`; its `id` feeds a Jump Group grant. */
export const getJumpItemRole = one<JumpItemRoleInfo>("pra:JumpItemRole", "getJumpItemRole", "getJumpItemRoles");
/** Every Jump Item Role matching the filter (all of them without one). */
export const getJumpItemRoles = all<JumpItemRoleInfo>("pra:JumpItemRole", "getJumpItemRoles");
/** The Jump Policy matching the filter, e.g. `{ codeName: "business_hours" }`. */
export const getJumpPolicy = one<JumpPolicyInfo>("pra:JumpPolicy", "getJumpPolicy", "getJumpPolicies");
export const getJumpPolicies = all<JumpPolicyInfo>("pra:JumpPolicy", "getJumpPolicies");
/** The Session Policy matching the filter, e.g. `{ displayName: "Restricted" }` (the API's list has no filters: matched here). */
export const getSessionPolicy = one<SessionPolicyInfo>("pra:SessionPolicy", "getSessionPolicy", "getSessionPolicies");
export const getSessionPolicies = all<SessionPolicyInfo>("pra:SessionPolicy", "getSessionPolicies");
/** The group policy matching the filter, e.g. `{ name: "Ops" }`. */
export const getGroupPolicy = one<GroupPolicyInfo>("pra:GroupPolicy", "getGroupPolicy", "getGroupPolicies");
export const getGroupPolicies = all<GroupPolicyInfo>("pra:GroupPolicy", "getGroupPolicies");
/** The Jumpoint matching the filter, e.g. `{ name: "vpc-a" }` or `{ codeName: "vpc_a" }`. */
export const getJumpoint = one<JumpointInfo>("pra:Jumpoint", "getJumpoint", "getJumpoints");
export const getJumpoints = all<JumpointInfo>("pra:Jumpoint", "getJumpoints");
/** The Jump Group matching the filter, e.g. `{ name: "Servers" }`. */
export const getJumpGroup = one<JumpGroupInfo>("pra:JumpGroup", "getJumpGroup", "getJumpGroups");
export const getJumpGroups = all<JumpGroupInfo>("pra:JumpGroup", "getJumpGroups");
/** The Shell Jump matching the filter, e.g. `{ name: "bastion", jumpGroupId: group.id }`. */
export const getShellJump = one<ShellJumpInfo>("pra:ShellJump", "getShellJump", "getShellJumps");
export const getShellJumps = all<ShellJumpInfo>("pra:ShellJump", "getShellJumps");
/** The Remote RDP item matching the filter. */
export const getRemoteRdp = one<RemoteRdpInfo>("pra:RemoteRdp", "getRemoteRdp", "getRemoteRdps");
export const getRemoteRdps = all<RemoteRdpInfo>("pra:RemoteRdp", "getRemoteRdps");
/** The Web Jump matching the filter (PRA only). */
export const getWebJump = one<WebJumpInfo>("pra:WebJump", "getWebJump", "getWebJumps");
export const getWebJumps = all<WebJumpInfo>("pra:WebJump", "getWebJumps");
/** The vault account matching the filter, e.g. `{ name: "root key", type: "ssh" }`; no secret is read. */
/** The Remote VNC Jump Item matching the filter, e.g. `{ name: "console-01" }`. */
export const getRemoteVnc = one<RemoteVncInfo>("pra:RemoteVnc", "getRemoteVnc", "getRemoteVncs");
/** Every Remote VNC Jump Item matching the filter. */
export const getRemoteVncs = all<RemoteVncInfo>("pra:RemoteVnc", "getRemoteVncs");
/** The Protocol Tunnel Jump matching the filter (TCP, MSSQL or Kubernetes tunnels). */
export const getProtocolTunnelJump = one<ProtocolTunnelJumpInfo>("pra:ProtocolTunnelJump", "getProtocolTunnelJump", "getProtocolTunnelJumps");
/** Every Protocol Tunnel Jump matching the filter. */
export const getProtocolTunnelJumps = all<ProtocolTunnelJumpInfo>("pra:ProtocolTunnelJump", "getProtocolTunnelJumps");
/** The PostgreSQL Tunnel Jump matching the filter. */
export const getPostgresqlTunnelJump = one<PostgresqlTunnelJumpInfo>("pra:PostgresqlTunnelJump", "getPostgresqlTunnelJump", "getPostgresqlTunnelJumps");
/** Every PostgreSQL Tunnel Jump matching the filter. */
export const getPostgresqlTunnelJumps = all<PostgresqlTunnelJumpInfo>("pra:PostgresqlTunnelJump", "getPostgresqlTunnelJumps");
/** The MySQL Tunnel Jump matching the filter. */
export const getMysqlTunnelJump = one<MysqlTunnelJumpInfo>("pra:MysqlTunnelJump", "getMysqlTunnelJump", "getMysqlTunnelJumps");
/** Every MySQL Tunnel Jump matching the filter. */
export const getMysqlTunnelJumps = all<MysqlTunnelJumpInfo>("pra:MysqlTunnelJump", "getMysqlTunnelJumps");
/** The Network Tunnel Jump matching the filter (PRA only). */
export const getNetworkTunnelJump = one<NetworkTunnelJumpInfo>("pra:NetworkTunnelJump", "getNetworkTunnelJump", "getNetworkTunnelJumps");
/** Every Network Tunnel Jump matching the filter (PRA only). */
export const getNetworkTunnelJumps = all<NetworkTunnelJumpInfo>("pra:NetworkTunnelJump", "getNetworkTunnelJumps");
/** The Vault Account Policy matching the filter, e.g. `{ codeName: "rotate_daily" }`. */
export const getVaultAccountPolicy = one<VaultAccountPolicyInfo>("pra:VaultAccountPolicy", "getVaultAccountPolicy", "getVaultAccountPolicies");
/** Every Vault Account Policy matching the filter. */
export const getVaultAccountPolicies = all<VaultAccountPolicyInfo>("pra:VaultAccountPolicy", "getVaultAccountPolicies");
export const getVaultAccount = one<VaultAccountInfo>("pra:VaultAccount", "getVaultAccount", "getVaultAccounts");
export const getVaultAccounts = all<VaultAccountInfo>("pra:VaultAccount", "getVaultAccounts");
/** The vault account group matching the filter. */
export const getVaultAccountGroup = one<VaultAccountGroupInfo>("pra:VaultAccountGroup", "getVaultAccountGroup", "getVaultAccountGroups");
export const getVaultAccountGroups = all<VaultAccountGroupInfo>("pra:VaultAccountGroup", "getVaultAccountGroups");
/** The Jump Client installer matching the filter, e.g. `{ name: "branch laptops" }` or `{ tag }` (its key is not listed). */
export const getJumpClientInstaller = one<JumpClientInstallerInfo>("pra:JumpClientInstaller", "getJumpClientInstaller", "getJumpClientInstallers");
/** Every Jump Client installer matching the filter. */
export const getJumpClientInstallers = all<JumpClientInstallerInfo>("pra:JumpClientInstaller", "getJumpClientInstallers");
/** The API account matching the filter, e.g. `{ name: "pipeline" }` or `{ clientId }`. */
export const getApiAccount = one<ApiAccountInfo>("pra:ApiAccount", "getApiAccount", "getApiAccounts");
export const getApiAccounts = all<ApiAccountInfo>("pra:ApiAccount", "getApiAccounts");
