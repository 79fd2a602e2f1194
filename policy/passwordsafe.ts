// Guardrails for Password Safe: secrets live under the folder paths a team was given, every secret
// names its owners (the default owner is the API's run-as user, a robot nobody reviews), and a file
// secret's content is not written into the program in plain text.
import type { PolicyResource } from "@pulumi/policy";
import { anyGlob, peek, Rule, stringList, typeOf, violation } from "./core";

export const PS_TYPES = {
    safe: typeOf("passwordsafe:Safe"),
    folder: typeOf("passwordsafe:Folder"),
    credentialSecret: typeOf("passwordsafe:CredentialSecret"),
    textSecret: typeOf("passwordsafe:TextSecret"),
    fileSecret: typeOf("passwordsafe:FileSecret"),
} as const;

export const SECRET_TYPES: readonly string[] = [PS_TYPES.credentialSecret, PS_TYPES.textSecret, PS_TYPES.fileSecret];

const str = (r: PolicyResource, key: string): string | undefined => {
    const v = peek(r.props, key);
    return v.known && typeof v.value === "string" ? v.value : undefined;
};

/**
 * The path ("Safe/Folder/Sub") of the container a reference points at, as far as the stack says:
 * through the dependency on a Safe or Folder resource, walking folders up their own parents, or a
 * folder's literal `parentPath`. undefined when part of it is not known from the stack (an id from
 * outside it, or a value not known yet).
 */
export function containerPath(r: PolicyResource, property: string, seen = new Set<string>()): string | undefined {
    const deps = r.propertyDependencies?.[property] ?? [];
    const parent = deps.find((d) => d.type === PS_TYPES.safe || d.type === PS_TYPES.folder);
    if (!parent || seen.has(parent.urn)) return undefined;
    seen.add(parent.urn);
    const name = str(parent, "name");
    if (name === undefined) return undefined;
    if (parent.type === PS_TYPES.safe) return name;
    const literalParent = str(parent, "parentPath");
    const above = literalParent !== undefined && literalParent !== "" ? literalParent.replace(/^\/+|\/+$/g, "") : containerPath(parent, "parentId", seen);
    return above === undefined ? undefined : `${above}/${name}`;
}

const secretLabel = (r: PolicyResource) => {
    const title = str(r, "title");
    return title !== undefined ? `secret ${JSON.stringify(title)} (${r.name})` : `secret ${JSON.stringify(r.name)}`;
};

// 1. Secrets under allowed folder paths ------------------------------------------------------------
export interface SecretFolderConfig {
    /** Folder paths (patterns, "*" within and across levels) that secrets may be put in; empty allows any. */
    allowedFolderPaths: string[];
}
const secretFolders: Rule<SecretFolderConfig> = {
    name: "beyondtrust-ps-secret-folders",
    description:
        "Password Safe secrets are created only in the folders a team was given (allowedFolderPaths), so access reviews of those folders cover every secret the stack writes.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Put the secret in a folder declared in this program whose path matches allowedFolderPaths (folderId: folder.id), e.g. "CI Safe/pipelines", or extend allowedFolderPaths after review.',
    appliesTo: SECRET_TYPES,
    defaults: { allowedFolderPaths: [] },
    configSchema: {
        allowedFolderPaths: stringList('Folder paths or patterns, e.g. "CI Safe/*"; empty allows any folder.'),
    },
    validateStack: (resources, config, _args, report) => {
        if (config.allowedFolderPaths.length === 0) return;
        for (const r of resources) {
            if (!SECRET_TYPES.includes(r.type)) continue;
            const path = containerPath(r, "folderId");
            if (path !== undefined && anyGlob(config.allowedFolderPaths, path)) continue;
            const where =
                path !== undefined
                    ? `folder ${JSON.stringify(path)}, which allowedFolderPaths does not list`
                    : "a folder whose path this stack cannot tell (its id comes from outside the stack or is not known yet)";
            report(
                violation(
                    `Password Safe ${secretLabel(r)} is put in ${where}.`,
                    `use a folder under ${config.allowedFolderPaths.join(", ")} declared in this program.`,
                ),
                r.urn,
            );
        }
    },
};

// 2. Every secret names its owners -------------------------------------------------------------------
export interface SecretOwnerConfig {
    /** Fewest owners a secret must name. */
    minOwners: number;
}
const secretOwners: Rule<SecretOwnerConfig> = {
    name: "beyondtrust-ps-secret-owners",
    description: "Every Password Safe secret names its owners: left out, the owner is the API's run-as user, a service account no person answers for.",
    enforcementLevel: "advisory",
    severity: "medium",
    remediationSteps: "Set owners on the secret, e.g. owners: [{ userId: 42 }] or [{ groupId: 7 }], naming the people or group who answer for it.",
    appliesTo: SECRET_TYPES,
    defaults: { minOwners: 1 },
    configSchema: {
        minOwners: { type: "integer", minimum: 1, default: 1, description: "Fewest owners each secret must name." },
    },
    validateResource: (props, config, _args, report) => {
        const owners = peek(props, "owners");
        if (!owners.known) return;
        const n = Array.isArray(owners.value) ? owners.value.length : 0;
        if (n >= config.minOwners) return;
        const title = peek(props, "title");
        const who = title.known && typeof title.value === "string" ? `secret ${JSON.stringify(title.value)}` : "a secret";
        report(
            violation(
                `Password Safe ${who} names ${n === 0 ? "no owners" : `${n} owner${n === 1 ? "" : "s"}`} (at least ${config.minOwners} required).`,
                "set owners to the users or groups who answer for it.",
            ),
        );
    },
};

// 3. No plain-text file content in the program --------------------------------------------------------
const fileContent: Rule<Record<string, never>> = {
    name: "beyondtrust-ps-file-content-not-inline",
    description:
        "A file secret's content comes from a file (contentFile) or from another resource's output, never from a literal written in the program, where it would sit in Git.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        'Use contentFile: "path/to/file" (read at preview; only its SHA-256 reaches state), or pass an Output such as a generated certificate\'s, instead of a string literal.',
    appliesTo: [PS_TYPES.fileSecret],
    defaults: {},
    configSchema: {},
    validateStack: (resources, _config, _args, report) => {
        for (const r of resources) {
            if (r.type !== PS_TYPES.fileSecret) continue;
            const content = peek(r.props, "content");
            // Not known yet means it is some resource's output: fine. Known and with no dependency
            // means the program supplied it itself. A `config --secret` value is reported too: the pack
            // sees values unwrapped and cannot tell it from a literal, so contentFile is the way out.
            if (!content.known || typeof content.value !== "string" || content.value === "") continue;
            if ((r.propertyDependencies?.content ?? []).length > 0) continue;
            report(
                violation(
                    `Password Safe file ${secretLabel(r)} has its content written in the program.`,
                    "use contentFile, or an Output of the resource that makes the content.",
                ),
                r.urn,
            );
        }
    },
};

/** The Password Safe rules, in the order the pack reports them. */
export const passwordSafeRules: Rule<any>[] = [secretFolders, secretOwners, fileContent];
