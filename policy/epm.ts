// Guardrails for Endpoint Privilege Management: a production computer group runs a revision somebody
// chose (pinned), never "whatever was uploaded last", and every policy says what it is and what its
// latest change was, since each content change becomes a revision computers download.
import type { PolicyResource } from "@pulumi/policy";
import { peek, Rule, typeOf, violation } from "./core";

export const EPM_TYPES = {
    computerGroup: typeOf("epm:ComputerGroup"),
    policy: typeOf("epm:Policy"),
    policyAssignment: typeOf("epm:PolicyAssignment"),
    computerGroupMembership: typeOf("epm:ComputerGroupMembership"),
} as const;

/** The pattern a production group's name matches unless the pack's config says otherwise. */
export const DEFAULT_PRODUCTION_PATTERN = "prod";

/** A value the program set: a non-blank string, or one not known yet (an output is set to something). */
function isSet(props: Record<string, unknown>, key: string): boolean {
    const v = peek(props, key);
    return !v.known || (typeof v.value === "string" && v.value.trim() !== "");
}

/** The name of the group an assignment targets, through its dependency on a ComputerGroup of the stack. */
function groupOf(assignment: PolicyResource): { name?: string; declared: boolean } {
    const group = (assignment.propertyDependencies?.groupId ?? []).find((d) => d.type === EPM_TYPES.computerGroup);
    if (!group) return { declared: false };
    const name = peek(group.props, "name");
    return { declared: true, name: name.known && typeof name.value === "string" ? name.value : undefined };
}

// 1. Production groups run a pinned revision -----------------------------------------------------
export interface ProductionPinnedConfig {
    /** A regular expression (case-insensitive) the names of production computer groups match. */
    productionGroupPattern: string;
}
const productionPinned: Rule<ProductionPinnedConfig> = {
    name: "beyondtrust-epm-production-pinned",
    description:
        "A policy assignment to a production computer group (its name matches productionGroupPattern) pins revisionId: without it the group follows the policy's latest revision, so the next upload reaches production untested.",
    enforcementLevel: "mandatory",
    severity: "high",
    remediationSteps:
        "Set revisionId on the assignment to the revision tested on a pre-production group (e.g. from stack config), and move it on in a reviewed change; or, for a group that is not production, rename it so the pattern does not match.",
    appliesTo: [EPM_TYPES.policyAssignment],
    defaults: { productionGroupPattern: DEFAULT_PRODUCTION_PATTERN },
    configSchema: {
        productionGroupPattern: {
            type: "string",
            default: DEFAULT_PRODUCTION_PATTERN,
            description: 'A regular expression, matched ignoring case, for the names of production computer groups, e.g. "^(prod|production)\\\\b".',
        },
    },
    validateStack: (resources, config, _args, report) => {
        const production = new RegExp(config.productionGroupPattern, "i");
        for (const r of resources) {
            if (r.type !== EPM_TYPES.policyAssignment || isSet(r.props, "revisionId")) continue;
            const group = groupOf(r);
            // A group this stack does not declare (an id from a lookup or a literal) cannot be told
            // apart from a production one: the rule fails safe and asks for a pin.
            if (group.declared && group.name === undefined) continue;
            if (group.name !== undefined && !production.test(group.name)) continue;
            const which =
                group.name !== undefined
                    ? `production computer group ${JSON.stringify(group.name)} (it matches /${config.productionGroupPattern}/i)`
                    : "a computer group this stack does not declare, so it cannot tell whether it is production";
            report(
                violation(
                    `EPM policy assignment ${JSON.stringify(r.name)} puts ${which} on the policy's latest revision.`,
                    "set revisionId to the revision tested on a pre-production group.",
                ),
                r.urn,
            );
        }
    },
};

// 2. Every policy describes itself and its change ------------------------------------------------
const changeDescribed: Rule<Record<string, never>> = {
    name: "beyondtrust-epm-policy-change-described",
    description:
        "Every EPM policy sets a description (what it is for) and a changeDescription (sent as the comment of each revision it uploads), so the console's revision history says why each change was made.",
    enforcementLevel: "mandatory",
    severity: "medium",
    remediationSteps: 'Set description: "..." and changeDescription: "..." on the policy, and update changeDescription with each content change.',
    appliesTo: [EPM_TYPES.policy],
    defaults: {},
    configSchema: {},
    validateResource: (props, _config, _args, report) => {
        const missing = ["description", "changeDescription"].filter((k) => !isSet(props, k));
        if (missing.length === 0) return;
        const name = peek(props, "name");
        const who = name.known && typeof name.value === "string" ? `EPM policy ${JSON.stringify(name.value)}` : "An EPM policy";
        report(violation(`${who} has no ${missing.join(" and no ")}.`, `set ${missing.join(" and ")} to a sentence a reviewer can read.`));
    },
};

/** The EPM rules, in the order the pack reports them. */
export const epmRules: Rule<any>[] = [productionPinned, changeDescribed];
