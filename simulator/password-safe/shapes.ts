// What Password Safe answers, PascalCase (password-safe-clients.md §5): folders, safes and the
// secret shapes of each read (get by id, /text, /file, lists) in the version asked for.
import { Folder, Secret, Store } from "./store";
import { Version, atLeast, renderOwners } from "./versions";

export function safeShape(f: Folder): Record<string, unknown> {
    return { Id: f.id, Name: f.name, Description: f.description };
}

export function folderShape(f: Folder): Record<string, unknown> {
    return {
        Id: f.id,
        Name: f.name,
        Description: f.description,
        ParentId: f.parentId,
        UserGroupId: f.userGroupId,
        UserId: f.userId,
        FolderOwnerId: f.userId,
        IsFavorite: false,
    };
}

/** The metadata every read of a secret carries. */
export function secretMetadata(store: Store, s: Secret, v: Version): Record<string, unknown> {
    const folder = store.folder(s.folderId);
    const out: Record<string, unknown> = {
        Id: s.id,
        Title: s.title,
        Description: s.description,
        FolderId: s.folderId,
        Folder: folder?.name ?? null,
        FolderPath: folder ? store.pathOf(folder) : null,
        ...renderOwners(s.owners, v),
        Notes: s.notes,
        Urls: s.urls.map((u) => ({ Id: u.id, CredentialId: s.id, Url: u.url })),
        CreatedOn: s.createdOn,
        CreatedBy: s.createdBy,
        ModifiedOn: s.modifiedOn,
        ModifiedBy: s.modifiedBy,
        SecretType: s.type,
    };
    if (atLeast(v, "3.1")) out.IsFavorite = false;
    if (atLeast(v, "3.2")) out.SecretValueModifiedOn = s.secretValueModifiedOn;
    if (atLeast(v, "3.3")) out.TotpEnabled = false;
    return out;
}

/** GET secrets/{id} (and what credential create/update answer): a credential comes with its Password. */
export function secretById(store: Store, s: Secret, v: Version): Record<string, unknown> {
    const out = secretMetadata(store, s, v);
    if (s.type === "Credential") Object.assign(out, { Username: s.username, Password: s.password, PasswordRuleID: s.passwordRuleId ?? null });
    return out;
}

export function textShape(store: Store, s: Secret, v: Version): Record<string, unknown> {
    return { ...secretMetadata(store, s, v), Text: s.text };
}

export function fileShape(store: Store, s: Secret, v: Version): Record<string, unknown> {
    return { ...secretMetadata(store, s, v), FileName: s.fileName, FileHash: store.fileHash(s) };
}

/**
 * One item of a secret list (search, path lookup, secrets in a folder). Both official libraries
 * read a text secret's value from Password here, so it is there as well as in Text. With
 * decrypt=false the values are null (the keys stay: PY indexes ["Password"] without .get).
 */
export function listItem(store: Store, s: Secret, v: Version, decrypt: boolean): Record<string, unknown> {
    const value = s.type === "Credential" ? s.password : s.type === "Text" ? s.text : undefined;
    return {
        ...secretMetadata(store, s, v),
        Username: s.username ?? null,
        Password: decrypt && value !== undefined ? value : null,
        Text: decrypt && s.type === "Text" ? s.text : null,
        FileName: s.fileName ?? null,
        FileHash: s.type === "File" ? store.fileHash(s) : null,
        PasswordRuleID: s.passwordRuleId ?? null,
    };
}
