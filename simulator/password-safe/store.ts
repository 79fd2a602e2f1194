// Secrets Safe's objects and rules, with no HTTP (moto's models.py): safes are root folders,
// folders form a tree under them, secrets live in folders. Names are unique among a folder's
// children and titles within a folder, compared case-insensitively (409 otherwise). Deleting a
// folder or safe deletes everything it holds: the API offers no "not empty" answer in any source,
// and a safe is documented as a root folder, so the delete is taken to remove its subtree.
import { createHash, randomUUID } from "node:crypto";
import { badRequest, conflict, notFound } from "./errors";
import type { OwnerInput } from "./versions";

export type SecretType = "Credential" | "Text" | "File";

export interface Owner {
    userId?: number;
    groupId?: number;
    name: string;
    email: string;
}

export interface Folder {
    id: string;
    name: string;
    description: string | null;
    /** null for a safe (a root folder). */
    parentId: string | null;
    userGroupId: number | null;
    /** The user that created it. */
    userId: number;
    createdOn: string;
}

export interface SecretUrl {
    id: string;
    url: string;
}

export interface Secret {
    id: string;
    folderId: string;
    type: SecretType;
    title: string;
    description: string;
    notes: string;
    urls: SecretUrl[];
    owners: OwnerInput;
    username?: string;
    password?: string;
    passwordRuleId?: number | null;
    text?: string;
    fileName?: string;
    /** File content, base64 (so a dump is plain JSON). */
    content?: string;
    createdOn: string;
    createdBy: string;
    modifiedOn: string;
    modifiedBy: string;
    secretValueModifiedOn: string;
}

export interface StoreDump {
    folders: Folder[];
    secrets: Secret[];
}

/** Who did it, for CreatedBy/ModifiedBy and the default owner. */
export interface Actor {
    userId: number;
    userName: string;
    name: string;
    email: string;
}

export const MAX_FILE_BYTES = 5_000_000;

/** The editable fields of a secret: a full replacement on update (what is absent is cleared). */
export interface SecretFields {
    title: string;
    description?: string;
    notes?: string;
    /** Each URL with the Id the body gave (undefined or a zero GUID: none). */
    urls?: { id?: string; url: string }[];
    owners?: OwnerInput;
    username?: string;
    password?: string;
    passwordRuleId?: number;
    text?: string;
    fileName?: string;
    content?: Buffer;
}

export interface FolderFilter {
    folderName?: string;
    folderPath?: string;
    separator: string;
    includeSubfolders: boolean;
    rootOnly: boolean;
    folderOwnerId?: number;
}

export interface SecretFilter {
    path?: string;
    separator: string;
    title?: string;
    afterDate?: number;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();

export class Store {
    private folders = new Map<string, Folder>();
    private secrets = new Map<string, Secret>();

    constructor(private readonly now: () => number) {}

    private stamp(): string {
        return new Date(this.now()).toISOString();
    }

    // ---- folders and safes -------------------------------------------------------------

    allFolders(): Folder[] {
        return [...this.folders.values()];
    }

    safes(): Folder[] {
        return this.allFolders().filter((f) => f.parentId === null);
    }

    folder(id: string): Folder | undefined {
        return this.folders.get(id.toLowerCase());
    }

    mustFolder(id: string, what = "Folder"): Folder {
        const f = this.folder(id);
        if (!f) throw notFound(`${what} not found`);
        return f;
    }

    mustSafe(id: string): Folder {
        const f = this.folder(id);
        if (!f || f.parentId !== null) throw notFound("Safe not found");
        return f;
    }

    children(parentId: string | null): Folder[] {
        return this.allFolders().filter((f) => f.parentId === parentId);
    }

    /** Every folder below `id` (not itself), depth first. */
    descendants(id: string): Folder[] {
        return this.children(id).flatMap((c) => [c, ...this.descendants(c.id)]);
    }

    /** "Safe/Folder/Sub", with the separator given. */
    pathOf(folder: Folder, separator = "/"): string {
        const names: string[] = [];
        for (let f: Folder | undefined = folder; f; f = f.parentId ? this.folder(f.parentId) : undefined) names.unshift(f.name);
        return names.join(separator);
    }

    private checkFreeName(parentId: string | null, name: string, except?: string): void {
        if (this.children(parentId).some((f) => f.id !== except && same(f.name, name))) {
            throw conflict(parentId === null ? "A safe with this name already exists" : "A folder with this name already exists in the parent folder");
        }
    }

    createFolder(input: { name: string; description?: string | null; parentId: string | null; userGroupId?: number | null }, actor: Actor): Folder {
        if (input.parentId !== null) this.mustFolder(input.parentId, "Parent folder");
        this.checkFreeName(input.parentId, input.name);
        const folder: Folder = {
            id: randomUUID(),
            name: input.name,
            description: input.description ?? null,
            parentId: input.parentId,
            userGroupId: input.userGroupId ?? null,
            userId: actor.userId,
            createdOn: this.stamp(),
        };
        this.folders.set(folder.id, folder);
        return folder;
    }

