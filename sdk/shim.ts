/**
 * The `__provider` text Pulumi stores in the inputs and the outputs of every resource and that its
 * dynamic-provider plugin loads with `require-from-string(text).handler()` (once per distinct text
 * and process). It is written here by hand rather than produced by Pulumi's closure serializer:
 *
 *     exports.handler = () => require("pulumi-beyondtrust/provider").provider("pra:ShellJump");
 *
 * - 88 bytes instead of the 2.3 KB the serializer emits for a seven-method object (each method
 *   wrapped in its own `with` scope); the text is stored twice per resource and the local backend
 *   rewrites the whole checkpoint after every step, so its size is paid per resource per step;
 * - it names nothing but the kind: no credential, client or schema can be captured, and it is the
 *   same for every resource of a kind, across versions of this package and of @pulumi/pulumi (whose
 *   serializer output changes between releases), so upgrades cause no spurious diffs;
 * - the real provider is required by package name inside the plugin process, from the Pulumi project
 *   directory, so every resource of a run shares one provider module and its token cache.
 *
 * Resources created before this text existed carry the serializer's text, which calls
 * `handler(kind).<method>` and `configure`; provider/index.ts keeps both, and their first update
 * after the upgrade rewrites the text with no API call (diff reports `__provider`, update sends nothing).
 */
export function shimFor(kind: string): string {
    if (!/^[a-z]+:[A-Za-z]+$/.test(kind)) throw new Error(`not a resource kind: ${JSON.stringify(kind)}`);
    return `exports.handler = () => require("pulumi-beyondtrust/provider").provider(${JSON.stringify(kind)});\n`;
}

/**
 * Makes registering a resource cheaper in the program's process: @pulumi/pulumi formats a stack
 * trace for every promise it creates (`debuggablePromise`, kept only to describe leaked promises at
 * exit), about 40 per resource of ours, which under ts-node's source maps cost ~10 ms per resource
 * (5.8 s of the program's CPU for 500 Shell Jumps; 1.7 s without). While the constructor runs
 * synchronously the limit is 0, so those traces are empty; Pulumi's own source position and stack
 * trace of the resource are unaffected (it lifts the limit itself while taking them). Returns the
 * function that restores the previous limit. With PULUMI_DEBUG_PROMISE_LEAKS set nothing changes.
 */
export function withoutPromiseStacks(): () => void {
    if (process.env.PULUMI_DEBUG_PROMISE_LEAKS) return () => undefined;
    const saved = Error.stackTraceLimit;
    Error.stackTraceLimit = 0;
    return () => {
        Error.stackTraceLimit = saved;
    };
}
