import * as pulumi from "@pulumi/pulumi";
import { pra } from "pulumi-beyondtrust";

export interface VpcJumpointSettings {
    /** The VPC id: the base of every name, as in the vendor's script. */
    vpcId: string;
    /** Address of the instance that hosts the Jumpoint (the Shell Jump connects back to it). */
    instanceIp: string;
    /** The instance's login user, which the vault key authenticates. */
    targetUser: string;
    /** The instance's SSH private key (PEM), from secret config. */
    sshPrivateKey: pulumi.Input<string>;
    /** An existing group policy to grant access through; when absent one is created. */
    groupPolicyId?: string;
}

/**
 * The Remote Support API guide's "Scripting a new setup" as declarations: a Jumpoint for the VPC, a
 * Jump Group, the instance's SSH key in the vault, a Shell Jump back to the instance, and grants
 * of all three to a group policy. The script's imperative steps (installing the Jumpoint on the
 * instance, writing the systemd unit) are host provisioning and stay outside Pulumi's scope here.
 * Unlike the script, grant changes are provisioned (POST /group-policy/{id}/provision), which the
 * appliance needs before members see them.
 */
export function vpcJumpoint(s: VpcJumpointSettings) {
    const jumpoint = new pra.Jumpoint(s.vpcId, {
        name: s.vpcId,
        platform: "linux-x86",
        shellJumpEnabled: true,
    });
    const jumpGroup = new pra.JumpGroup(s.vpcId, { name: `${s.vpcId} Jump Group` });
    const sshKey = new pra.VaultSshAccount(`${s.vpcId}-ssh`, {
        type: "ssh",
        name: `${s.vpcId} SSH`,
        username: s.targetUser,
        privateKey: s.sshPrivateKey,
    });
    new pra.ShellJump(`${s.vpcId}-jumpoint-host`, {
        name: `${s.vpcId} Jumpoint`,
        hostname: s.instanceIp,
        jumpGroupId: jumpGroup.id,
        jumpGroupType: "shared",
        username: s.targetUser,
        protocol: "ssh",
        port: 22,
        terminal: "xterm",
        jumpointId: jumpoint.id,
    });
    const groupPolicyId: pulumi.Input<string> =
        s.groupPolicyId ?? new pra.GroupPolicy(`${s.vpcId}-admins`, { name: `${s.vpcId} admins`, permShellJump: true }).id;
    new pra.GroupPolicyJumpoint(`${s.vpcId}-jumpoint-grant`, { groupPolicyId, jumpointId: jumpoint.id });
    new pra.GroupPolicyJumpGroup(`${s.vpcId}-jump-group-grant`, { groupPolicyId, jumpGroupId: jumpGroup.id });
    new pra.GroupPolicyVaultAccount(`${s.vpcId}-ssh-grant`, { groupPolicyId, accountId: sshKey.id, role: "inject" });
    return {
        jumpointId: jumpoint.id,
        jumpGroupId: jumpGroup.id,
        vaultAccountId: sshKey.id,
        publicKey: sshKey.publicKey,
        groupPolicyId,
    };
}

export function settingsFromConfig(): VpcJumpointSettings {
    const config = new pulumi.Config();
    return {
        vpcId: config.require("vpcId"),
        instanceIp: config.require("instanceIp"),
        targetUser: config.get("targetUser") ?? "ubuntu",
        sshPrivateKey: config.requireSecret("sshPrivateKey"),
        // Declared with default "" in Pulumi.yaml, so that leaving it out is allowed: empty means none.
        groupPolicyId: config.get("groupPolicyId") || undefined,
    };
}
