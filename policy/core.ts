// What every product's rules share: reading properties that may be unknown during preview, glob
// patterns, violation wording, the Rule shape (a policy plus its defaults, for docs and tests) and
// its translation to @pulumi/policy. Knows no product: pra.ts and passwordsafe.ts hold the rules.
import type {
    EnforcementLevel,
    PolicyConfigSchema,
    PolicyResource,
    ReportViolation,
    ResourceValidationArgs,
    ResourceValidationPolicy,
    Severity,
    StackValidationArgs,
    StackValidationPolicy,
} from "@pulumi/policy";
import { KINDS, Kind } from "./kinds.generated";

export type PolicyConfigJSONSchema = PolicyConfigSchema["properties"][string];

/** Type token of a kind the provider registers ("pra:ShellJump"), as the SDK classes declare it. */
export const typeOf = (kind: Kind): string => KINDS[kind].token;

/** Reads a property without tripping over values that are unknown during preview. */
export function peek(props: Record<string, unknown>, key: string): { known: boolean; value?: unknown } {
    try {
        return { known: true, value: props[key] };
    } catch (e) {
        if (isUnknownValueError(e)) return { known: false };
        throw e;
    }
}

function isUnknownValueError(e: unknown): boolean {
    return e instanceof Error && (e.constructor?.name === "UnknownValueError" || /can't be known during preview/.test(e.message));
}

/** Shell-style pattern with `*` and `?`, compared case-insensitively (appliance names are). */
export function globMatch(pattern: string, value: string): boolean {
    const re = pattern
        .replace(/[.+^${}()|[\]\\]/g, "\\$&")
        .replace(/\*/g, ".*")
        .replace(/\?/g, ".");
    return new RegExp(`^${re}$`, "i").test(value);
}

export const anyGlob = (patterns: readonly string[], value: string) => patterns.some((p) => globMatch(p, value));

/** The policy's configuration over its defaults (the CLI may or may not have applied them). */
export function configOf<C extends object>(defaults: C, args: { getConfig<T extends object>(): T }): C {
    const given = (args.getConfig<Partial<C>>() ?? {}) as Record<string, unknown>;
    const merged: Record<string, unknown> = { ...(defaults as Record<string, unknown>) };
    for (const [k, v] of Object.entries(given)) if (v !== undefined && v !== null) merged[k] = v;
    return merged as C;
}

/** One violation line: what is wrong, then how to fix it. */
export const violation = (problem: string, fix: string) => `${problem}\nFix: ${fix}`;

/** Ids as the provider accepts them: numbers or digit strings. */
export function idOf(v: unknown): number | undefined {
    if (typeof v === "number" && Number.isInteger(v)) return v;
    if (typeof v === "string" && /^\d+$/.test(v.trim())) return Number(v.trim());
    return undefined;
}

/**
 * Resolves the object a grant points at: first through the property's dependency on another
 * resource in the stack (the usual `jumpGroup.id`), else the literal id in the inputs.
 */
export function grantTarget(grant: PolicyResource, property: string, targetType: string): { resource?: PolicyResource; id?: number; unknown?: boolean } {
    const deps = grant.propertyDependencies?.[property] ?? [];
    const resource = deps.find((d) => d.type === targetType);
    if (resource) return { resource };
    const v = peek(grant.props, property);
    if (!v.known) return { unknown: true };
    return { id: idOf(v.value) };
}

/** The object's display name for messages, even when it is not known yet. */
export function label(props: Record<string, unknown>): string {
    const v = peek(props, "name");
    return v.known && typeof v.value === "string" ? JSON.stringify(v.value) : "(name not known yet)";
}

export function nameOf(r: PolicyResource): string | undefined {
    const v = peek(r.props, "name");
    return v.known && typeof v.value === "string" ? v.value : undefined;
}

/** A rule: the policy @pulumi/policy serves, plus its defaults for docs and tests. */
export interface Rule<C extends object = Record<string, unknown>> {
    name: string;
    description: string;
    enforcementLevel: EnforcementLevel;
    severity: Severity;
    remediationSteps: string;
    /** Resource types the rule looks at. */
    appliesTo: readonly string[];
    defaults: C;
    configSchema: Record<string, PolicyConfigJSONSchema>;
    validateResource?: (props: Record<string, unknown>, config: C, args: ResourceValidationArgs, report: ReportViolation) => void;
    validateStack?: (resources: PolicyResource[], config: C, args: StackValidationArgs, report: ReportViolation) => void;
}

export const stringList = (description: string, def: string[] = []): PolicyConfigJSONSchema => ({
    type: "array",
    items: { type: "string" },
    default: def,
    description,
});
export const idList = (description: string): PolicyConfigJSONSchema => ({
    type: "array",
    items: { type: "integer", minimum: 1 },
    default: [],
    description,
});

/** The rules as @pulumi/policy policies. */
export function toPolicy(rule: Rule<any>): ResourceValidationPolicy | StackValidationPolicy {
    const common = {
        name: rule.name,
        description: rule.description,
        enforcementLevel: rule.enforcementLevel,
        severity: rule.severity,
        remediationSteps: rule.remediationSteps,
        configSchema: { properties: rule.configSchema },
    };
    if (rule.validateStack) {
        const validate = rule.validateStack;
        return {
            ...common,
            validateStack: (args, report) => validate(args.resources, configOf(rule.defaults, args), args, report),
        };
    }
    const validate = rule.validateResource!;
    return {
        ...common,
        validateResource: (args, report) => {
            if (!rule.appliesTo.includes(args.type)) return;
            validate(args.props as Record<string, unknown>, configOf(rule.defaults, args), args, report);
        },
    };
}
