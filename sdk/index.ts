/**
 * pulumi-beyondtrust: BeyondTrust configuration as Pulumi resources.
 *
 *   import { pra } from "pulumi-beyondtrust";
 *   new pra.JumpGroup("ops", { name: "Ops" });
 */
export * as pra from "./pra";
export type { ConnectionArgs, CommonArgs } from "./resource";
export { typeToken } from "./resource";
