// Every Password Safe route the simulator serves (moto's responses.py + urls.py): HTTP in, the
// store's rules, HTTP out. Paths are matched lowercased (the app lowercases them; ids are GUIDs),
// so Secrets-Safe/Folders and secrets-safe/folders are one route. Status codes follow what
// BeyondTrust's Python library 3.5.1 requires (password-safe-clients.md §3), as the team's contract says.
import { ApiResponse } from "../core/api";
import { AppRequest } from "../core/app";
import { Params, Router } from "../core/router";
import { multipartBoundary, parseMultipart } from "../core/multipart";
import { PsAuth, PsUser, SESSION_COOKIE } from "./auth";
import { badRequest, psError } from "./errors";
import { Fields, Query, page } from "./input";
import { fileShape, folderShape, listItem, safeShape, secretById, textShape } from "./shapes";
import { Actor, MAX_FILE_BYTES, Secret, SecretFields, Store } from "./store";
import { Version, readOwners, secretList } from "./versions";

export interface PsContext {
    params: Params;
    query: Query;
    req: AppRequest;
    body(): Fields;
    version(): Version;
    /** The signed-in user (public routes have none). */
    actor: Actor;
}

export interface PsRoute {
    handler: (ctx: PsContext) => ApiResponse;
    /** Sign-in, token and sign-out: reachable without a session. */
    public?: boolean;
}

export interface PsEvents {
    signedIn(): void;
    signedOut(): void;
}

export function actorOf(user: PsUser): Actor {
    return { userId: user.UserId, userName: user.UserName, name: user.Name, email: user.EmailAddress };
}

