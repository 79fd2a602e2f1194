import type * as pulumi from "@pulumi/pulumi";

/**
 * The provider object Pulumi serializes into state for every resource of `kind`.
 *
 * It captures nothing but the kind string: the real provider is required by package name inside the
 * plugin process. So the serialized text holds no credential, no client and no schema, is the same for
 * every resource of a kind and across versions of this package (upgrades cause no spurious diffs),
 * and every resource in a run shares the one provider module and its token cache.
 */
export function shimFor(kind: string): pulumi.dynamic.ResourceProvider {
    let shim = shims[kind];
    if (!shim) {
        shim = makeShim(kind);
        shims[kind] = shim;
    }
    return shim;
}

const shims: Record<string, pulumi.dynamic.ResourceProvider> = {};

function makeShim(kind: string): pulumi.dynamic.ResourceProvider {
    return {
        check: (olds: any, news: any) => require("pulumi-beyondtrust/provider").handler(kind).check(olds, news),
        diff: (id: any, olds: any, news: any) => require("pulumi-beyondtrust/provider").handler(kind).diff(id, olds, news),
        create: (inputs: any) => require("pulumi-beyondtrust/provider").handler(kind).create(inputs),
        read: (id: any, props: any) => require("pulumi-beyondtrust/provider").handler(kind).read(id, props),
        update: (id: any, olds: any, news: any) => require("pulumi-beyondtrust/provider").handler(kind).update(id, olds, news),
        delete: (id: any, props: any) => require("pulumi-beyondtrust/provider").handler(kind).delete(id, props),
        configure: (req: any) => require("pulumi-beyondtrust/provider").configure(req),
    } as pulumi.dynamic.ResourceProvider;
}
