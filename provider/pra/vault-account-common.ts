import { collectionApi } from "../engine/collection-api";
import type { FieldTable } from "../engine/fields";
import type { ObjectApi, ResourceSpec } from "../engine/spec";
import { praSpec, ref, text } from "./common";

/** Fields every vault account type shares (the spec's VaultAccount base). */
export function vaultAccountFields(withPolicy: boolean): FieldTable {
    return {
        name: text("name", 1, 255, "Display name of the account.", { required: true }),
        description: text("description", 0, 4096, "Free-form description.", { default: "" }),
        accountGroupId: ref("account_group_id", "Vault account group holding it (1 is the default group).", { default: 1, refTo: ["pra:VaultAccountGroup"] }),
        ...(withPolicy
            ? {
                  accountPolicy: text("account_policy", 1, 64, "Code name of the account policy, or null to inherit from the group.", {
                      nullable: true,
                      default: null,
                  }),
              }
            : {}),
    };
}

/** The read-only facts the vault reports about every account. */
export const VAULT_OUTPUTS = { personal: "personal", lastCheckoutTimestamp: "last_checkout_timestamp" };

/** One vault account kind: all share the /vault/account collection, told apart by `type`. */
export function vaultAccountSpec(spec: {
    kind: string;
    title: string;
    fields: FieldTable;
    outputs?: Record<string, string>;
    fixedType?: string;
    refine?: ResourceSpec["refine"];
}): ResourceSpec {
    const writeOnly = Object.values(spec.fields)
        .filter((f) => f.secret)
        .map((f) => f.api);
    // The types this kind covers: its fixed type, or the values of its own type field (ssh, ssh_ca).
    const typeField = spec.fields.type?.type;
    const types: readonly string[] = spec.fixedType ? [spec.fixedType] : typeField?.kind === "enum" ? typeField.values : [];
    return praSpec({
        kind: spec.kind,
        title: spec.title,
        fields: spec.fields,
        outputs: { ...VAULT_OUTPUTS, ...(spec.outputs ?? {}) },
        refine: spec.refine,
        fixedBody: spec.fixedType ? () => ({ type: spec.fixedType }) : undefined,
        personal: (live) => live.personal === true,
        api: withTypeOnPatch(
            collectionApi({
                path: "/vault/account",
                naturalKey: (body) => ({ name: String(body.name), type: String(body.type) }),
                writeOnly,
                belongs: (live) => types.includes(String(live.type)),
            }),
        ),
    });
}

/**
 * The official spec's PATCH /vault/account/{id} body is a oneOf of the account types that only
 * `type` tells apart, so a PATCH without it is not a valid request (Stoplight Prism serving the
 * spec refuses it): every PATCH carries the account's type, unchanged (the appliance cannot change
 * it; a new type replaces the account).
 */
function withTypeOnPatch(api: ObjectApi): ObjectApi {
    return {
        ...api,
        update: (ctx, id, changed) => api.update(ctx, id, { type: ctx.body.type, ...changed }),
    };
}
