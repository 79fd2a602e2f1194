import * as ec2 from "@pulumi/aws/ec2";
import * as pulumi from "@pulumi/pulumi";
import { vpcJumpoint } from "../vpc-jumpoint/program";
import { network } from "./network";
import { RegisteredInstance } from "./registered-instance";

export interface AwsInstancesSettings {
    /** The VPC's Name tag and the base of every Pulumi resource name. */
    vpcName: string;
    vpcCidr: string;
    /** One instance per entry: its Name tag, which names its Shell Jump. */
    instances: string[];
    instanceType: string;
    /** An AMI id; when absent, the latest Ubuntu 22.04 LTS from Canonical. */
    ami?: string;
    /** The AMI's login user: the vault key's username and every Shell Jump's. */
    targetUser: string;
    /** The VPC's SSH key pair: the public half goes to EC2, the private half to the vault. */
    sshPublicKey: string;
    sshPrivateKey: pulumi.Input<string>;
    /** Grant through this existing group policy; when absent the setup creates one. */
    groupPolicyId?: string;
    /** Which instance address the Shell Jumps use (see RegisteredInstanceArgs.address). */
    address: "private" | "public";
}

/**
 * The Remote Support API guide's AWS use cases as one program. For the VPC: its "Scripting a new
 * setup" (examples/vpc-jumpoint: a Jumpoint, a Jump Group, the VPC's SSH key in the vault, a Shell
 * Jump to the Jumpoint's host, the grants), tied to the VPC's lifecycle. For each instance: the
 * Shell Jump the registration script made at boot, declared with the instance, so the cleanup
 * script, the Lambda and its EventBridge rule have nothing left to do. Ubuntu everywhere, because
 * the guide notes that Amazon Linux cannot host a Jumpoint, and one vault account (one username)
 * serves every item of the VPC's Jump Group.
 */
export function awsInstances(s: AwsInstancesSettings) {
    const { vpc, subnet, securityGroup } = network(s.vpcName, s.vpcCidr);
    const keyPair = new ec2.KeyPair(s.vpcName, { publicKey: s.sshPublicKey, tags: { Name: s.vpcName } });
    const ami =
        s.ami ??
        ec2.getAmiOutput({
            owners: ["099720109477"], // Canonical
            mostRecent: true,
            filters: [{ name: "name", values: ["ubuntu/images/hvm-ssd/ubuntu-jammy-22.04-amd64-server-*"] }],
        }).id;
    const machine = {
        ami,
        instanceType: s.instanceType,
        subnetId: subnet.id,
        securityGroupIds: [securityGroup.id],
        keyName: keyPair.keyName,
    };
    const jumpointHost = new ec2.Instance(`${s.vpcName}-jumpoint-host`, {
        ami: machine.ami,
        instanceType: machine.instanceType,
        subnetId: machine.subnetId,
        vpcSecurityGroupIds: machine.securityGroupIds,
        keyName: machine.keyName,
        tags: { Name: `${s.vpcName} Jumpoint` },
    });
    // Named after the VPC's id as the guide's script does; replaced when the VPC is.
    const setup = vpcJumpoint(
        {
            resourceName: s.vpcName,
            vpcId: vpc.id,
            instanceIp: s.address === "public" ? jumpointHost.publicIp : jumpointHost.privateIp,
            targetUser: s.targetUser,
            sshPrivateKey: s.sshPrivateKey,
            groupPolicyId: s.groupPolicyId,
        },
        { replaceWith: [vpc] },
    );
    const fleet = s.instances.map(
        (name) =>
            new RegisteredInstance(name, {
                ...machine,
                name,
                jumpointId: setup.jumpointId,
                jumpGroupId: setup.jumpGroupId,
                username: s.targetUser,
                address: s.address,
            }),
    );
    return {
        vpcId: vpc.id,
        jumpointId: setup.jumpointId,
        jumpGroupId: setup.jumpGroupId,
        groupPolicyId: setup.groupPolicyId,
        jumpointHostId: jumpointHost.id,
        shellJumps: Object.fromEntries(fleet.map((r, i) => [s.instances[i], { instanceId: r.instance.id, shellJumpId: r.shellJump.id }])),
    };
}

export function settingsFromConfig(): AwsInstancesSettings {
    const config = new pulumi.Config();
    const address = config.get("address") ?? "private";
    if (address !== "private" && address !== "public") throw new Error(`address must be "private" or "public", not ${JSON.stringify(address)}`);
    return {
        vpcName: config.get("vpcName") || pulumi.getStack(),
        vpcCidr: config.get("vpcCidr") ?? "10.0.0.0/24",
        instances: config.requireObject<string[]>("instances"),
        instanceType: config.get("instanceType") ?? "t3.micro",
        // Declared with default "" in Pulumi.yaml, so that leaving them out is allowed: empty means none.
        ami: config.get("ami") || undefined,
        targetUser: config.get("targetUser") ?? "ubuntu",
        sshPublicKey: config.require("sshPublicKey"),
        sshPrivateKey: config.requireSecret("sshPrivateKey"),
        groupPolicyId: config.get("groupPolicyId") || undefined,
        address,
    };
}
