// What the spec's Jump Item schemas share (Shell Jump, Remote RDP, Web Jump): the owner and the
// Jumpoint, both cascading on delete, and the filing and policy fields. A kind's table spreads these
// and adds its own target fields.
import { FieldTable, Obj, int, oneOf, str } from "../fields";

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
