// A group policy's member: a user or a security-provider group. It is what makes a group policy
// grant anything: the policy's permissions and grants apply to its members once provisioned.
import { memberApi, memberRule } from "./member-api";
import { praSpec, ref, text } from "./common";

/** Every property replaces a member: the API has no PATCH for one. */
const replaces = { replaceOnChange: true } as const;

export const groupPolicyMember = praSpec({
    kind: "pra:GroupPolicyMember",
    title: "Group policy member",
    fields: {
        groupPolicyId: ref("group_policy_id", "Id of the group policy the member joins.", { required: true, refTo: ["pra:GroupPolicy"], ...replaces }),
        securityProviderId: ref(
            "security_provider_id",
            "Id of the security provider the user or group comes from (the local provider, an LDAP directory, SAML, ...).",
            {
                required: true,
                ...replaces,
            },
        ),
        userId: ref("user_id", "Id of a user (local, LDAP, RADIUS, Kerberos or SAML): set exactly one of userId, distinguishedName and groupName.", replaces),
        distinguishedName: text("distinguished_name", 1, 1024, "Distinguished name of an LDAP user or group, or of a SCIM user.", replaces),
        groupName: text("group_name", 1, 64, "Name of a SAML or SCIM group (it must exist on the security provider).", replaces),
    },
    outputs: { memberId: "id" },
    refine: memberRule,
    api: memberApi(),
});
