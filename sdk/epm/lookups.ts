// EPM lookups: each returns an Output and runs in the program's process; the provider's lookup
// code (provider/epm/lookups.ts) is required on the first call only. The connection is the
// lookup's `connection`, then stack config `beyondtrust:epm*`, then `BT_EPM_*`.
import * as pulumi from "@pulumi/pulumi";
import type { ComputerFilter, ComputerGroupInfo, ComputerInfo, PolicyInfo } from "../../provider/epm/lookups";
import type { EpmConnectionArgs } from "./connection";
import { lookupConnection } from "../stack-config";

export type { ComputerFilter, ComputerGroupInfo, ComputerInfo, PolicyInfo };

type Where = { connection?: pulumi.Input<EpmConnectionArgs> };

/** The lookup's connection over the program's stack config (read raw: used, never output). */
function connectionWith(explicit: Record<string, unknown> | undefined): Record<string, unknown> {
    return lookupConnection("epm", explicit);
}

function engine(): typeof import("../../provider/epm/lookups") {
    // Lazy: the HTTP stack is loaded by the first lookup, not by importing the SDK.
    return require("../../provider/epm/lookups");
}

type Inputs<T> = { [K in keyof T]: pulumi.Input<T[K]> };

/** Every computer that matches all the given filters (all pages; no filter: every computer). */
export function getComputers(args: Inputs<ComputerFilter> & Where = {}): pulumi.Output<ComputerInfo[]> {
    return pulumi
        .output(args as Record<string, unknown>)
        .apply((a) => engine().getComputers({ ...a, connection: connectionWith(a.connection as Record<string, unknown>) }));
}

/** A computer group by name (without regard to case) or id. */
export function getComputerGroup(args: ({ name: pulumi.Input<string> } | { id: pulumi.Input<string> }) & Where): pulumi.Output<ComputerGroupInfo> {
    return pulumi
        .output(args as Record<string, unknown>)
        .apply((a) => engine().getComputerGroup({ ...a, connection: connectionWith(a.connection as Record<string, unknown>) }));
}

/** A policy by name or id, with its latest revision's id and number. */
export function getPolicy(args: ({ name: pulumi.Input<string> } | { id: pulumi.Input<string> }) & Where): pulumi.Output<PolicyInfo> {
    return pulumi
        .output(args as Record<string, unknown>)
        .apply((a) => engine().getPolicy({ ...a, connection: connectionWith(a.connection as Record<string, unknown>) }));
}
