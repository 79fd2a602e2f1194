// A folder in a safe or in another folder, addressed by the parent's id or by its path. A new
// parent moves the folder in place (PUT folders/{id}/move) instead of replacing it, so the secrets
// inside stay where they are; a new name or description is a PUT of both.
import { text, guid, FOLDERS } from "./common";
import { resolveFolderPath } from "./folder-tree";
import { ApiObject, PASSWORD_SAFE, PsContext, PsSpec, unlessMissing } from "./kind";
import { ZERO_GUID } from "../engine/fields";

/** The parent's id: the declared one, or the folder at the declared path. */
async function parentId(ctx: PsContext): Promise<string> {
    if (typeof ctx.inputs.parentId === "string") return ctx.inputs.parentId;
    return (await resolveFolderPath(ctx.client, String(ctx.inputs.parentPath), "parentPath")).id;
}

function liveParent(live: ApiObject): string {
    const p = String(live.ParentId ?? "").toLowerCase();
    return p === ZERO_GUID ? "" : p;
}

export const folder: PsSpec = {
    kind: "passwordsafe:Folder",
    title: "Password Safe folder",
    product: PASSWORD_SAFE,
    naturalKey: "name and parent",
    fields: {
        name: text("Name", 1, 256, "The folder's name, unique within its parent.", { required: true }),
        description: text("Description", 0, 256, "What the folder holds.", { default: "" }),
        parentId: guid("ParentId", "The id of the safe or folder it is in (or give parentPath)."),
        parentPath: text("ParentPath", 1, 1792, 'The path of the safe or folder it is in, e.g. "Ops Safe/Linux" (or give parentId).'),
    },
    outputs: { parentFolderId: "ParentId" },
    refine(inputs) {
        const byId = inputs.parentId !== undefined;
        const byPath = inputs.parentPath !== undefined;
        if (byId === byPath) {
            return [
                {
                    property: byId ? "parentPath" : "parentId",
                    reason: byId
                        ? "cannot be given with parentId: name the parent one way"
                        : "is required: give parentId (a safe's or folder's id) or parentPath (e.g. \"Safe/Sub\")",
                },
            ];
        }
        if (byPath && /(^|\/)\s*\/|\/\/|^\s*$/.test(String(inputs.parentPath)))
            return [{ property: "parentPath", reason: `has an empty folder name: ${JSON.stringify(inputs.parentPath)}` }];
        return [];
    },
    fromApi(live, inputs) {
        const props: Record<string, unknown> = { name: live.Name, description: live.Description ?? "" };
        // A folder named by id shows a move out of band as a new parentId. One named by path shows it
        // on refresh (state knows the parent it resolved): the path no longer holds, so it reads as
        // null and the next up resolves it again and moves the folder back.
        if (inputs.parentId !== undefined) props.parentId = liveParent(live);
        else if (typeof inputs.parentFolderId === "string" && liveParent(live) !== inputs.parentFolderId.toLowerCase()) props.parentPath = null;
        return props;
    },
    api: {
        async create(ctx) {
            const ParentId = await parentId(ctx);
            return ctx.client.request<ApiObject>("POST", FOLDERS, {
                body: { Name: ctx.inputs.name, Description: ctx.inputs.description, ParentId, UserGroupId: null },
                findCreated: () => folder.api.find({ ...ctx, inputs: { ...ctx.inputs, parentId: ParentId } }),
            });
        },
        async read({ client }, id) {
            return unlessMissing(() => client.request<ApiObject>("GET", `${FOLDERS}/${id}`));
        },
        async update(ctx, id, adopted) {
            const { client, inputs, olds } = ctx;
            const destination = await parentId(ctx);
            const before = adopted ?? (olds ? { ParentId: olds.parentFolderId, Name: olds.name, Description: olds.description } : undefined);
            if (!before || liveParent(before) !== destination) {
                // Answers a move report ({FolderId, ParentId, OldParentId, ...}), not the folder.
                await client.request("PUT", `${FOLDERS}/${id}/move`, { body: { DestinationFolderId: destination, DuplicateNameAction: "Stop" } });
            }
            let live: ApiObject | undefined;
            if (!before || before.Name !== inputs.name || (before.Description ?? "") !== inputs.description) {
                live = await client.request<ApiObject>("PUT", `${FOLDERS}/${id}`, { body: { Name: inputs.name, Description: inputs.description } });
            }
            const known = { Id: id, Name: inputs.name, Description: inputs.description, ParentId: destination };
            return live && typeof live === "object" && live.Name !== undefined ? { ...known, ...live, ParentId: live.ParentId ?? destination } : known;
        },
        async delete({ client }, id) {
            await client.request("DELETE", `${FOLDERS}/${id}`);
        },
        async find(ctx) {
            const destination = await parentId(ctx);
            const rows = await ctx.client.listAll<ApiObject>(FOLDERS);
            const name = String(ctx.inputs.name).toLowerCase();
            return rows.find((r) => liveParent(r) === destination && String(r.Name ?? "").toLowerCase() === name);
        },
    },
};
