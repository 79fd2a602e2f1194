// What the spec's Jump Item schemas share (Shell Jump, Remote RDP, Web Jump): the owner and the
// Jumpoint, both cascading on delete, and the filing and policy fields. A kind's table spreads these
// and adds its own target fields.
import { FieldTable, Filter, Obj, int, oneOf, str } from "../fields";

// Personal items point at a user; users are not simulated, so only shared ones are checked.
const shared = (obj: Obj) => obj.jump_group_type !== "personal";

export function jumpItemCommonFields(): FieldTable {
    return {
        name: str(1, 128, { required: true }),
        jumpoint_id: int(1, 2147483647, { required: true, ref: { kind: "jumpoint", onDelete: "cascade" } }),
        jump_group_id: int(1, 2147483647, {
            required: true,
            ref: { kind: "jump-group", onDelete: "cascade", when: shared },
        }),
        jump_group_type: oneOf(["shared", "personal"], { default: "shared" }),
        tag: str(0, 64, { default: "" }),
        comments: str(0, 1024, { default: "" }),
        jump_policy_id: int(1, 2147483647, { nullable: true, default: null, ref: { kind: "jump-policy", onDelete: "nullify" } }),
        session_policy_id: int(2, 2147483647, {
            nullable: true,
            default: null,
            ref: { kind: "session-policy", onDelete: "nullify" },
        }),
    };
}

/**
 * The list filters the spec gives every Jump Item kind: name, jump_group_id, jump_group_type,
 * jumpoint_id and tag, plus hostname for kinds that have one. The specs differ per kind only in
 * the name and hostname lengths, given here as [minLength, maxLength].
 */
export function jumpItemFilters(lengths: { name: [number, number]; hostname?: [number, number] }): Record<string, Filter> {
    return {
        name: { field: str(...lengths.name) },
        ...(lengths.hostname ? { hostname: { field: str(...lengths.hostname) } } : {}),
        jump_group_id: { field: int(1, 2147483647) },
        jump_group_type: { field: oneOf(["shared", "personal"]) },
        jumpoint_id: { field: int(1, 2147483647) },
        tag: { field: str(1, 64) },
    };
}
