import * as pulumi from "@pulumi/pulumi";
// Data, not the provider's registry: a program loads no provider code (specs, zod, the HTTP stack);
// the plugin loads it through the shim. scripts/gen-policy-kinds.ts writes the file from the registry.
import { SDK_KINDS, SdkKind } from "./kinds.generated";
import { shimFor, withoutPromiseStacks } from "./shim";
import { withProgramSourcePosition } from "./source-position";
import { typeToken } from "./type-token";

export { typeToken };

/** Where a resource's API calls go; every field falls back to stack config, then the environment. */
export interface ConnectionArgs {
    /** Appliance host name or URL (https assumed). Config `beyondtrust:host`, env `BT_API_HOST`. */
    host?: pulumi.Input<string>;
    /** API account client id. Config `beyondtrust:clientId`, env `BT_CLIENT_ID`. */
    clientId?: pulumi.Input<string>;
    /** API account client secret. Config `beyondtrust:clientSecret` (secret), env `BT_CLIENT_SECRET`. */
    clientSecret?: pulumi.Input<string>;
    /** PEM text of a CA bundle to trust. Config `beyondtrust:caCert`, env `BT_CA_CERT`. */
    caCert?: pulumi.Input<string>;
    /** Path of a PEM CA bundle. Config `beyondtrust:caFile`, env `BT_CA_FILE`. */
    caFile?: pulumi.Input<string>;
    /** Skip TLS verification (labs only). Config `beyondtrust:insecure`, env `BT_INSECURE`. */
    insecure?: pulumi.Input<boolean>;
    /** "pra" or "rs". Config `beyondtrust:product`, env `BT_PRODUCT`; unset everywhere, the appliance is asked (GET /get_mech_list). */
    product?: pulumi.Input<"pra" | "rs">;
}

/** Arguments every BeyondTrust resource accepts. */
export interface CommonArgs {
    /** Connection for programs that manage several appliances; otherwise stack config or env is used. */
    connection?: pulumi.Input<ConnectionArgs>;
    /**
     * Take over an existing object instead of creating a duplicate (Pulumi cannot import dynamic
     * resources): `true` finds it by its natural key (e.g. the name), a string names its id. The
     * object is then converged to the declared inputs. Ignored once the resource exists.
     */
    adopt?: pulumi.Input<boolean | string>;
    /**
     * With `adopt`: do not send the declared write-only secrets (passwords, keys, tokens) to the
     * adopted object; the appliance keeps the ones it holds and state records the declared values.
     * For secrets that are already the current ones (programs written by `pulumi-beyondtrust import`).
     * A later change of a secret is sent as usual. Default false: adoption sends them.
     */
    keepSecretsOnAdopt?: pulumi.Input<boolean>;
}

/** What the SDK knows of a kind; an unknown kind (a class without a registered spec) is an error naming the known ones. */
function sdkKind(kind: string): SdkKind {
    if (!Object.prototype.hasOwnProperty.call(SDK_KINDS, kind)) {
        throw new Error(`pulumi-beyondtrust has no resource kind "${kind}" (known: ${Object.keys(SDK_KINDS).join(", ")})`);
    }
    return SDK_KINDS[kind];
}

/**
 * Base of every resource class: one dynamic resource with the kind's shim, its outputs declared,
 * and every secret (write-only fields and the connection) secret in inputs and outputs alike.
 *
 * It is what `pulumi.dynamic.Resource` is (a custom resource of the `pulumi-nodejs` provider with a
 * `pulumi-nodejs:dynamic/...` type and the provider text in `__provider`), except that the text is
 * the constant of sdk/shim.ts instead of a closure serialization (see there for why).
 */
export abstract class BeyondTrustResource extends pulumi.CustomResource {
    protected constructor(kind: string, name: string, args: object, opts?: pulumi.CustomResourceOptions) {
        const spec = sdkKind(kind);
        const input = args as Record<string, unknown>;
        const props: Record<string, unknown> = {};
        const secretNames = ["connection"];
        for (const [prop, field] of Object.entries(spec.fields)) {
            props[prop] = input[prop];
            if (field.secret) secretNames.push(prop);
        }
        for (const prop of spec.outputs) props[prop] = undefined;
        // Secret outputs (an installer's key) are secret in state from the first write.
        secretNames.push(...(spec.secretOutputs ?? []));
        props.connection = input.connection;
        props.adopt = input.adopt;
        if (input.keepSecretsOnAdopt !== undefined) props.keepSecretsOnAdopt = input.keepSecretsOnAdopt;
        // Arguments the kind does not have (a misspelled `hostName`, an output) are passed on, not
        // dropped: check refuses them by name, so preview fails instead of silently ignoring them.
        // Secret, because a misspelled password is still a password.
        // (Defined, not assigned: an own "__proto__" argument must stay a property, not become a prototype.)
        for (const key of Object.keys(input)) {
            if (key === "__proto__") {
                // Pulumi's serialization would turn it into a prototype and lose it: refuse it here.
                throw new Error(`${spec.title} ${JSON.stringify(name)}: __proto__ is not a property of ${spec.title}`);
            }
            if (key === "connection" || key === "adopt" || key === "keepSecretsOnAdopt" || Object.prototype.hasOwnProperty.call(spec.fields, key)) continue;
            if (input[key] !== undefined) {
                define(props, key, input[key]);
                secretNames.push(key);
            }
        }
        // Secret inputs are wrapped here so that even a plain string never lands in state in clear.
        for (const prop of secretNames) {
            if (props[prop] !== undefined) define(props, prop, pulumi.secret(props[prop] as pulumi.Input<unknown>));
        }
        const extraSecrets = secretNames.filter((p) => !(opts?.additionalSecretOutputs ?? []).includes(p));
        props.__provider = shimFor(kind);
        const restoreLimit = withoutPromiseStacks();
        const restoreFormat = withProgramSourcePosition();
        try {
            super(typeToken(kind), name, props, {
                ...opts,
                additionalSecretOutputs: [...(opts?.additionalSecretOutputs ?? []), ...extraSecrets],
            });
        } finally {
            restoreFormat();
            restoreLimit();
        }
    }
}

function define(o: Record<string, unknown>, key: string, value: unknown): void {
    Object.defineProperty(o, key, { value, enumerable: true, writable: true, configurable: true });
}
