// Guardrails for Privileged Remote Access and Remote Support: SSH-only Shell Jumps, standard ports,
// tagged Jump Items, naming, vault credential quality, check-out and Jump Group grant allow-lists,
// risky group-policy permissions and case-insensitive unique names.
import type { PolicyResource } from "@pulumi/policy";
import { createPrivateKey } from "crypto";
import { KINDS, Kind } from "./kinds.generated";
import { anyGlob, grantTarget, idList, label, nameOf, peek, Rule, stringList, typeOf, violation } from "./core";

/** Type token of a PRA kind by its short name ("ShellJump"). */
export const praType = (kind: string): string => typeOf(`pra:${kind}` as Kind);

export const TYPES = {
    jumpoint: typeOf("pra:Jumpoint"),
    jumpGroup: typeOf("pra:JumpGroup"),
    shellJump: typeOf("pra:ShellJump"),
    remoteRdp: typeOf("pra:RemoteRdp"),
    webJump: typeOf("pra:WebJump"),
    remoteVnc: typeOf("pra:RemoteVnc"),
    protocolTunnelJump: typeOf("pra:ProtocolTunnelJump"),
    postgresqlTunnelJump: typeOf("pra:PostgresqlTunnelJump"),
    mysqlTunnelJump: typeOf("pra:MysqlTunnelJump"),
    networkTunnelJump: typeOf("pra:NetworkTunnelJump"),
    vaultUsernamePasswordAccount: typeOf("pra:VaultUsernamePasswordAccount"),
    vaultSshAccount: typeOf("pra:VaultSshAccount"),
    vaultTokenAccount: typeOf("pra:VaultTokenAccount"),
    vaultAccountGroup: typeOf("pra:VaultAccountGroup"),
    groupPolicy: typeOf("pra:GroupPolicy"),
    groupPolicyJumpoint: typeOf("pra:GroupPolicyJumpoint"),
    groupPolicyJumpGroup: typeOf("pra:GroupPolicyJumpGroup"),
    groupPolicyVaultAccount: typeOf("pra:GroupPolicyVaultAccount"),
    groupPolicyVaultAccountGroup: typeOf("pra:GroupPolicyVaultAccountGroup"),
} as const;

/** Jump Item kinds (every kind the provider stores under /jump-item/), from the generated kind list. */
export const JUMP_ITEM_TYPES: readonly string[] = (Object.keys(KINDS) as Kind[]).filter((k) => KINDS[k].jumpItem).map(typeOf);

// 1. Shell Jumps: SSH only --------------------------------------------------------------------
export interface ShellJumpSshConfig {
    /** Host names (patterns) of legacy devices that may still be reached over Telnet. */
    telnetAllowedHosts: string[];
}
const shellJumpSsh: Rule<ShellJumpSshConfig> = {
    name: "beyondtrust-shell-jump-ssh-only",
    description: "Shell Jump items must use SSH: Telnet sends credentials and session content in clear text.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Set protocol: "ssh" (the default) and enable SSH on the host. For a legacy device that cannot do SSH, add its host name to telnetAllowedHosts.',
    appliesTo: [TYPES.shellJump],
    defaults: { telnetAllowedHosts: [] },
    configSchema: {
        telnetAllowedHosts: stringList("Host names or patterns (* and ?) that may still use Telnet, e.g. legacy switches."),
    },
    validateResource: (props, config, _args, report) => {
        const protocol = peek(props, "protocol");
        if (!protocol.known || protocol.value !== "telnet") return;
        const host = peek(props, "hostname");
        if (host.known && typeof host.value === "string" && anyGlob(config.telnetAllowedHosts, host.value)) return;
        const where = host.known ? `host ${JSON.stringify(host.value)}` : "its host";
        report(
            violation(
                `Shell Jump ${label(props)} uses Telnet to ${where}.`,
                'set protocol: "ssh", or list the host in telnetAllowedHosts if it cannot do SSH.',
            ),
        );
    },
};