    /** PUT of {Name, Description}: a Description left out is cleared (null), as the v26.1 reference says. */
    updateFolder(id: string, input: { name: string; description?: string | null }, safe: boolean): Folder {
        const folder = safe ? this.mustSafe(id) : this.mustFolder(id);
        this.checkFreeName(folder.parentId, input.name, folder.id);
        folder.name = input.name;
        folder.description = input.description ?? null;
        return folder;
    }

    /** Removes the folder (or safe), its subfolders and every secret in them. */
    deleteFolder(id: string, safe: boolean): void {
        const folder = safe ? this.mustSafe(id) : this.mustFolder(id);
        for (const f of [folder, ...this.descendants(folder.id)]) {
            for (const s of this.secretsIn(f.id)) this.secrets.delete(s.id);
            this.folders.delete(f.id);
        }
    }

    /**
     * PUT folders/{id}/move. A name already used in the destination: Rename gives the moved folder
     * "Name (n)", Stop answers 409, Skip leaves the folder where it is (the counts say 0).
     */
    moveFolder(id: string, destinationId: string, action: "Rename" | "Stop" | "Skip"): Record<string, unknown> {
        const folder = this.mustFolder(id);
        if (folder.parentId === null) throw badRequest("A safe cannot be moved");
        const dest = this.mustFolder(destinationId, "Destination folder");
        if (dest.id === folder.id || this.descendants(folder.id).some((d) => d.id === dest.id)) {
            throw badRequest("A folder cannot be moved into itself or one of its subfolders");
        }
        const oldParentId = folder.parentId;
        const oldName = folder.name;
        const clash = this.children(dest.id).some((f) => f.id !== folder.id && same(f.name, folder.name));
        const moved = [folder, ...this.descendants(folder.id)];
        const result = (count: boolean) => ({
            FolderId: folder.id,
            ParentId: folder.parentId,
            OldParentId: oldParentId,
            FolderCount: count ? moved.length : 0,
            SecretCount: count ? moved.reduce((n, f) => n + this.secretsIn(f.id).length, 0) : 0,
            ShareCount: 0,
            NewFolderName: folder.name,
            OldFolderName: oldName,
        });
        if (clash) {
            if (action === "Stop") throw conflict("A folder with this name already exists in the destination folder");
            if (action === "Skip") return result(false);
            let n = 1;
            while (this.children(dest.id).some((f) => same(f.name, `${oldName} (${n})`))) n++;
            folder.name = `${oldName} (${n})`;
        }
        folder.parentId = dest.id;
        return result(true);
    }

    /** GET folders: safes included as roots, in creation order. */
    listFolders(filter: FolderFilter): Folder[] {
        let list = this.allFolders();
        if (filter.folderPath !== undefined) {
            const base = this.folderAtPath(filter.folderPath, filter.separator);
            if (!base) return [];
            list = filter.includeSubfolders ? [base, ...this.descendants(base.id)] : [base];
        }
        if (filter.rootOnly) list = list.filter((f) => f.parentId === null);
        if (filter.folderName !== undefined) {
            const needle = filter.folderName.toLowerCase();
            list = list.filter((f) => f.name.toLowerCase().includes(needle));
        }
        if (filter.folderOwnerId !== undefined) list = list.filter((f) => f.userId === filter.folderOwnerId);
        return list;
    }

    /** The folder whose full path (from its safe) is `path`, compared case-insensitively. */
    folderAtPath(path: string, separator: string): Folder | undefined {
        const wanted = path
            .split(separator)
            .filter((p) => p !== "")
            .join(separator);
        return this.allFolders().find((f) => same(this.pathOf(f, separator), wanted));
    }

    // ---- secrets -----------------------------------------------------------------------

    allSecrets(): Secret[] {
        return [...this.secrets.values()];
    }

    secret(id: string): Secret | undefined {
        return this.secrets.get(id.toLowerCase());
    }

    mustSecret(id: string, type?: SecretType): Secret {
        const s = this.secret(id);
        if (!s || (type && s.type !== type)) throw notFound(type && type !== "Credential" ? `${type} secret not found` : "Secret not found");
        return s;
    }

    secretsIn(folderId: string): Secret[] {
        return this.allSecrets().filter((s) => s.folderId === folderId);
    }

    private checkFreeTitle(folderId: string, title: string, except?: string): void {
        if (this.secretsIn(folderId).some((s) => s.id !== except && same(s.title, title))) {
            throw conflict("Title name already exists in the folder");
        }
    }

