// A credential: a username and a password, readable by anyone the folder allows. The password is
// read back on refresh (GET secrets/{id} returns it), so a change out of band shows as a change of
// `password`, secret in state and in the diff.
import { FOLDERS } from "./common";
import { ApiObject, PASSWORD_SAFE, PsSpec, unlessMissing } from "./kind";
import { SECRET_FIELDS, SECRET_OUTPUTS, findSecret, metadataBody, metadataFromApi, secretPath } from "./secret-common";

export const credentialSecret: PsSpec = {
    kind: "passwordsafe:CredentialSecret",
    title: "Password Safe credential secret",
    product: PASSWORD_SAFE,
    naturalKey: "folderId and title",
    fields: {
        ...SECRET_FIELDS,
        username: { api: "Username", type: { kind: "string", min: 1, max: 1000 }, required: true, description: "The account's user name." },
        password: { api: "Password", type: { kind: "string", min: 1, max: 256 }, required: true, secret: true, description: "The password (secret)." },
    },
    outputs: SECRET_OUTPUTS,
    fromApi: (live, inputs) => ({
        ...metadataFromApi(live, inputs),
        username: live.Username ?? inputs.username,
        password: live.Password ?? inputs.password,
    }),
    api: {
        async create(ctx) {
            const body = { ...metadataBody(ctx), Username: ctx.inputs.username, Password: ctx.inputs.password };
            return ctx.client.request<ApiObject>("POST", `${FOLDERS}/${ctx.inputs.folderId}/secrets`, {
                body,
                findCreated: () => findSecret(ctx, "Credential"),
            });
        },
        async read({ client }, id) {
            return unlessMissing(() => client.request<ApiObject>("GET", secretPath(id)));
        },
        async update(ctx, id, live) {
            const body = { ...metadataBody(ctx, live), Username: ctx.inputs.username, Password: ctx.inputs.password, FolderId: ctx.inputs.folderId };
            const answer = await ctx.client.request<ApiObject | undefined>("PUT", secretPath(id), { body });
            // 200 + JSON (the 3.5.1 library) or 204 (the v26.1 reference): then read it back.
            return answer && typeof answer === "object" ? answer : await ctx.client.request<ApiObject>("GET", secretPath(id));
        },
        async delete({ client }, id) {
            await client.request("DELETE", secretPath(id));
        },
        find: (ctx) => findSecret(ctx, "Credential"),
    },
};