// 2. Shell Jumps: ports ----------------------------------------------------------------------
export interface ShellJumpPortConfig {
    /** Ports a Shell Jump may use besides the protocol's default (22 for SSH, 23 for Telnet). */
    allowedPorts: number[];
}
const shellJumpPort: Rule<ShellJumpPortConfig> = {
    name: "beyondtrust-shell-jump-port",
    description: "Shell Jump items use the protocol's standard port unless the port is on the allowed list.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: "Leave port out (22 for SSH) or add the port to allowedPorts after checking with the network team that it is sanctioned.",
    appliesTo: [TYPES.shellJump],
    defaults: { allowedPorts: [] },
    configSchema: {
        allowedPorts: {
            type: "array",
            items: { type: "integer", minimum: 1, maximum: 65535 },
            default: [],
            description: "Non-standard ports that are sanctioned.",
        },
    },
    validateResource: (props, config, _args, report) => {
        const port = peek(props, "port");
        const protocol = peek(props, "protocol");
        if (!port.known || typeof port.value !== "number") return;
        const standard = protocol.known && protocol.value === "telnet" ? 23 : 22;
        if (port.value === standard || config.allowedPorts.includes(port.value)) return;
        report(
            violation(
                `Shell Jump ${label(props)} uses port ${port.value}, not the standard ${standard}.`,
                `use port ${standard}, or add ${port.value} to allowedPorts if it is sanctioned.`,
            ),
        );
    },
};

// 3. Jump Items: tags -----------------------------------------------------------------------
export interface JumpItemTagConfig {
    /** When set, tags must match one of these patterns (e.g. a team or environment list). */
    allowedTags: string[];
}
const jumpItemTag: Rule<JumpItemTagConfig> = {
    name: "beyondtrust-jump-item-tag",
    description: "Every Jump Item carries a tag, so the access console can group and filter items by owner or environment.",
    enforcementLevel: "advisory",
    severity: "low",
    remediationSteps: 'Set tag on the Jump Item, e.g. tag: "prod-db"; with allowedTags configured, use one of those values.',
    appliesTo: JUMP_ITEM_TYPES,
    defaults: { allowedTags: [] },
    configSchema: {
        allowedTags: stringList("Tag values or patterns (* and ?) allowed; empty accepts any non-empty tag."),
    },
    validateResource: (props, config, _args, report) => {
        const tag = peek(props, "tag");
        if (!tag.known) return;
        const value = typeof tag.value === "string" ? tag.value.trim() : "";
        if (!value) {
            report(violation(`Jump Item ${label(props)} has no tag.`, "set tag to the owning team or environment."));
        } else if (config.allowedTags.length > 0 && !anyGlob(config.allowedTags, value)) {
            report(
                violation(
                    `Jump Item ${label(props)} has tag ${JSON.stringify(value)}, which is not an allowed tag.`,
                    `use one of: ${config.allowedTags.join(", ")}.`,
                ),
            );
        }
    },
};

// 4 and 5. Naming -----------------------------------------------------------------------------
export interface NamingConfig {
    /** Regular expression the display name must match. */
    namePattern: string;
    /** Require a code name (scripts and the API refer to objects by it). */
    requireCodeName: boolean;
}
/** A lowercase site or environment key, optionally followed by words: "vpc-0abc servers", "prod-db". */
export const DEFAULT_NAME_PATTERN = "^[a-z0-9][a-z0-9-]*( [A-Za-z0-9-]+)*$";

