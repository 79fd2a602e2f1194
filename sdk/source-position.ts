/**
 * Keeps a resource's recorded source position on the program's line, not on this SDK's.
 *
 * @pulumi/pulumi takes a resource's source position and stack trace from `new Error().stack` in its
 * Resource constructor and skips a fixed number of frames, made for a class that extends
 * CustomResource directly (Resource, CustomResource, the class, then the program). Ours sit one or
 * two classes deeper (BeyondTrustResource, then JumpItem or VaultAccount, then ShellJump...), so
 * without this the engine would record `sdk/pra/shell-jump.ts#31` as where every Shell Jump was
 * declared: that is what the CLI and Pulumi Cloud show, and what state stores per resource.
 *
 * While a resource's constructor runs, stack traces leave out every frame in this SDK's folder but
 * the outermost (the class the program called), so the frame Pulumi keeps first is the program's.
 * Only the frames change: formatting stays whoever installed it (ts-node's source maps) or V8's.
 * Returns the function that restores the previous formatter.
 */
import * as path from "path";

const SDK_DIR = __dirname + path.sep;

type Prepare = (error: Error, frames: NodeJS.CallSite[]) => unknown;

function v8Format(error: Error, frames: NodeJS.CallSite[]): string {
    const head = error.message ? `${error.name}: ${error.message}` : String(error.name ?? "Error");
    return [head, ...frames.map((f) => `    at ${f.toString()}`)].join("\n");
}

export function withProgramSourcePosition(): () => void {
    const saved = Error.prepareStackTrace as Prepare | undefined;
    const format: Prepare = saved ?? v8Format;
    Error.prepareStackTrace = ((error: Error, frames: NodeJS.CallSite[]) => {
        const ours = frames.map((f) => (f.getFileName() ?? "").startsWith(SDK_DIR));
        const outermost = ours.lastIndexOf(true);
        return format(
            error,
            frames.filter((_, i) => !ours[i] || i === outermost),
        );
    }) as typeof Error.prepareStackTrace;
    return () => {
        Error.prepareStackTrace = saved as typeof Error.prepareStackTrace;
    };
}
