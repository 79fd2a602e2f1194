// A file secret: a named file of at most 5,000,000 bytes, uploaded as multipart (a JSON
// `secretmetadata` part and the file). The content is given as a secret string, or as a path read
// at check time whose bytes never reach state: only their SHA-256 (`contentSha256`) is kept, and
// refresh compares it with the appliance's FileHash, so a file replaced out of band is seen as a
// change without anyone downloading or printing it.
import { encodeMultipart } from "../core/multipart";
import { checkContent, declaredContent } from "../engine/content-source";
import { FOLDERS } from "./common";
import { ApiObject, PASSWORD_SAFE, PsContext, PsSpec, unlessMissing } from "./kind";
import { SECRET_FIELDS, SECRET_OUTPUTS, findSecret, metadataBody, metadataFromApi, secretPath } from "./secret-common";

export { sha256 } from "../engine/content-source";
export const MAX_FILE_BYTES = 5_000_000;

function multipart(ctx: PsContext, metadata: Record<string, unknown>) {
    const bytes = declaredContent(ctx.inputs);
    return encodeMultipart([
        { name: "secretmetadata", contentType: "application/json", data: JSON.stringify(metadata) },
        { name: "file", filename: String(ctx.inputs.fileName), contentType: "application/octet-stream", data: bytes },
    ]);
}

export const fileSecret: PsSpec = {
    kind: "passwordsafe:FileSecret",
    title: "Password Safe file secret",
    product: PASSWORD_SAFE,
    naturalKey: "folderId and title",
    fields: {
        ...SECRET_FIELDS,
        fileName: {
            api: "FileName",
            type: { kind: "string", min: 1, max: 256, pattern: /^[^/\\]+$/, patternHint: "a file name without / or \\" },
            required: true,
            description: "The file's name as users download it.",
        },
        content: {
            api: "Content",
            type: { kind: "string", max: MAX_FILE_BYTES },
            secret: true,
            description: "The file's content as text (secret); or give contentFile.",
        },
        contentFile: {
            api: "ContentFile",
            type: { kind: "string", min: 1 },
            description: "A local file whose bytes are uploaded (read at preview; only its SHA-256 is kept in state); or give content.",
        },
    },
    outputs: { ...SECRET_OUTPUTS, contentSha256: "FileHash" },
    diffIgnores: ["content", "contentFile"],
    derived: ["contentSha256"],
    refine: (inputs) => checkContent(inputs, { noun: "file", contentIs: "the file's text", holder: "a file secret", maxBytes: MAX_FILE_BYTES }),
    fromApi: (live, inputs) => ({ ...metadataFromApi(live, inputs), fileName: live.FileName ?? inputs.fileName }),
    api: {
        async create(ctx) {
            const metadata = { ...metadataBody(ctx), FileName: ctx.inputs.fileName };
            const live = await ctx.client.request<ApiObject>("POST", `${FOLDERS}/${ctx.inputs.folderId}/secrets/file`, {
                multipart: multipart(ctx, metadata),
                findCreated: () => findSecret(ctx, "File"),
            });
            return { ...live, FileHash: live?.FileHash ?? ctx.inputs.contentSha256 };
        },
        async read({ client }, id) {
            return unlessMissing(() => client.request<ApiObject>("GET", secretPath(id, "/file")));
        },
        async update(ctx, id, live) {
            const metadata = { ...metadataBody(ctx, live), FileName: ctx.inputs.fileName, FolderId: ctx.inputs.folderId };
            await ctx.client.request("PUT", secretPath(id, "/file"), { multipart: multipart(ctx, metadata) });
            // 204: the metadata after the PUT (paths, dates, the hash the appliance computed).
            return ctx.client.request<ApiObject>("GET", secretPath(id, "/file"));
        },
        async delete({ client }, id) {
            await client.request("DELETE", secretPath(id));
        },
        find: (ctx) => findSecret(ctx, "File"),
    },
};