function namingRule(kind: string, type: string, policyName: string): Rule<NamingConfig> {
    return {
        name: policyName,
        description: `${kind} names follow the naming convention, so objects can be found and owned by site or environment.`,
        enforcementLevel: "advisory",
        severity: "low",
        remediationSteps: `Rename the ${kind} to match namePattern (by default a lowercase site or environment key, then optional words: "vpc-0abc servers"). Renaming updates in place.`,
        appliesTo: [type],
        defaults: { namePattern: DEFAULT_NAME_PATTERN, requireCodeName: false },
        configSchema: {
            namePattern: { type: "string", default: DEFAULT_NAME_PATTERN, description: "Regular expression the name must match." },
            requireCodeName: { type: "boolean", default: false, description: "Require a codeName." },
        },
        validateResource: (props, config, _args, report) => {
            const name = peek(props, "name");
            if (name.known && typeof name.value === "string" && !new RegExp(config.namePattern).test(name.value)) {
                report(
                    violation(`${kind} name ${JSON.stringify(name.value)} does not match ${config.namePattern}.`, `rename it to match ${config.namePattern}.`),
                );
            }
            if (config.requireCodeName) {
                const code = peek(props, "codeName");
                if (code.known && (typeof code.value !== "string" || code.value === "")) {
                    report(violation(`${kind} ${label(props)} has no codeName.`, "set codeName (letters, digits, _ and -)."));
                }
            }
        },
    };
}
const jumpGroupNaming = namingRule("Jump Group", TYPES.jumpGroup, "beyondtrust-jump-group-naming");
const jumpointNaming = namingRule("Jumpoint", TYPES.jumpoint, "beyondtrust-jumpoint-naming");

// 6. Vault credentials --------------------------------------------------------------------------
export interface VaultCredentialConfig {
    minPasswordLength: number;
    minTokenLength: number;
    /** Extra values (case-insensitive) that must never be stored, e.g. the site's old default password. */
    forbiddenValues: string[];
    /** Require an encrypted private key or a passphrase for SSH keys. */
    requireKeyPassphrase: boolean;
}

/** Values that show a credential was typed in as a placeholder rather than taken from a secret store. */
export const PLACEHOLDER_VALUES = [
    "password",
    "passw0rd",
    "p@ssw0rd",
    "p@ssword",
    "changeme",
    "change-me",
    "change_me",
    "secret",
    "admin",
    "root",
    "default",
    "letmein",
    "welcome",
    "test",
    "testing",
    "example",
    "dummy",
    "todo",
    "tbd",
    "xxx",
    "placeholder",
    "123456",
    "12345678",
    "123456789",
    "qwerty",
    "token",
    "your-token-here",
    "replace-me",
    "replaceme",
];

/** Facts about a private key that can be read without decrypting it. */
export function inspectPrivateKey(pem: string): { algorithm?: string; encrypted: boolean } {
    const header = /-----BEGIN ([A-Z0-9 ]*?)PRIVATE KEY-----/.exec(pem)?.[1]?.trim() ?? "";
    if (header === "ENCRYPTED") return { encrypted: true };
    if (header === "DSA") return { algorithm: "ssh-dss", encrypted: /Proc-Type: 4,ENCRYPTED/.test(pem) };
    if (header === "RSA" || header === "EC") {
        return { algorithm: header === "RSA" ? "ssh-rsa" : "ecdsa", encrypted: /Proc-Type: 4,ENCRYPTED/.test(pem) };
    }
    if (header === "") {
        // PKCS#8: the algorithm is readable without a passphrase.
        try {
            const type = createPrivateKey(pem).asymmetricKeyType;
            return { algorithm: type === "dsa" ? "ssh-dss" : type, encrypted: false };
        } catch {
            return { encrypted: false };
        }
    }
    if (header === "OPENSSH") {
        // openssh-key-v1: magic, then length-prefixed cipher name, kdf name, kdf options, key count,
        // and the public key blob, whose first field is the algorithm. None of that is encrypted.
        const body = pem.replace(/-----[^-]+-----/g, "").replace(/\s+/g, "");
        const buf = Buffer.from(body, "base64");
        const magic = "openssh-key-v1\0";
        if (buf.subarray(0, magic.length).toString("latin1") !== magic) return { encrypted: false };
        let at = magic.length;
        const str = (): Buffer | undefined => {
            if (at + 4 > buf.length) return undefined;
            const n = buf.readUInt32BE(at);
            const out = buf.subarray(at + 4, at + 4 + n);
            at += 4 + n;
            return out;
        };
        const cipher = str()?.toString("latin1");
        str(); // kdf name
        str(); // kdf options
        at += 4; // number of keys
        const pub = str();
        let algorithm: string | undefined;
        if (pub && pub.length >= 4) {
            const n = pub.readUInt32BE(0);
            algorithm = pub.subarray(4, 4 + n).toString("latin1");
        }
        return { algorithm, encrypted: cipher !== undefined && cipher !== "none" };
    }
    return { encrypted: false };
}

