// Drives the pack's rules the way @pulumi/policy's server does, without a gRPC server: props are the
// provider's checked inputs (defaults applied), config comes from getConfig(), and the validations
// report through a collecting reportViolation.
import type { PolicyResource, ResourceValidationArgs, ResourceValidationPolicy, StackValidationArgs, StackValidationPolicy } from "@pulumi/policy";
import { handler } from "../../provider";
import { KINDS } from "../../policy/kinds.generated";
import { policies } from "../../policy/rules";

/** A kind's full name: "ShellJump" is PRA's; "passwordsafe:Folder" is as given. */
const fullKind = (kind: string) => (kind.includes(":") ? kind : `pra:${kind}`);

/** The type token of one of our kinds, or the given type itself for another package's resources. */
const typeOf = (kind: string) => (KINDS as Record<string, { token: string }>)[fullKind(kind)]?.token ?? kind;

export interface Reported {
    message: string;
    urn?: string;
}

/** The inputs a policy sees: what the provider's check returns for these program inputs. */
export async function checked(kind: string, inputs: Record<string, unknown>): Promise<Record<string, unknown>> {
    const result = await handler(fullKind(kind)).check({}, { ...inputs });
    if (result.failures?.length) throw new Error(`check failed: ${JSON.stringify(result.failures)}`);
    return { ...(result.inputs as Record<string, unknown>) };
}

function policy(name: string) {
    const p = policies.find((x) => x.name === name);
    if (!p) throw new Error(`no policy ${name}`);
    return p;
}

const urnOf = (kind: string, name: string) => `urn:pulumi:dev::bt::${typeOf(kind)}::${name}`;

export async function runResource(name: string, kind: string, props: Record<string, unknown>, config: Record<string, unknown> = {}): Promise<Reported[]> {
    const p = policy(name) as ResourceValidationPolicy;
    if (!p.validateResource) throw new Error(`${name} is not a resource policy`);
    const type = typeOf(kind);
    const out: Reported[] = [];
    const args: ResourceValidationArgs = {
        type,
        props,
        urn: urnOf(kind, String(props.name ?? "r")),
        name: String(props.name ?? "r"),
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            additionalSecretOutputs: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        },
        stackTags: new Map(),
        isType: (cls: any) => cls.__pulumiType === type,
        asType: ((cls: any) => (cls.__pulumiType === type ? props : undefined)) as any,
        getConfig: <T extends object>() => config as T,
        notApplicable: (reason?: string) => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
    const validations = Array.isArray(p.validateResource) ? p.validateResource : [p.validateResource];
    for (const v of validations) await v(args, (message: string, urn?: string) => out.push({ message, urn }));
    return out;
}

/** A resource as a stack policy sees it; `deps` maps a property to the resources it came from. */
export function stackResource(kind: string, name: string, props: Record<string, unknown>, deps: Record<string, PolicyResource[]> = {}): PolicyResource {
    const type = typeOf(kind);
    return {
        type,
        name,
        urn: urnOf(kind, name),
        props,
        opts: {
            protect: false,
            ignoreChanges: [],
            aliases: [],
            additionalSecretOutputs: [],
            customTimeouts: { createSeconds: 0, updateSeconds: 0, deleteSeconds: 0 },
        },
        dependencies: Object.values(deps).flat(),
        propertyDependencies: deps,
        isType: (cls: any) => cls.__pulumiType === type,
        asType: ((cls: any) => (cls.__pulumiType === type ? props : undefined)) as any,
    };
}

export async function runStack(name: string, resources: PolicyResource[], config: Record<string, unknown> = {}): Promise<Reported[]> {
    const p = policy(name) as StackValidationPolicy;
    if (!p.validateStack) throw new Error(`${name} is not a stack policy`);
    const out: Reported[] = [];
    const args: StackValidationArgs = {
        resources,
        getConfig: <T extends object>() => config as T,
        stackTags: new Map(),
        notApplicable: (reason?: string) => {
            throw new Error(`not applicable: ${reason}`);
        },
    };
    await p.validateStack(args, (message: string, urn?: string) => out.push({ message, urn }));
    return out;
}
