import * as pulumi from "@pulumi/pulumi";
import { pra } from "pulumi-beyondtrust";

export interface VpcJumpointSettings {
    /** The VPC id: the base of every name on the appliance, as in the vendor's script. */
    vpcId: pulumi.Input<string>;
    /**
     * The base of the Pulumi resource names, which must be known when the program runs: defaults to
     * `vpcId`, which must then be a plain string. A program that declares the VPC (whose id is an
     * Output) names it here.
     */
    resourceName?: string;
    /** Address of the instance that hosts the Jumpoint (the Shell Jump connects back to it). */
    instanceIp: pulumi.Input<string>;
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
 *
 * `opts` applies to every resource: examples/aws-instances ties the setup to its VPC's lifecycle
 * with `replaceWith: [vpc]`.
 */
export function vpcJumpoint(s: VpcJumpointSettings, opts: pulumi.CustomResourceOptions = {}) {
    const base = s.resourceName ?? resourceBase(s.vpcId);
    const jumpoint = new pra.Jumpoint(
        base,
        {
            name: s.vpcId,
            platform: "linux-x86",
            shellJumpEnabled: true,
        },
        opts,
    );
    const jumpGroup = new pra.JumpGroup(base, { name: pulumi.interpolate`${s.vpcId} Jump Group` }, opts);
    const sshKey = new pra.VaultSshAccount(
        `${base}-ssh`,
        {
            type: "ssh",
            name: pulumi.interpolate`${s.vpcId} SSH`,
            username: s.targetUser,
            privateKey: s.sshPrivateKey,
        },
        opts,
    );
    new pra.ShellJump(
        `${base}-jumpoint-host`,
        {
            name: pulumi.interpolate`${s.vpcId} Jumpoint`,
            hostname: s.instanceIp,
            jumpGroupId: jumpGroup.id,
            jumpGroupType: "shared",
            username: s.targetUser,
            protocol: "ssh",
            port: 22,
            terminal: "xterm",
            jumpointId: jumpoint.id,
        },
        opts,
    );
    const groupPolicyId: pulumi.Input<string> =
        s.groupPolicyId ?? new pra.GroupPolicy(`${base}-admins`, { name: pulumi.interpolate`${s.vpcId} admins`, permShellJump: true }, opts).id;
    new pra.GroupPolicyJumpoint(`${base}-jumpoint-grant`, { groupPolicyId, jumpointId: jumpoint.id }, opts);
    new pra.GroupPolicyJumpGroup(`${base}-jump-group-grant`, { groupPolicyId, jumpGroupId: jumpGroup.id }, opts);
    new pra.GroupPolicyVaultAccount(`${base}-ssh-grant`, { groupPolicyId, accountId: sshKey.id, role: "inject" }, opts);
    return {
        jumpointId: jumpoint.id,
        jumpGroupId: jumpGroup.id,
        vaultAccountId: sshKey.id,
        publicKey: sshKey.publicKey,
        groupPolicyId,
    };
}

function resourceBase(vpcId: pulumi.Input<string>): string {
    if (typeof vpcId !== "string") throw new Error("vpcJumpoint: resourceName is required when vpcId is not a plain string");
    return vpcId;
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
