// The four group-policy grants. Every key field replaces (a grant has no PATCH and is identified
// by its keys); roles update in place as a DELETE and POST inside one provision.
import { ID_MAX } from "../engine/fields";
import { praSpec, ref } from "./common";
import { GrantOptions, grantAdoptRule, grantApi } from "./grant-api";

function grant(opts: GrantOptions) {
    return { api: grantApi(opts), refine: grantAdoptRule(opts) };
}

const groupPolicyId = ref("group_policy_id", "Id of the group policy receiving the grant.", {
    required: true,
    replaceOnChange: true,
    refTo: ["pra:GroupPolicy"],
});

const ROLE = {
    api: "role",
    type: { kind: "enum" as const, values: ["inject", "inject_and_checkout"] },
    default: "inject",
    description: "inject lets members inject the credential into sessions; inject_and_checkout also lets them see it.",
};

export const groupPolicyJumpoint = praSpec({
    kind: "pra:GroupPolicyJumpoint",
    title: "Group policy Jumpoint grant",
    fields: {
        groupPolicyId,
        jumpointId: ref("jumpoint_id", "Id of the Jumpoint members may use.", { required: true, replaceOnChange: true, refTo: ["pra:Jumpoint"] }),
    },
    outputs: {},
    ...grant({ segment: "jumpoint", childField: "jumpoint_id", childProperty: "jumpointId", childTitle: "Jumpoint", paginatedList: true }),
});

export const groupPolicyJumpGroup = praSpec({
    kind: "pra:GroupPolicyJumpGroup",
    title: "Group policy Jump Group grant",
    fields: {
        groupPolicyId,
        jumpGroupId: ref("jump_group_id", "Id of the Jump Group whose items members may use.", {
            required: true,
            replaceOnChange: true,
            refTo: ["pra:JumpGroup"],
        }),
        jumpItemRoleId: {
            api: "jump_item_role_id",
            type: { kind: "int", min: 0, max: ID_MAX },
            default: 0,
            description: "Jump Item Role for the group's items; 0 uses each member's default role.",
        },
        jumpPolicyId: {
            api: "jump_policy_id",
            type: { kind: "int", min: 0, max: ID_MAX },
            default: 0,
            products: ["pra"],
            description: "Jump Policy for the group's items; 0 keeps the policy set on each Jump Item (PRA only).",
        },
    },
    outputs: {},
    ...grant({ segment: "jump-group", childField: "jump_group_id", childProperty: "jumpGroupId", childTitle: "Jump Group" }),
});

export const groupPolicyVaultAccount = praSpec({
    kind: "pra:GroupPolicyVaultAccount",
    title: "Group policy vault account grant",
    fields: {
        groupPolicyId,
        accountId: ref("account_id", "Id of the vault account members may use.", {
            required: true,
            replaceOnChange: true,
            refTo: ["pra:VaultUsernamePasswordAccount", "pra:VaultSshAccount", "pra:VaultTokenAccount"],
        }),
        role: ROLE,
    },
    outputs: {},
    ...grant({ segment: "vault-account", childField: "account_id", childProperty: "accountId", childTitle: "Vault account" }),
});

export const groupPolicyVaultAccountGroup = praSpec({
    kind: "pra:GroupPolicyVaultAccountGroup",
    title: "Group policy vault account group grant",
    fields: {
        groupPolicyId,
        accountGroupId: ref("account_group_id", "Id of the vault account group members may use.", {
            required: true,
            replaceOnChange: true,
            refTo: ["pra:VaultAccountGroup"],
        }),
        role: ROLE,
    },
    outputs: {},
    ...grant({ segment: "vault-account-group", childField: "account_group_id", childProperty: "accountGroupId", childTitle: "Vault account group" }),
});
