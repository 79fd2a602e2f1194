// The group-policy grants and members as field tables, like the object kinds: the same validator
// checks their POST bodies and the same reference machinery cascades them when a target is deleted.
import { FieldTable, Obj, id, int, oneOf, str } from "./fields";

export interface GrantKind {
    /** Path segment below /group-policy/{id}/ and the key in state dumps. */
    path: string;
    /** Field holding the granted object's id (also the last path segment of GET/DELETE). */
    key: string;
    fields: FieldTable;
    paginated: boolean;
    /** The spec's vault grant DELETEs answer 200, the others 204. */
    deleteStatus: 200 | 204;
    /** Fields shown by GET (the stored row also carries group_policy_id). */
    view: (product: "pra" | "rs") => string[];
    /**
     * The row has an id of its own, allocated by the appliance (members): `key` is then "id", and
     * `sameAs` lists the fields that make two rows the same member (a second one is refused).
     */
    allocatesId?: { sameAs: string[] };
    /** Rules across fields that the per-field vocabulary cannot say: the 422 bag, empty when fine. */
    refine?: (row: Obj) => Record<string, string[]>;
    /** The POST answer carries the row (the default), or nothing at all. */
    postAnswer?: "row" | "empty";
}

const ROLE = oneOf(["inject", "inject_and_checkout"], { default: "inject" });
const gpRef = () => int(1, 2147483647, { ref: { kind: "group-policy", onDelete: "cascade" } });

/** The ways the spec lets a member be named: exactly one of them, beside its security provider. */
const MEMBER_NAMES = ["user_id", "distinguished_name", "group_name"];

/**
 * Members: users and security-provider groups (GroupPolicyMember). The spec: a local, RADIUS or
 * Kerberos user by user_id, an LDAP user by user_id or distinguished_name "but not both", an LDAP
 * group by distinguished_name, a SAML or SCIM group by group_name, a SCIM user by
 * distinguished_name: exactly one name. Security providers and users are not simulated, so which
 * name a provider's type allows, and whether the user exists, is not checked (docs/simulator.md).
 * The POST answers 201 with no body, as the spec documents it and as live appliances answer it
 * (facts sheet, S3 fork: it lists the members after the POST to learn the new id).
 */
const member: GrantKind = {
    path: "member",
    key: "id",
    fields: {
        id: id(),
        group_policy_id: gpRef(),
        security_provider_id: int(1, 2147483647, { required: true }),
        user_id: int(1, 2147483647),
        distinguished_name: str(1, 1024),
        group_name: str(1, 64),
    },
    paginated: true,
    deleteStatus: 204,
    view: () => ["id", "security_provider_id", ...MEMBER_NAMES],
    allocatesId: { sameAs: ["security_provider_id", ...MEMBER_NAMES] },
    refine: (row) => {
        const given = MEMBER_NAMES.filter((k) => row[k] !== undefined);
        if (given.length === 1) return {};
        const message = given.length === 0 ? "One of user_id, distinguished_name or group_name is required." : `Only one of ${given.join(", ")} may be given.`;
        return Object.fromEntries((given.length ? given : ["user_id"]).map((k) => [k, [message]]));
    },
    postAnswer: "empty",
};

export const GRANT_KINDS: GrantKind[] = [
    {
        path: "jumpoint",
        key: "jumpoint_id",
        fields: {
            jumpoint_id: int(1, 2147483647, { required: true, ref: { kind: "jumpoint", onDelete: "cascade" } }),
        },
        paginated: true,
        deleteStatus: 204,
        view: () => ["jumpoint_id"],
    },
    {
        path: "jump-group",
        key: "jump_group_id",
        fields: {
            jump_group_id: int(1, 2147483647, { required: true, ref: { kind: "jump-group", onDelete: "cascade" } }),
            // 0 means "User's Default" role / "Set on Jump Items" policy.
            jump_item_role_id: int(0, 2147483647, {
                default: 0,
                ref: { kind: "jump-item-role", onDelete: "reassign", reassignTo: 0, zeroMeansNone: true },
            }),
            jump_policy_id: int(0, 2147483647, {
                default: 0,
                products: ["pra"],
                ref: { kind: "jump-policy", onDelete: "reassign", reassignTo: 0, zeroMeansNone: true },
            }),
        },
        paginated: false,
        deleteStatus: 204,
        view: (product) => (product === "pra" ? ["jump_group_id", "jump_item_role_id", "jump_policy_id"] : ["jump_group_id", "jump_item_role_id"]),
    },
    {
        path: "vault-account",
        key: "account_id",
        fields: {
            account_id: int(1, 2147483647, { required: true, ref: { kind: "vault/account", onDelete: "cascade" } }),
            role: ROLE,
        },
        paginated: false,
        deleteStatus: 200,
        view: () => ["account_id", "role"],
    },
    {
        path: "vault-account-group",
        key: "account_group_id",
        fields: {
            group_policy_id: gpRef(),
            account_group_id: int(1, 2147483647, {
                required: true,
                ref: { kind: "vault/account-group", onDelete: "cascade" },
            }),
            role: ROLE,
        },
        paginated: false,
        deleteStatus: 200,
        view: () => ["group_policy_id", "account_group_id", "role"],
    },
    member,
];

/** Every stored grant row points at its group policy; deleting the policy removes the row. */
export const GRANT_OWNER_FIELD = { group_policy_id: gpRef() };
