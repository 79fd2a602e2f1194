/** Password Safe: safes, folders and secrets, and lookups of them. */
export * from "./connection";
export * from "./safe";
export * from "./folder";
export * from "./secrets";
export * from "./lookups";
