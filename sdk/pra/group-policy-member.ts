import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export interface GroupPolicyMemberArgs extends CommonArgs {
    /** The group policy the member joins (e.g. `policy.id`). */
    groupPolicyId: pulumi.Input<number | string>;
    /** The security provider the user or group comes from (the local provider, an LDAP directory, SAML, ...). */
    securityProviderId: pulumi.Input<number | string>;
    /** A user (local, LDAP, RADIUS, Kerberos or SAML). Set exactly one of `userId`, `distinguishedName` and `groupName`. */
    userId?: pulumi.Input<number | string>;
    /** An LDAP user or group, or a SCIM user, by distinguished name (at most 1024 characters). */
    distinguishedName?: pulumi.Input<string>;
    /** A SAML or SCIM group, by name (at most 64 characters; the group must exist). */
    groupName?: pulumi.Input<string>;
}

/**
 * A user or security-provider group as a member of a group policy: what makes the policy's
 * permissions and grants apply to anyone. Its id is `"<groupPolicyId>/<memberId>"`; every property
 * replaces it (the API cannot change a member). Member changes are provisioned with the grants',
 * one provision per group policy.
 */
export class GroupPolicyMember extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:GroupPolicyMember");
    declare readonly groupPolicyId: pulumi.Output<number>;
    declare readonly securityProviderId: pulumi.Output<number>;
    declare readonly userId: pulumi.Output<number | undefined>;
    declare readonly distinguishedName: pulumi.Output<string | undefined>;
    declare readonly groupName: pulumi.Output<string | undefined>;
    /** The member's own id on the appliance (the second half of the resource id). */
    declare readonly memberId: pulumi.Output<number>;

    constructor(name: string, args: GroupPolicyMemberArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:GroupPolicyMember", name, args, opts);
    }
}
