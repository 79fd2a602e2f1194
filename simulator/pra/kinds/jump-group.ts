// Jump Group, per the spec's JumpGroup schema (ecm_group_id is PRA only).
import { Kind, codeName, id, int, str } from "../fields";

export const jumpGroup: Kind = {
    path: "jump-group",
    title: "Jump Group",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        name: str(1, 255, { required: true, unique: "always" }),
        code_name: codeName({ unique: "always" }),
        comments: str(0, 4096, { nullable: true, default: "" }),
        ecm_group_id: int(1, 2147483647, { products: ["pra"] }),
    },
    filters: {
        name: { field: str(1, 255) },
        code_name: { field: codeName() },
    },
};