const vaultCredentials: Rule<VaultCredentialConfig> = {
    name: "beyondtrust-vault-credential-quality",
    description: "Vault credentials must be real secrets: no placeholder or short passwords and tokens, no password equal to the username, no DSA keys.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Read the credential from a secret store (pulumi config set --secret, Pulumi ESC, or a generated password such as random.RandomPassword) instead of a literal, and rotate it on the target.",
    appliesTo: [TYPES.vaultUsernamePasswordAccount, TYPES.vaultSshAccount, TYPES.vaultTokenAccount],
    defaults: { minPasswordLength: 12, minTokenLength: 16, forbiddenValues: [], requireKeyPassphrase: false },
    configSchema: {
        minPasswordLength: { type: "integer", minimum: 1, default: 12, description: "Shortest password accepted." },
        minTokenLength: { type: "integer", minimum: 1, default: 16, description: "Shortest token accepted." },
        forbiddenValues: stringList("Further values that must never be stored (compared case-insensitively)."),
        requireKeyPassphrase: { type: "boolean", default: false, description: "SSH keys must be encrypted or come with a passphrase." },
    },
    validateResource: (props, config, args, report) => {
        const who = label(props);
        const forbidden = new Set([...PLACEHOLDER_VALUES, ...config.forbiddenValues].map((v) => v.toLowerCase()));
        const fix = "take it from a secret (config --secret, ESC, or a generated password) and rotate it.";
        // One message whatever the reason: "equals the username" would give the password away to anyone
        // who can read the username (in the preview's diff and in state, in clear), "is a placeholder"
        // narrows it to a public list, and "has 5 characters" gives its length. The owner knows the value.
        // The display name is left out too (it may be the username, or the password itself); the engine
        // prints the resource's URN with every violation.
        const weak = (what: string, value: string, min: number, related: string[] = []): boolean =>
            forbidden.has(value.trim().toLowerCase()) ||
            /^(.)\1*$/.test(value) ||
            value.length < min ||
            related.some((r) => r !== "" && r.toLowerCase() === value.toLowerCase());
        const rulesFor = (what: string, min: number, related: boolean) =>
            `at least ${min} characters; not a placeholder or well-known value, not one repeated character${related ? ", not the username" : ""}`;
        const reportWeak = (what: string, min: number, related: boolean) =>
            report(
                violation(
                    `Vault account: the ${what} does not meet the credential rules (${rulesFor(what, min, related)}). ` +
                        `Which rule it breaks is not said, so that this message cannot reveal the ${what}.`,
                    fix,
                ),
            );
        if (args.type === TYPES.vaultUsernamePasswordAccount) {
            const password = peek(props, "password");
            if (!password.known || typeof password.value !== "string") return;
            const user = peek(props, "username");
            const username = user.known && typeof user.value === "string" ? [user.value] : [];
            if (weak("password", password.value, config.minPasswordLength, username)) reportWeak("password", config.minPasswordLength, true);
        } else if (args.type === TYPES.vaultTokenAccount) {
            const token = peek(props, "token");
            if (!token.known || typeof token.value !== "string") return;
            if (weak("token", token.value, config.minTokenLength)) reportWeak("token", config.minTokenLength, false);
        } else if (args.type === TYPES.vaultSshAccount) {
            const key = peek(props, "privateKey");
            if (!key.known || typeof key.value !== "string") return;
            const facts = inspectPrivateKey(key.value);
            if (facts.algorithm === "ssh-dss") {
                report(
                    violation(
                        `Vault account ${who} holds a DSA key, which OpenSSH no longer accepts.`,
                        "generate an Ed25519 (or RSA 3072+) key, deploy it and store that one.",
                    ),
                );
            }
            const passphrase = peek(props, "privateKeyPassphrase");
            const hasPassphrase = !passphrase.known || (typeof passphrase.value === "string" && passphrase.value !== "");
            if (config.requireKeyPassphrase && !facts.encrypted && !hasPassphrase) {
                report(
                    violation(
                        `Vault account ${who} holds an unencrypted private key without a passphrase.`,
                        "encrypt the key (ssh-keygen -p) and set privateKeyPassphrase from a secret.",
                    ),
                );
            }
        }
    },
};