    createSecret(folderId: string, type: SecretType, fields: SecretFields, actor: Actor): Secret {
        const folder = this.mustFolder(folderId);
        this.checkFreeTitle(folder.id, fields.title);
        const stamp = this.stamp();
        const secret: Secret = {
            id: randomUUID(),
            folderId: folder.id,
            type,
            title: "",
            description: "",
            notes: "",
            urls: [],
            owners: { owners: [], ownerType: "User" },
            createdOn: stamp,
            createdBy: actor.userName,
            modifiedOn: stamp,
            modifiedBy: actor.userName,
            secretValueModifiedOn: stamp,
        };
        this.apply(secret, fields, actor);
        this.secrets.set(secret.id, secret);
        return secret;
    }

    /**
     * A PUT: every editable field is replaced (absent Description/Notes become "", Urls []), owners
     * left out become the caller; a new folder moves the secret. A file keeps its content when no
     * new file came.
     */
    updateSecret(id: string, type: SecretType, fields: SecretFields, folderId: string | undefined, actor: Actor): Secret {
        const secret = this.mustSecret(id);
        if (secret.type !== type) throw badRequest(`The secret is a ${secret.type} secret, not a ${type} secret`);
        const target = folderId ? this.mustFolder(folderId).id : secret.folderId;
        this.checkFreeTitle(target, fields.title, secret.id);
        secret.folderId = target;
        const valueBefore = secret.password ?? secret.text ?? secret.content;
        this.apply(secret, fields, actor);
        secret.modifiedOn = this.stamp();
        secret.modifiedBy = actor.userName;
        if ((secret.password ?? secret.text ?? secret.content) !== valueBefore) secret.secretValueModifiedOn = secret.modifiedOn;
        return secret;
    }

    private apply(secret: Secret, f: SecretFields, actor: Actor): void {
        secret.title = f.title;
        secret.description = f.description ?? "";
        secret.notes = f.notes ?? "";
        // A URL keeps its Id when the body names it, or when the same URL was already there, so a
        // full-replacement PUT that repeats the list does not churn the ids.
        const before = secret.urls;
        secret.urls = (f.urls ?? []).map(({ id, url }) => ({
            id: before.find((u) => u.id === id)?.id ?? before.find((u) => u.url === url)?.id ?? randomUUID(),
            url,
        }));
        secret.owners = f.owners ?? { owners: [{ userId: actor.userId, name: actor.name || actor.userName, email: actor.email }], ownerType: "User" };
        if (secret.type === "Credential") {
            secret.username = f.username;
            secret.passwordRuleId = f.passwordRuleId ?? null;
            // A password rule without a password: the appliance generates one.
            secret.password = f.password ?? (f.passwordRuleId !== undefined ? generatedPassword() : "");
        } else if (secret.type === "Text") {
            secret.text = f.text;
        } else {
            secret.fileName = f.fileName;
            if (f.content !== undefined) secret.content = f.content.toString("base64");
        }
    }

    deleteSecret(id: string): void {
        this.mustSecret(id);
        this.secrets.delete(id.toLowerCase());
    }

    /** GET secrets: `path` is the exact folder (not its subfolders), `title` exact, both case-insensitive. */
    findSecrets(filter: SecretFilter): Secret[] {
        let list = this.allSecrets();
        if (filter.path !== undefined) {
            const folder = this.folderAtPath(filter.path, filter.separator);
            if (!folder) return [];
            list = list.filter((s) => s.folderId === folder.id);
        }
        if (filter.title !== undefined) list = list.filter((s) => same(s.title, filter.title!));
        if (filter.afterDate !== undefined) list = list.filter((s) => Date.parse(s.modifiedOn) > filter.afterDate!);
        return list;
    }

    fileBytes(secret: Secret): Buffer {
        return Buffer.from(secret.content ?? "", "base64");
    }

    fileHash(secret: Secret): string {
        return createHash("sha256").update(this.fileBytes(secret)).digest("hex");
    }

    // ---- state -------------------------------------------------------------------------

    clear(): void {
        this.folders.clear();
        this.secrets.clear();
    }

    dump(): StoreDump {
        return {
            folders: this.allFolders().map((f) => ({ ...f })),
            secrets: this.allSecrets().map((s) => JSON.parse(JSON.stringify(s))),
        };
    }

    load(dump: Partial<StoreDump>): void {
        if (dump.folders !== undefined && !Array.isArray(dump.folders)) throw new Error("folders must be an array");
        if (dump.secrets !== undefined && !Array.isArray(dump.secrets)) throw new Error("secrets must be an array");
        for (const f of dump.folders ?? []) {
            if (typeof f?.id !== "string" || typeof f.name !== "string") throw new Error("every folder needs an id and a name");
            this.folders.set(f.id.toLowerCase(), { ...f, id: f.id.toLowerCase() });
        }
        for (const s of dump.secrets ?? []) {
            if (typeof s?.id !== "string" || typeof s.folderId !== "string") throw new Error("every secret needs an id and a folderId");
            this.secrets.set(s.id.toLowerCase(), { ...s, id: s.id.toLowerCase() });
        }
    }
}

function generatedPassword(): string {
    return randomUUID().replace(/-/g, "").slice(0, 20) + "aA1!";
}
