// Endpoint Privilege Management: computer groups, policies and their revisions, policy assignments
// and computer memberships, over the EPM Management API.
export type { EpmConnectionArgs, EpmCommonArgs } from "./connection";
export * from "./policy-assignment";
export * from "./computer-group-membership";
export * from "./lookups";
export * from "./computer-group";
export * from "./policy";