// 7. Vault grants: inject_and_checkout needs an allow-list -------------------------------------------
export interface CheckoutAllowListConfig {
    /** Group policy names (patterns) whose members may check credentials out. */
    allowedGroupPolicies: string[];
    /** Group policy ids, for policies not managed in this stack. */
    allowedGroupPolicyIds: number[];
}
const GRANT_TYPES_WITH_ROLE = [TYPES.groupPolicyVaultAccount, TYPES.groupPolicyVaultAccountGroup];
const vaultCheckout: Rule<CheckoutAllowListConfig> = {
    name: "beyondtrust-vault-checkout-allowlist",
    description:
        'Vault grants use role "inject" (members use the credential without seeing it); "inject_and_checkout" is only for allow-listed group policies.',
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Use role: "inject" (the default). If members really must see the credential, add their group policy to allowedGroupPolicies (by name) or allowedGroupPolicyIds.',
    appliesTo: GRANT_TYPES_WITH_ROLE,
    defaults: { allowedGroupPolicies: [], allowedGroupPolicyIds: [] },
    configSchema: {
        allowedGroupPolicies: stringList("Group policy names or patterns (* and ?) that may have inject_and_checkout."),
        allowedGroupPolicyIds: idList("Group policy ids that may have inject_and_checkout (for policies outside this stack)."),
    },
    validateStack: (resources, config, _args, report) => {
        for (const grant of resources) {
            if (!GRANT_TYPES_WITH_ROLE.includes(grant.type)) continue;
            const role = peek(grant.props, "role");
            if (!role.known || role.value !== "inject_and_checkout") continue;
            const target = grantTarget(grant, "groupPolicyId", TYPES.groupPolicy);
            const policyName = target.resource ? nameOf(target.resource) : undefined;
            if (policyName !== undefined && anyGlob(config.allowedGroupPolicies, policyName)) continue;
            if (target.id !== undefined && config.allowedGroupPolicyIds.includes(target.id)) continue;
            const who =
                policyName !== undefined
                    ? `group policy ${JSON.stringify(policyName)}`
                    : target.id !== undefined
                      ? `group policy id ${target.id}`
                      : "a group policy whose id is not known yet";
            report(
                violation(
                    `Grant ${JSON.stringify(grant.name)} gives ${who} inject_and_checkout, which lets members see the credential.`,
                    'use role "inject", or add the group policy to allowedGroupPolicies / allowedGroupPolicyIds.',
                ),
                grant.urn,
            );
        }
    },
};

