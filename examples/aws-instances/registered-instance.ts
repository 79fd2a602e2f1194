// An EC2 instance and its Shell Jump, declared together: what the Remote Support API guide does with
// a user-data script at boot (register) and a cron job or a Lambda on termination (clean up). Here
// both are one component, so `pulumi up` creates the item with the instance, updates it when the
// instance changes, and `pulumi destroy` (or deleting the declaration) removes it with the instance.
import * as ec2 from "@pulumi/aws/ec2";
import * as pulumi from "@pulumi/pulumi";
import { pra } from "pulumi-beyondtrust";

export interface RegisteredInstanceArgs {
    /** The instance's Name tag; the Shell Jump is named after it, as the guide's script does. */
    name: string;
    ami: pulumi.Input<string>;
    instanceType: pulumi.Input<string>;
    subnetId: pulumi.Input<string>;
    securityGroupIds: pulumi.Input<string>[];
    keyName: pulumi.Input<string>;
    /** The Jumpoint and shared Jump Group the item goes to (the script's JUMPOINT_ID, JUMP_GROUP_ID). */
    jumpointId: pulumi.Input<string>;
    jumpGroupId: pulumi.Input<string>;
    /** The login user (the script's TARGET_USER), which the vault key authenticates. */
    username: pulumi.Input<string>;
    /**
     * Which address the Jumpoint connects to: "private" (default; the Jumpoint is in the same VPC)
     * or "public" (the script's public-ipv4, for a Jumpoint outside the VPC).
     */
    address?: "private" | "public";
}

export class RegisteredInstance extends pulumi.ComponentResource {
    declare readonly instance: ec2.Instance;
    declare readonly shellJump: pra.ShellJump;

    constructor(name: string, args: RegisteredInstanceArgs, opts?: pulumi.ComponentResourceOptions) {
        super("beyondtrust-examples:aws:RegisteredInstance", name, {}, opts);
        const instance = new ec2.Instance(
            name,
            {
                ami: args.ami,
                instanceType: args.instanceType,
                subnetId: args.subnetId,
                vpcSecurityGroupIds: args.securityGroupIds,
                keyName: args.keyName,
                tags: { Name: args.name },
            },
            { parent: this },
        );
        const address = args.address === "public" ? instance.publicIp : instance.privateIp;
        const shellJump = new pra.ShellJump(
            name,
            {
                // The script reads the Name tag from the instance metadata, else uses the IP address.
                name: pulumi.all([instance.tags, address]).apply(([tags, ip]) => tags?.Name || ip),
                hostname: address,
                jumpGroupId: args.jumpGroupId,
                jumpGroupType: "shared",
                username: args.username,
                protocol: "ssh",
                port: 22,
                terminal: "xterm",
                jumpointId: args.jumpointId,
                tag: instance.id,
            },
            {
                parent: this,
                // A replaced instance (new AMI, new type that needs it) is a new machine: a new item
                // replaces the old one, as the script at its first boot and the cleanup afterwards did.
                replaceWith: [instance],
            },
        );
        this.instance = instance;
        this.shellJump = shellJump;
        this.registerOutputs({ instanceId: instance.id, shellJumpId: shellJump.id });
    }
}
