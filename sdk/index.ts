/**
 * pulumi-beyondtrust: BeyondTrust configuration as Pulumi resources.
 *
 *   import { pra } from "pulumi-beyondtrust";
 *   new pra.JumpGroup("ops", { name: "Ops" });
 */
export * as pra from "./pra";
export * as passwordsafe from "./passwordsafe";
export * as epm from "./epm";
export type { ConnectionArgs, CommonArgs } from "./resource";
export { typeToken } from "./resource";