// 8. Jump Group grants: only to allowed Jump Groups ---------------------------------------------------
export interface JumpGroupGrantConfig {
    /** Jump Group names (patterns) that may be granted; empty allows any Jump Group managed in this stack. */
    allowedJumpGroups: string[];
    /** Ids of Jump Groups outside this stack that may be granted. */
    allowedJumpGroupIds: number[];
}
const jumpGroupGrant: Rule<JumpGroupGrantConfig> = {
    name: "beyondtrust-jump-group-grant-allowlist",
    description:
        "Group policies are only granted Jump Groups from the allowed set: those managed in this stack (optionally narrowed by name), or listed by id.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Grant a Jump Group declared in this program (jumpGroupId: group.id) whose name is in allowedJumpGroups, or add the id of an existing Jump Group to allowedJumpGroupIds after review.",
    appliesTo: [TYPES.groupPolicyJumpGroup],
    defaults: { allowedJumpGroups: [], allowedJumpGroupIds: [] },
    configSchema: {
        allowedJumpGroups: stringList("Jump Group names or patterns (* and ?); empty allows every Jump Group managed in this stack."),
        allowedJumpGroupIds: idList("Ids of Jump Groups outside this stack that may be granted."),
    },
    validateStack: (resources, config, _args, report) => {
        for (const grant of resources) {
            if (grant.type !== TYPES.groupPolicyJumpGroup) continue;
            const target = grantTarget(grant, "jumpGroupId", TYPES.jumpGroup);
            if (target.resource) {
                const name = nameOf(target.resource);
                if (config.allowedJumpGroups.length === 0 || (name !== undefined && anyGlob(config.allowedJumpGroups, name))) continue;
                report(
                    violation(
                        `Grant ${JSON.stringify(grant.name)} gives access to Jump Group ${JSON.stringify(name)}, which is not in allowedJumpGroups.`,
                        `grant one of ${config.allowedJumpGroups.join(", ")}, or extend allowedJumpGroups after review.`,
                    ),
                    grant.urn,
                );
            } else if (target.id !== undefined) {
                if (config.allowedJumpGroupIds.includes(target.id)) continue;
                report(
                    violation(
                        `Grant ${JSON.stringify(grant.name)} gives access to Jump Group id ${target.id}, which this stack does not manage and allowedJumpGroupIds does not list.`,
                        "declare the Jump Group in this program, or add its id to allowedJumpGroupIds after review.",
                    ),
                    grant.urn,
                );
            } else {
                report(
                    violation(
                        `Grant ${JSON.stringify(grant.name)} targets a Jump Group that cannot be identified (its id comes from outside this stack and is not known yet).`,
                        "pass the Jump Group resource's id, or a literal id listed in allowedJumpGroupIds.",
                    ),
                    grant.urn,
                );
            }
        }
    },
};

// 9. Group policies: forbidden permissions ----------------------------------------------------------
export interface GroupPolicyPermissionConfig {
    /** Permission switches (SDK property names) that must stay off. */
    forbiddenPermissions: string[];
}
const groupPolicyPermissions: Rule<GroupPolicyPermissionConfig> = {
    name: "beyondtrust-group-policy-permissions",
    description: "Group policies leave risky permissions off (by default: inviting external users into sessions).",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps:
        "Set the listed permission to false (or leave it out: permissions default to off), or remove it from forbiddenPermissions for a reviewed exception.",
    appliesTo: [TYPES.groupPolicy],
    defaults: { forbiddenPermissions: ["permInviteExternalUser"] },
    configSchema: {
        forbiddenPermissions: stringList('Permission properties that must be false, e.g. "permInviteExternalUser", "permProtocolTunnel".', [
            "permInviteExternalUser",
        ]),
    },
    validateResource: (props, config, _args, report) => {
        const on = config.forbiddenPermissions.filter((p) => {
            const v = peek(props, p);
            return v.known && v.value === true;
        });
        if (on.length > 0) {
            report(violation(`Group policy ${label(props)} turns on ${on.join(", ")}.`, `set ${on.join(", ")} to false.`));
        }
    },
};

