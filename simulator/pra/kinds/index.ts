// Every object kind the simulator serves, in dependency order (referenced kinds first).
import { Kind } from "../fields";
import { groupPolicy } from "./group-policy";
import { jumpGroup } from "./jump-group";
import { jumpPolicy } from "./jump-policy";
import { jumpoint } from "./jumpoint";
import { jumpItemRole, sessionPolicy } from "./read-only";
import { shellJump } from "./shell-jump";
import { vaultAccount } from "./vault-account";
import { vaultAccountGroup } from "./vault-account-group";

export const KINDS: Kind[] = [
  sessionPolicy,
  jumpItemRole,
  jumpPolicy,
  groupPolicy,
  vaultAccountGroup,
  vaultAccount,
  jumpoint,
  jumpGroup,
  shellJump,
];

export const KIND_BY_PATH = new Map(KINDS.map((k) => [k.path, k]));
