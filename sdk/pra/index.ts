export * from "./jumpoint";
export * from "./jump-group";
export * from "./shell-jump";
export * from "./remote-rdp";
export * from "./web-jump";
export * from "./vault-accounts";
export * from "./group-policy";
export * from "./grants";