// 10. Unique names: case-insensitive, per appliance --------------------------------------------------
/** Kinds whose properties the appliance keeps unique, comparing case-insensitively (e.g. "Ops" and "ops"). */
export const UNIQUE_PROPERTIES: Record<string, { title: string; properties: string[] }> = {
    [TYPES.jumpoint]: { title: "Jumpoint", properties: ["name", "codeName"] },
    [TYPES.jumpGroup]: { title: "Jump Group", properties: ["name", "codeName"] },
    [TYPES.vaultAccountGroup]: { title: "Vault account group", properties: ["name"] },
};

/**
 * The appliance a resource talks to, as far as the program says: its connection's host, normalized
 * as the provider does (https assumed, case and trailing slashes ignored), or the stack's default.
 * undefined when the host is not known yet.
 */
function applianceOf(r: PolicyResource): string | undefined {
    const conn = peek(r.props, "connection");
    if (!conn.known) return undefined;
    if (conn.value === undefined || conn.value === null || typeof conn.value !== "object") return "(the stack's appliance)";
    const host = peek(conn.value as Record<string, unknown>, "host");
    if (!host.known) return undefined;
    if (typeof host.value !== "string" || host.value.trim() === "") return "(the stack's appliance)";
    const h = host.value
        .trim()
        .toLowerCase()
        .replace(/\/+$/, "")
        .replace(/^([a-z][a-z0-9+.-]*:\/\/)?[^/@]*@/, "$1");
    return /^[a-z][a-z0-9+.-]*:\/\//.test(h) ? h : `https://${h}`;
}

const uniqueNames: Rule<Record<string, never>> = {
    name: "beyondtrust-unique-names",
    description:
        "Jumpoints, Jump Groups and vault account groups need names (and code names) that are unique on their appliance, ignoring case: the appliance refuses the second one, half-way through the update.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: 'Rename one of the resources so that the names differ by more than case ("Ops" and "ops" are the same name to the appliance).',
    appliesTo: Object.keys(UNIQUE_PROPERTIES),
    defaults: {},
    configSchema: {},
    validateStack: (resources, _config, _args, report) => {
        const first = new Map<string, PolicyResource>();
        // By URN, so the same resource is reported whatever order the engine registered them in.
        const ordered = [...resources].sort((a, b) => (a.urn < b.urn ? -1 : a.urn > b.urn ? 1 : 0));
        for (const r of ordered) {
            const unique = Object.prototype.hasOwnProperty.call(UNIQUE_PROPERTIES, r.type) ? UNIQUE_PROPERTIES[r.type] : undefined;
            if (!unique) continue;
            const appliance = applianceOf(r);
            if (appliance === undefined) continue;
            for (const property of unique.properties) {
                const v = peek(r.props, property);
                if (!v.known || typeof v.value !== "string" || v.value === "") continue;
                const key = JSON.stringify([r.type, appliance, property, v.value.toLowerCase()]);
                const earlier = first.get(key);
                if (!earlier) {
                    first.set(key, r);
                    continue;
                }
                const theirs = peek(earlier.props, property).value as string;
                report(
                    violation(
                        `${unique.title} ${JSON.stringify(r.name)} has ${property} ${JSON.stringify(v.value)}, which collides with ${property} ${JSON.stringify(theirs)} of ${unique.title} ${JSON.stringify(earlier.name)} on ${appliance}: ` +
                            `the appliance keeps ${property} unique ignoring case, so one of the two creates would fail.`,
                        `give one of them another ${property}.`,
                    ),
                    r.urn,
                );
            }
        }
    },
};

/** The PRA/RS rules, in the order the pack reports them. */
export const praRules: Rule<any>[] = [
    shellJumpSsh,
    shellJumpPort,
    jumpItemTag,
    jumpGroupNaming,
    jumpointNaming,
    vaultCredentials,
    vaultCheckout,
    jumpGroupGrant,
    groupPolicyPermissions,
    uniqueNames,
];
