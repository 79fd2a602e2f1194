// Password Safe lookups, for programs (the SDK's passwordsafe.get* require this module on their
// first call, in the program's process): a safe by name, a folder by path, a secret by folder path
// and title, or any of them by id. Exactly one must match; the error names the filter otherwise.
// A secret's value is returned for the SDK to wrap as a secret Output, and registered for redaction.
import { registerSecret } from "../core/redact";
import { GUID } from "../engine/fields";
import { SAFES, SECRETS } from "./common";
import { PasswordSafeConnectionInput, resolvePasswordSafeConnection } from "./connection";
import { folderTree, pathSegments } from "./folder-tree";
import { ApiObject, unlessMissing } from "./kind";
import { passwordSafeClient } from "./profile";

export class PasswordSafeLookupError extends Error {
    constructor(message: string) {
        super(message);
        this.name = "PasswordSafeLookupError";
    }
}

export interface SafeInfo {
    id: string;
    name: string;
    description: string;
}

export interface FolderInfo {
    id: string;
    name: string;
    description: string;
    parentId?: string;
    path: string;
}

export interface SecretInfo {
    id: string;
    title: string;
    description: string;
    folderId: string;
    folderPath: string;
    secretType: "Credential" | "Text" | "File";
    username?: string;
    fileName?: string;
    /** The password, the text, or the file's content (as text). */
    value: string;
}

function clientOf(connection: PasswordSafeConnectionInput | undefined) {
    return passwordSafeClient(resolvePasswordSafeConnection(connection));
}

function id(caller: string, value: unknown): string {
    const text = String(value ?? "")
        .trim()
        .toLowerCase();
    if (!GUID.test(text)) throw new PasswordSafeLookupError(`${caller}: id must be a GUID, not ${JSON.stringify(String(value ?? "")).slice(0, 60)}`);
    return text;
}

/** Exactly one match, or an error naming the filter. */
function single<T>(caller: string, filter: string, matches: T[]): T {
    if (matches.length === 1) return matches[0];
    throw new PasswordSafeLookupError(
        matches.length === 0
            ? `${caller}: nothing matches ${filter}`
            : `${caller}: ${matches.length} objects match ${filter}; narrow the filter or give the id`,
    );
}

export async function getSafe(args: { id?: string; name?: string; connection?: PasswordSafeConnectionInput }): Promise<SafeInfo> {
    const caller = "passwordsafe.getSafe";
    const client = clientOf(args.connection);
    let live: ApiObject;
    if (args.id !== undefined) {
        const found = await unlessMissing(() => client.request<ApiObject>("GET", `${SAFES}/${id(caller, args.id)}`));
        live = single(caller, `id ${JSON.stringify(args.id)}`, found ? [found] : []);
    } else if (typeof args.name === "string" && args.name !== "") {
        const name = args.name.toLowerCase();
        const rows = await client.listAll<ApiObject>(SAFES);
        live = single(
            caller,
            `name ${JSON.stringify(args.name)}`,
            rows.filter((r) => String(r.Name ?? "").toLowerCase() === name),
        );
    } else {
        throw new PasswordSafeLookupError(`${caller}: give name or id`);
    }
    return { id: String(live.Id).toLowerCase(), name: String(live.Name ?? ""), description: String(live.Description ?? "") };
}

export async function getFolder(args: { id?: string; path?: string; connection?: PasswordSafeConnectionInput }): Promise<FolderInfo> {
    const caller = "passwordsafe.getFolder";
    if (args.id === undefined && (typeof args.path !== "string" || args.path === "")) throw new PasswordSafeLookupError(`${caller}: give path or id`);
    const client = clientOf(args.connection);
    const tree = await folderTree(client);
    let node;
    if (args.id !== undefined) {
        const wanted = id(caller, args.id);
        node = single(
            caller,
            `id ${JSON.stringify(args.id)}`,
            tree.filter((n) => n.id === wanted),
        );
    } else {
        let wanted: string;
        try {
            wanted = pathSegments(String(args.path)).join("/").toLowerCase();
        } catch (err) {
            throw new PasswordSafeLookupError(`${caller}: path ${(err as Error).message}`);
        }
        node = single(
            caller,
            `path ${JSON.stringify(args.path)}`,
            tree.filter((n) => n.path.toLowerCase() === wanted),
        );
    }
    return { id: node.id, name: node.name, description: String(node.live.Description ?? ""), parentId: node.parentId, path: node.path };
}

