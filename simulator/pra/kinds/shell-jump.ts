// Shell Jump item, per the spec's ShellJumpItem schema (identical in the PRA and RS specs).
import { Kind, Obj, id, int, oneOf, str } from "../fields";

const shared = (obj: Obj) => obj.jump_group_type !== "personal";

export const shellJump: Kind = {
  path: "jump-item/shell-jump",
  title: "Shell Jump Item",
  operations: ["list", "create", "read", "update", "delete"],
  paginated: true,
  fields: {
    id: id(),
    name: str(1, 128, { required: true }),
    jumpoint_id: int(1, 2147483647, { required: true, ref: { kind: "jumpoint", onDelete: "cascade" } }),
    hostname: str(1, 128, { required: true }),
    protocol: oneOf(["ssh", "telnet"], { required: true }),
    // The spec: "Defaults to 22 if the protocol is SSH or 23 if the protocol is Telnet."
    port: int(1, 65535, { default: (o: Obj) => (o.protocol === "telnet" ? 23 : 22) }),
    // For personal items this is a user id; users are not simulated, so only shared ones are checked.
    jump_group_id: int(1, 2147483647, {
      required: true,
      ref: { kind: "jump-group", onDelete: "cascade", when: shared },
    }),
    jump_group_type: oneOf(["shared", "personal"], { default: "shared" }),
    terminal: oneOf(["xterm", "VT100"], { default: "xterm" }),
    keep_alive: int(0, 300, { default: 0 }),
    tag: str(0, 64, { default: "" }),
    comments: str(0, 1024, { default: "" }),
    jump_policy_id: int(1, 2147483647, { nullable: true, default: null, ref: { kind: "jump-policy", onDelete: "nullify" } }),
    username: { type: "string", maxLength: 128, default: "" },
    session_policy_id: int(2, 2147483647, {
      nullable: true,
      default: null,
      ref: { kind: "session-policy", onDelete: "nullify" },
    }),
  },
  filters: {
    name: { field: str(1, 255) },
    hostname: { field: str(3, 255) },
    jump_group_id: { field: int(1, 2147483647) },
    jump_group_type: { field: oneOf(["shared", "personal"]) },
    jumpoint_id: { field: int(1, 2147483647) },
    tag: { field: str(1, 64) },
  },
};
