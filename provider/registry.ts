import type { ResourceSpec } from "./engine/spec";
import { groupPolicy } from "./pra/group-policy";
import { groupPolicyJumpGroup, groupPolicyJumpoint, groupPolicyVaultAccount, groupPolicyVaultAccountGroup } from "./pra/grants";
import { jumpGroup } from "./pra/jump-group";
import { jumpPolicy } from "./pra/jump-policy";
import { jumpoint } from "./pra/jumpoint";
import { mysqlTunnelJump } from "./pra/mysql-tunnel-jump";
import { networkTunnelJump } from "./pra/network-tunnel-jump";
import { postgresqlTunnelJump } from "./pra/postgresql-tunnel-jump";
import { protocolTunnelJump } from "./pra/protocol-tunnel-jump";
import { remoteRdp } from "./pra/remote-rdp";
import { remoteVnc } from "./pra/remote-vnc";
import { shellJump } from "./pra/shell-jump";
import { vaultAccountGroup } from "./pra/vault-account-group";
import { vaultAccountPolicy } from "./pra/vault-account-policy";
import { vaultSshAccount } from "./pra/vault-ssh-account";
import { vaultTokenAccount } from "./pra/vault-token-account";
import { vaultUsernamePasswordAccount } from "./pra/vault-username-password-account";
import { webJump } from "./pra/web-jump";
import type { FieldTable } from "./engine/fields";
import type { PsSpec } from "./passwordsafe/kind";
import type { EpmSpec } from "./epm/kind";
import type { RecordSpec } from "./engine/record-handler";
import type { Endpoint } from "./core/api-client";
import { credentialSecret } from "./passwordsafe/credential-secret";
import { fileSecret } from "./passwordsafe/file-secret";
import { folder } from "./passwordsafe/folder";
import { safe } from "./passwordsafe/safe";
import { textSecret } from "./passwordsafe/text-secret";
import { computerGroupMembership } from "./epm/computer-group-membership";
import { policyAssignment } from "./epm/policy-assignment";
import { computerGroup } from "./epm/computer-group";
import { policy } from "./epm/policy";

/** Every resource kind the package manages; adding a kind is adding its spec here. */
export const SPECS: readonly ResourceSpec[] = [
    jumpoint,
    jumpGroup,
    jumpPolicy,
    shellJump,
    remoteRdp,
    remoteVnc,
    webJump,
    protocolTunnelJump,
    postgresqlTunnelJump,
    mysqlTunnelJump,
    networkTunnelJump,
    vaultUsernamePasswordAccount,
    vaultSshAccount,
    vaultTokenAccount,
    vaultAccountGroup,
    vaultAccountPolicy,
    groupPolicy,
    groupPolicyJumpoint,
    groupPolicyJumpGroup,
    groupPolicyVaultAccount,
    groupPolicyVaultAccountGroup,
];

export function specFor(kind: string): ResourceSpec {
    const spec = SPECS.find((s) => s.kind === kind);
    if (!spec) {
        throw new Error(`pulumi-beyondtrust has no resource kind "${kind}" (known: ${SPECS.map((s) => s.kind).join(", ")})`);
    }
    return spec;
}

/** Password Safe's kinds: record specs (provider/engine/record-handler.ts) over its binding (provider/passwordsafe/kind.ts). */
export const PASSWORD_SAFE_SPECS: readonly PsSpec[] = [safe, folder, credentialSecret, textSecret, fileSecret];

export function passwordSafeSpecFor(kind: string): PsSpec | undefined {
    return PASSWORD_SAFE_SPECS.find((s) => s.kind === kind);
}

/** EPM's kinds: record specs over its binding (provider/epm/kind.ts). */
export const EPM_SPECS: readonly EpmSpec[] = [computerGroup, policy, policyAssignment, computerGroupMembership];

/** Every kind over the record handler, whatever its product. */
export const RECORD_SPECS: readonly RecordSpec<Endpoint>[] = [
    ...(PASSWORD_SAFE_SPECS as readonly RecordSpec<Endpoint>[]),
    ...(EPM_SPECS as readonly RecordSpec<Endpoint>[]),
];

export function recordSpecFor(kind: string): RecordSpec<Endpoint> | undefined {
    return RECORD_SPECS.find((s) => s.kind === kind);
}

/** What the SDK needs of any kind, whatever its product: its title, properties and outputs. */
export interface KindInfo {
    kind: string;
    title: string;
    fields: FieldTable;
    outputs: Record<string, string>;
}

/** Every kind of every product. */
export function allKinds(): KindInfo[] {
    return [...SPECS, ...RECORD_SPECS];
}

export function kindInfo(kind: string): KindInfo {
    const found = recordSpecFor(kind) ?? SPECS.find((s) => s.kind === kind);
    if (!found) {
        throw new Error(
            `pulumi-beyondtrust has no resource kind "${kind}" (known: ${allKinds()
                .map((s) => s.kind)
                .join(", ")})`,
        );
    }
    return found;
}
