// The VPC the fleet lives in, and only what instances need to boot there and be reached: a public
// subnet with a route to the internet (the Jumpoint dials out to the appliance), and a security
// group that lets SSH in from inside the VPC only (the Jumpoint connects to each instance's private
// address) and everything out.
import * as ec2 from "@pulumi/aws/ec2";

export interface Network {
    vpc: ec2.Vpc;
    subnet: ec2.Subnet;
    securityGroup: ec2.SecurityGroup;
}

export function network(name: string, cidrBlock: string): Network {
    const vpc = new ec2.Vpc(name, { cidrBlock, enableDnsHostnames: true, tags: { Name: name } });
    const gateway = new ec2.InternetGateway(name, { vpcId: vpc.id, tags: { Name: name } });
    const subnet = new ec2.Subnet(name, {
        vpcId: vpc.id,
        cidrBlock, // one subnet spanning the VPC: the example has no private tier
        mapPublicIpOnLaunch: true,
        tags: { Name: name },
    });
    const routes = new ec2.RouteTable(name, {
        vpcId: vpc.id,
        routes: [{ cidrBlock: "0.0.0.0/0", gatewayId: gateway.id }],
        tags: { Name: name },
    });
    new ec2.RouteTableAssociation(name, { subnetId: subnet.id, routeTableId: routes.id });
    const securityGroup = new ec2.SecurityGroup(name, {
        vpcId: vpc.id,
        description: "SSH from inside the VPC (the Jumpoint); all egress",
        ingress: [{ protocol: "tcp", fromPort: 22, toPort: 22, cidrBlocks: [cidrBlock] }],
        egress: [{ protocol: "-1", fromPort: 0, toPort: 0, cidrBlocks: ["0.0.0.0/0"] }],
        tags: { Name: name },
    });
    return { vpc, subnet, securityGroup };
}