/** The value of a secret of any type: each has its own read. */
/**
 * The secret's value, and what its type's own GET adds. `byId` is the answer to GET secrets/{id},
 * which already carries a credential's password: then no second call is made.
 */
async function valueOf(client: ReturnType<typeof clientOf>, live: ApiObject, byId: boolean): Promise<{ value: string; extra: ApiObject }> {
    const sid = String(live.Id).toLowerCase();
    switch (live.SecretType) {
        case "Text": {
            const t = await client.request<ApiObject>("GET", `${SECRETS}/${sid}/text`);
            return { value: String(t.Text ?? ""), extra: t };
        }
        case "File": {
            const meta = await client.request<ApiObject>("GET", `${SECRETS}/${sid}/file`);
            const res = await client.rawRequest("GET", `${SECRETS}/${sid}/file/download`, { binary: true });
            return { value: (res.raw.bytes ?? Buffer.from(res.raw.body)).toString("utf8"), extra: meta };
        }
        default: {
            if (byId && live.Password !== undefined && live.Password !== null) return { value: String(live.Password), extra: {} };
            const c = await client.request<ApiObject>("GET", `${SECRETS}/${sid}`);
            return { value: String(c.Password ?? ""), extra: c };
        }
    }
}

export async function getSecret(args: { id?: string; path?: string; title?: string; connection?: PasswordSafeConnectionInput }): Promise<SecretInfo> {
    const caller = "passwordsafe.getSecret";
    const client = clientOf(args.connection);
    let live: ApiObject;
    if (args.id !== undefined) {
        const sid = id(caller, args.id);
        const found = await unlessMissing(() => client.request<ApiObject>("GET", `${SECRETS}/${sid}`));
        live = single(caller, `id ${JSON.stringify(args.id)}`, found ? [found] : []);
    } else {
        if (typeof args.path !== "string" || args.path === "" || typeof args.title !== "string" || args.title === "") {
            throw new PasswordSafeLookupError(`${caller}: give path and title (e.g. {path: "Ops Safe/Linux", title: "root"}) or id`);
        }
        const folderPath = pathSegments(args.path).join("/");
        const rows = await client.listAll<ApiObject>(SECRETS, { path: folderPath, title: args.title, separator: "/" });
        const title = args.title.toLowerCase();
        // The appliance's path filter may include subfolders: the folder is matched exactly here.
        const exact = rows.filter(
            (r) =>
                String(r.Title ?? "").toLowerCase() === title &&
                String(r.FolderPath ?? folderPath)
                    .replace(/\\/g, "/")
                    .toLowerCase() === folderPath.toLowerCase(),
        );
        live = single(caller, `path ${JSON.stringify(args.path)} and title ${JSON.stringify(args.title)}`, exact);
    }
    const { value, extra } = await valueOf(client, live, args.id !== undefined);
    registerSecret(value);
    const all = { ...live, ...extra };
    const type = (all.SecretType ?? "Credential") as SecretInfo["secretType"];
    return {
        id: String(all.Id).toLowerCase(),
        title: String(all.Title ?? ""),
        description: String(all.Description ?? ""),
        folderId: String(all.FolderId ?? "").toLowerCase(),
        folderPath: String(all.FolderPath ?? ""),
        secretType: type,
        ...(all.Username !== undefined ? { username: String(all.Username) } : {}),
        ...(all.FileName !== undefined ? { fileName: String(all.FileName) } : {}),
        value,
    };
}
