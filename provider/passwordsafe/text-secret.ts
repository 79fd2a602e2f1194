// A text secret: a note of up to 4096 characters, read back on refresh from secrets/{id}/text.
import { FOLDERS } from "./common";
import { ApiObject, PASSWORD_SAFE, PsSpec, unlessMissing } from "./kind";
import { SECRET_FIELDS, SECRET_OUTPUTS, findSecret, metadataBody, metadataFromApi, secretPath } from "./secret-common";

export const textSecret: PsSpec = {
    kind: "passwordsafe:TextSecret",
    title: "Password Safe text secret",
    product: PASSWORD_SAFE,
    naturalKey: "folderId and title",
    fields: {
        ...SECRET_FIELDS,
        text: { api: "Text", type: { kind: "string", min: 1, max: 4096 }, required: true, secret: true, description: "The secret text (secret)." },
    },
    outputs: SECRET_OUTPUTS,
    fromApi: (live, inputs) => ({ ...metadataFromApi(live, inputs), text: live.Text ?? inputs.text }),
    api: {
        async create(ctx) {
            const body = { ...metadataBody(ctx), Text: ctx.inputs.text, FolderId: ctx.inputs.folderId };
            return ctx.client.request<ApiObject>("POST", `${FOLDERS}/${ctx.inputs.folderId}/secrets/text`, {
                body,
                findCreated: () => findSecret(ctx, "Text"),
            });
        },
        async read({ client }, id) {
            return unlessMissing(() => client.request<ApiObject>("GET", secretPath(id, "/text")));
        },
        async update(ctx, id, live) {
            const body = { ...metadataBody(ctx, live), Text: ctx.inputs.text, FolderId: ctx.inputs.folderId };
            const answer = await ctx.client.request<ApiObject | undefined>("PUT", secretPath(id, "/text"), { body });
            return answer && typeof answer === "object" ? answer : await ctx.client.request<ApiObject>("GET", secretPath(id, "/text"));
        },
        async delete({ client }, id) {
            await client.request("DELETE", secretPath(id));
        },
        find: (ctx) => findSecret(ctx, "Text"),
    },
};