export function buildRoutes(store: Store, auth: PsAuth, events: PsEvents): Router<PsRoute> {
    const r = new Router<PsRoute>();
    const add = (method: string, path: string, handler: PsRoute["handler"], isPublic = false) =>
        r.add(method, path.toLowerCase(), { handler, public: isPublic });
    const created = (body: unknown): ApiResponse => ({ status: 201, body, wrote: true });
    const ok = (body: unknown): ApiResponse => ({ status: 200, body });
    const done = (status: number, body?: unknown): ApiResponse => ({ status, body, wrote: true });

    // ---- auth ----
    add(
        "POST",
        "/Auth/SignAppin",
        ({ req }) => {
            const { user, sessionId } = auth.signIn(req.headers.authorization);
            events.signedIn();
            return {
                status: 200,
                body: { UserId: user.UserId, SID: null, EmailAddress: user.EmailAddress, UserName: user.UserName, Name: user.Name },
                headers: { "Set-Cookie": `${SESSION_COOKIE}=${sessionId}; path=/; HttpOnly` },
            };
        },
        true,
    );
    add(
        "POST",
        "/Auth/connect/token",
        ({ req }) => {
            const token = auth.mintToken(new URLSearchParams(req.raw.toString("utf8")));
            if (!token) throw psError(400, "invalid_client");
            return { status: 200, body: token, headers: { "Cache-Control": "no-store" } };
        },
        true,
    );
    // Sign-out answers 200 with or without a live session: PY signs out after every failure, a 401 included.
    add(
        "POST",
        "/Auth/Signout",
        ({ req }) => {
            if (auth.signOut(req.headers.cookie)) events.signedOut();
            return { status: 200 };
        },
        true,
    );

    // ---- safes ----
    add("GET", "/secrets-safe/safes", ({ query }) => ok(page(store.safes(), query).map(safeShape)));
    add("POST", "/secrets-safe/safes", ({ body, actor }) => {
        const b = body();
        const safe = store.createFolder({ name: name(b), description: b.string("Description", { max: 256 }), parentId: null }, actor);
        return created(safeShape(safe));
    });
    add("GET", "/secrets-safe/safes/{id}", ({ params }) => ok(safeShape(store.mustSafe(params.id))));
    add("PUT", "/secrets-safe/safes/{id}", ({ params, body }) => {
        const b = body();
        store.updateFolder(params.id, { name: name(b), description: b.string("Description", { max: 256 }) }, true);
        return done(204);
    });
    add("DELETE", "/secrets-safe/safes/{id}", ({ params }) => {
        store.deleteFolder(params.id, true);
        return done(204);
    });

    // ---- folders ----
    add("GET", "/secrets-safe/folders", ({ query }) => {
        const folderOwnerId = query.get("folderOwnerId");
        const list = store.listFolders({
            folderName: query.get("folderName") || undefined,
            folderPath: query.get("folderPath") || undefined,
            separator: query.get("separator") || "/",
            includeSubfolders: query.bool("includeSubfolders", true),
            rootOnly: query.bool("rootOnly", false),
            folderOwnerId: folderOwnerId ? query.integer("folderOwnerId", 0, 0) : undefined,
        });
        return ok(page(list, query).map(folderShape));
    });
    add("POST", "/secrets-safe/folders", ({ body, actor }) => {
        const b = body();
        const parentId = b.guid("ParentId");
        if (!parentId) throw badRequest("ParentId is required: a folder is created in a safe or a folder (create safes at Secrets-Safe/Safes)");
        const folder = store.createFolder(
            { name: name(b), description: b.string("Description", { max: 256 }), parentId, userGroupId: b.integer("UserGroupId", 0, 2147483647) },
            actor,
        );
        return created(folderShape(folder));
    });
    add("GET", "/secrets-safe/folders/{id}", ({ params }) => ok(folderShape(store.mustFolder(params.id))));
    add("PUT", "/secrets-safe/folders/{id}", ({ params, body }) => {
        const b = body();
        const folder = store.updateFolder(params.id, { name: name(b), description: b.string("Description", { max: 256 }) }, false);
        return done(200, folderShape(folder));
    });
    add("DELETE", "/secrets-safe/folders/{id}", ({ params }) => {
        store.deleteFolder(params.id, false);
        return done(204);
    });
    add("PUT", "/secrets-safe/folders/{id}/move", ({ params, body }) => {
        const b = body();
        const dest = b.guid("DestinationFolderId");
        if (!dest) throw badRequest("DestinationFolderId is required");
        const action = duplicateNameAction(b.string("DuplicateNameAction", { max: 10 }));
        return done(200, store.moveFolder(params.id, dest, action));
    });

    // ---- secrets in a folder ----
    add("GET", "/secrets-safe/folders/{id}/secrets", ({ params, query, version }) => {
        const all = store.secretsIn(store.mustFolder(params.id).id);
        const v = version();
        return ok(
            secretList(
                page(all, query).map((s) => listItem(store, s, v, true)),
                all.length,
                v,
            ),
        );
    });
    add("POST", "/secrets-safe/folders/{id}/secrets", ({ params, body, version, actor }) => {
        const v = version();
        const s = store.createSecret(params.id, "Credential", credentialFields(body(), v, auth), actor);
        return created(secretById(store, s, v));
    });
    add("POST", "/secrets-safe/folders/{id}/secrets/text", ({ params, body, version, actor }) => {
        const v = version();
        // The body's FolderId is ignored here: the path names the folder (GO sends a zero GUID).
        const s = store.createSecret(params.id, "Text", textFields(body(), v, auth), actor);
        return created(textShape(store, s, v));
    });
    add("POST", "/secrets-safe/folders/{id}/secrets/file", ({ params, req, version, actor }) => {
        const v = version();
        const upload = readUpload(req);
        if (!upload.content) throw badRequest("The file is missing: send it as a multipart part with a filename");
        const s = store.createSecret(params.id, "File", fileFields(upload, v, auth), actor);
        return created(fileShape(store, s, v));
    });

    // ---- secrets ----
    add("GET", "/secrets-safe/secrets", ({ query, version }) => {
        const v = version();
        const afterRaw = query.get("afterdate");
        const afterDate = afterRaw ? Date.parse(afterRaw) : undefined;
        if (afterDate !== undefined && Number.isNaN(afterDate)) throw badRequest("afterdate must be a date (yyyy-MM-ddTHH:mm:ssZ)");
        const all = store.findSecrets({
            path: query.get("path") || undefined,
            separator: query.get("separator") || "/",
            title: query.get("title") || undefined,
            afterDate,
        });
        const decrypt = query.bool("decrypt", true);
        return ok(
            secretList(
                page(all, query).map((s) => listItem(store, s, v, decrypt)),
                all.length,
                v,
            ),
        );
    });
    add("GET", "/secrets-safe/secrets/{id}", ({ params, version }) => ok(secretById(store, store.mustSecret(params.id), version())));
    add("PUT", "/secrets-safe/secrets/{id}", ({ params, body, version, actor }) => {
        const v = version();
        const b = body();
        const s = store.updateSecret(params.id, "Credential", credentialFields(b, v, auth), b.guid("FolderId"), actor);
        return done(200, secretById(store, s, v));
    });
    add("DELETE", "/secrets-safe/secrets/{id}", ({ params }) => {
        store.deleteSecret(params.id);
        return done(200);
    });
    add("GET", "/secrets-safe/secrets/{id}/text", ({ params, version }) => ok(textShape(store, store.mustSecret(params.id, "Text"), version())));
    add("PUT", "/secrets-safe/secrets/{id}/text", ({ params, body, version, actor }) => {
        const v = version();
        const b = body();
        const s = store.updateSecret(params.id, "Text", textFields(b, v, auth), b.guid("FolderId"), actor);
        return done(200, textShape(store, s, v));
    });
    add("GET", "/secrets-safe/secrets/{id}/file", ({ params, version }) => ok(fileShape(store, store.mustSecret(params.id, "File"), version())));
    add("PUT", "/secrets-safe/secrets/{id}/file", ({ params, req, version, actor }) => {
        const v = version();
        const upload = readUpload(req);
        const existing = store.mustSecret(params.id);
        store.updateSecret(existing.id, "File", fileFields(upload, v, auth, existing), upload.metadata.guid("FolderId"), actor);
        return done(204);
    });
    add("GET", "/secrets-safe/secrets/{id}/file/download", ({ params }) => {
        const s = store.mustSecret(params.id, "File");
        return {
            status: 200,
            body: store.fileBytes(s),
            headers: {
                "Content-Type": "application/octet-stream",
                "Content-Disposition": `attachment; filename="${(s.fileName ?? "file").replace(/["\\\r\n]/g, "_")}"`,
            },
        };
    });
    return r;
}

