// Password Safe lookups: each returns an Output and runs in the program's process; the provider's
// lookup code (provider/passwordsafe/lookups.ts) is required on the first call only. The connection
// is the lookup's `connection`, then stack config `beyondtrust:passwordSafe*`, then `BT_PS_*`.
import * as pulumi from "@pulumi/pulumi";
import type { FolderInfo, SafeInfo, SecretInfo } from "../../provider/passwordsafe/lookups";
import type { PasswordSafeConnectionArgs } from "./connection";
import { lookupConnection } from "../stack-config";

export type { FolderInfo, SafeInfo, SecretInfo };

type Where = { connection?: pulumi.Input<PasswordSafeConnectionArgs> };

/** The lookup's connection over the program's stack config (read raw: used, never output). */
const connectionWith = (explicit: Record<string, unknown> | undefined) => lookupConnection("passwordsafe", explicit);

function engine(): typeof import("../../provider/passwordsafe/lookups") {
    // Lazy: the HTTP stack is loaded by the first lookup, not by importing the SDK.
    return require("../../provider/passwordsafe/lookups");
}

/** A safe by name or id. */
export function getSafe(args: ({ name: pulumi.Input<string> } | { id: pulumi.Input<string> }) & Where): pulumi.Output<SafeInfo> {
    return pulumi
        .output(args as Record<string, unknown>)
        .apply((a) => engine().getSafe({ ...a, connection: connectionWith(a.connection as Record<string, unknown>) }));
}

/** A folder by its full path ("Safe/Sub") or id. */
export function getFolder(args: ({ path: pulumi.Input<string> } | { id: pulumi.Input<string> }) & Where): pulumi.Output<FolderInfo> {
    return pulumi
        .output(args as Record<string, unknown>)
        .apply((a) => engine().getFolder({ ...a, connection: connectionWith(a.connection as Record<string, unknown>) }));
}

/** A secret by its folder's path and its title, or by id. The whole result is secret (it holds the value). */
export function getSecret(
    args: ({ path: pulumi.Input<string>; title: pulumi.Input<string> } | { id: pulumi.Input<string> }) & Where,
): pulumi.Output<SecretInfo> {
    const result = pulumi
        .output(args as Record<string, unknown>)
        .apply((a) => engine().getSecret({ ...a, connection: connectionWith(a.connection as Record<string, unknown>) }));
    return pulumi.secret(result) as unknown as pulumi.Output<SecretInfo>;
}
