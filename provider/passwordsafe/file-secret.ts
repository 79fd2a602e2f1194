// A file secret: a named file of at most 5,000,000 bytes, uploaded as multipart (a JSON
// `secretmetadata` part and the file). The content is given as a secret string, or as a path read
// at check time whose bytes never reach state: only their SHA-256 (`contentSha256`) is kept, and
// refresh compares it with the appliance's FileHash, so a file replaced out of band is seen as a
// change without anyone downloading or printing it.
import * as crypto from "crypto";
import * as fs from "fs";
import { encodeMultipart } from "../core/multipart";
import { Failure } from "../engine/fields";
import { FOLDERS } from "./common";
import { ApiObject, PASSWORD_SAFE, PsContext, PsSpec, unlessMissing } from "./kind";
import { SECRET_FIELDS, SECRET_OUTPUTS, findSecret, metadataBody, metadataFromApi, secretPath } from "./secret-common";

export const MAX_FILE_BYTES = 5_000_000;

export function sha256(bytes: Buffer | string): string {
    return crypto.createHash("sha256").update(bytes).digest("hex");
}

/** The file's bytes, from the declared content or the declared path (read again at each write). */
function contentOf(inputs: Record<string, unknown>): Buffer {
    if (typeof inputs.content === "string") return Buffer.from(inputs.content, "utf8");
    return fs.readFileSync(String(inputs.contentFile));
}

function multipart(ctx: PsContext, metadata: Record<string, unknown>) {
    const bytes = contentOf(ctx.inputs);
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
    refine(inputs) {
        const failures: Failure[] = [];
        const hasContent = inputs.content !== undefined;
        const hasFile = inputs.contentFile !== undefined;
        if (hasContent === hasFile) {
            failures.push({
                property: hasContent ? "contentFile" : "content",
                reason: hasContent
                    ? "cannot be given with content: give the file one way"
                    : "is required: give content (the file's text) or contentFile (a path)",
            });
            return failures;
        }
        if (hasContent) {
            const bytes = Buffer.byteLength(String(inputs.content), "utf8");
            if (bytes > MAX_FILE_BYTES) return [{ property: "content", reason: `is ${bytes} bytes: a file secret holds at most ${MAX_FILE_BYTES}` }];
            inputs.contentSha256 = sha256(String(inputs.content));
            return failures;
        }
        const path = String(inputs.contentFile);
        let stat: fs.Stats;
        try {
            stat = fs.statSync(path);
        } catch (err) {
            const code = (err as { code?: string }).code;
            return [
                {
                    property: "contentFile",
                    reason:
                        code === "ENOENT" ? `names a file that does not exist: ${JSON.stringify(path)}` : `cannot be read (${code}): ${JSON.stringify(path)}`,
                },
            ];
        }
        if (!stat.isFile()) return [{ property: "contentFile", reason: `is not a file: ${JSON.stringify(path)}` }];
        if (stat.size > MAX_FILE_BYTES) return [{ property: "contentFile", reason: `is ${stat.size} bytes: a file secret holds at most ${MAX_FILE_BYTES}` }];
        try {
            inputs.contentSha256 = sha256(fs.readFileSync(path));
        } catch (err) {
            return [{ property: "contentFile", reason: `cannot be read (${(err as { code?: string }).code}): ${JSON.stringify(path)}` }];
        }
        return failures;
    },
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