function name(b: Fields): string {
    return b.string("Name", { required: true, max: 256 })!;
}

function duplicateNameAction(v: string | undefined): "Rename" | "Stop" | "Skip" {
    if (v === undefined || v === "") return "Stop";
    const found = (["Rename", "Stop", "Skip"] as const).find((a) => a.toLowerCase() === v.toLowerCase());
    if (!found) throw badRequest("DuplicateNameAction must be Rename, Stop or Skip");
    return found;
}

/** Title, Description, Notes, Urls and Owners: what every secret type takes. */
function commonFields(b: Fields, v: Version, auth: PsAuth): SecretFields {
    const urls = b.objects("Urls")?.map((u, i) => {
        const url = u.string("Url", { required: true, max: 2048 })!;
        try {
            new URL(url);
        } catch {
            throw badRequest(`Urls[${i}].Url must be a URL`);
        }
        return { id: u.guid("Id"), url };
    });
    const owners = readOwners(b, v);
    // An owner named by id alone gets the user's name and email, as the appliance fills them in.
    for (const o of owners?.owners ?? []) {
        const user = o.userId !== undefined ? auth.user(o.userId) : undefined;
        if (user && !o.name) o.name = user.Name || user.UserName;
        if (user && !o.email) o.email = user.EmailAddress;
    }
    return {
        title: b.string("Title", { required: true, max: 256 })!,
        description: b.string("Description", { max: 256 }),
        notes: b.string("Notes", { max: 4000 }),
        urls,
        owners,
    };
}

function credentialFields(b: Fields, v: Version, auth: PsAuth): SecretFields {
    const passwordRuleId = b.integer("PasswordRuleID", 0, 32767);
    const password = b.string("Password", { max: 256 });
    if (password === undefined && passwordRuleId === undefined) throw badRequest("Password is required (or a PasswordRuleID)");
    return {
        ...commonFields(b, v, auth),
        username: b.string("Username", { required: true, max: 1000 }),
        password,
        passwordRuleId,
    };
}

function textFields(b: Fields, v: Version, auth: PsAuth): SecretFields {
    return { ...commonFields(b, v, auth), text: b.string("Text", { required: true, max: 4096 }) };
}

interface Upload {
    metadata: Fields;
    content?: Buffer;
    fileName?: string;
}

/**
 * A file secret's multipart body: `secretmetadata` is JSON whatever its Content-Type (PY sends
 * application/json, GO a plain text field); the file is the first part with a filename,
 * whatever its name (PY `files`, GO `file`); without one, GO's FileContent in the metadata.
 */
function readUpload(req: AppRequest): Upload {
    const boundary = multipartBoundary(req.headers["content-type"]);
    if (!boundary) throw badRequest("A file secret is sent as multipart/form-data");
    let parts;
    try {
        parts = parseMultipart(req.raw, boundary);
    } catch (err) {
        throw badRequest(`The multipart body is malformed: ${(err as Error).message}`);
    }
    const meta = parts.find((p) => p.name.toLowerCase() === "secretmetadata");
    if (!meta) throw badRequest("The multipart Request is missing parts: key:'secretmetadata'");
    const metadata = Fields.parse(meta.data);
    const file = parts.find((p) => p.filename !== undefined && p !== meta);
    let content = file?.data;
    if (!content && metadata.has("FileContent")) {
        const text = metadata.raw("FileContent");
        if (typeof text !== "string") throw badRequest("FileContent must be a string");
        content = Buffer.from(text, "utf8");
    }
    if (content && content.length > MAX_FILE_BYTES) throw psError(413, `The file is larger than ${MAX_FILE_BYTES} bytes`);
    if (content && content.length === 0) throw badRequest("The file is empty");
    return { metadata, content, fileName: file?.filename };
}

function fileFields(u: Upload, v: Version, auth: PsAuth, existing?: Secret): SecretFields {
    const fileName = u.metadata.string("FileName", { max: 256 }) || u.fileName || existing?.fileName;
    if (!fileName) throw badRequest("FileName is required");
    if (fileName.length > 256) throw badRequest("FileName must be at most 256 characters");
    return { ...commonFields(u.metadata, v, auth), fileName, content: u.content };
}
