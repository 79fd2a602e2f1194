// Caches that must be shared by every resource in the plugin process (tokens, clients, limiters,
// stack config) live on globalThis under registered symbols. Module variables would do in the plugin,
// but a test process can load both the compiled and the TypeScript copy of this package, and closure
// serialization copies captured module objects; globalThis is the one place all of them share.

export function processState<T>(name: string, init: () => T): T {
    const key = Symbol.for(`pulumi-beyondtrust.${name}`);
    const g = globalThis as unknown as Record<symbol, T | undefined>;
    let value = g[key];
    if (value === undefined) {
        value = init();
        g[key] = value;
    }
    return value;
}
