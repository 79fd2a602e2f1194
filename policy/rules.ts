// Every rule of the pack, product by product. This module must stay free of side effects: index.ts
// hands `policies` to `new PolicyPack()`, which starts a gRPC server at once, so tests import this
// file instead and call the validations directly.
//
// Resources are matched by type token (policy/kinds.generated.ts, generated from the provider's
// registry), not by importing pulumi-beyondtrust: the pack runs in its own process and only ever
// sees tokens and checked inputs (camelCase, provider defaults applied, secrets unwrapped,
// `__provider` dropped).
import { Rule, toPolicy } from "./core";
import { epmRules } from "./epm";
import { passwordSafeRules } from "./passwordsafe";
import { praRules } from "./pra";

export { DEFAULT_NAME_PATTERN, inspectPrivateKey, JUMP_ITEM_TYPES, PLACEHOLDER_VALUES, praType, TYPES, UNIQUE_PROPERTIES } from "./pra";
export { globMatch, peek, toPolicy, typeOf } from "./core";
export type { Rule } from "./core";
export { containerPath, PS_TYPES, SECRET_TYPES } from "./passwordsafe";
export { DEFAULT_PRODUCTION_PATTERN, EPM_TYPES } from "./epm";

/** Every rule, in the order the pack reports them. */
export const rules: Rule<any>[] = [...praRules, ...passwordSafeRules, ...epmRules];

export const ruleByName = (name: string): Rule<any> => {
    const rule = rules.find((r) => r.name === name);
    if (!rule) throw new Error(`no rule ${name}`);
    return rule;
};

export const policies = rules.map(toPolicy);
