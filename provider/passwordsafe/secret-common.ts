// What the three secret kinds share: a folder, a title unique in it, description, notes, owners and
// URLs; a PUT that replaces every field and moves the secret when FolderId changes; adoption by id
// or by folder + title. Each kind adds its value (a password, a text, a file) and its paths.
import { Failure, FieldTable } from "../engine/fields";
import { FOLDERS, SECRETS, guid, owners, ownersFromApi, ownersToApi, text, urls, urlsFromApi, urlsToApi, Owner } from "./common";
import { ApiObject, PsContext } from "./kind";

export const SECRET_FIELDS: FieldTable = {
    folderId: guid("FolderId", "The id of the folder (or safe) the secret is in; a new one moves the secret in place.", { required: true }),
    title: text("Title", 1, 256, "The secret's title, unique within its folder.", { required: true }),
    description: text("Description", 0, 256, "What the secret is for.", { default: "" }),
    notes: text("Notes", 0, 4000, "Free-form notes.", { default: "" }),
    owners,
    urls: { ...urls, default: [] },
};

export const SECRET_OUTPUTS = { folderPath: "FolderPath", createdOn: "CreatedOn", modifiedOn: "ModifiedOn" };

/** The shared metadata of a create body (no FolderId: the folder is in the path). */
export function metadataBody(ctx: PsContext, live?: ApiObject): Record<string, unknown> {
    const i = ctx.inputs;
    const body: Record<string, unknown> = { Title: i.title, Description: i.description, Notes: i.notes, Urls: urlsToApi(i.urls as string[]) };
    // Owners are declared, or kept as they are: a PUT without them would clear them.
    const declared = i.owners as Owner[] | undefined;
    const kept = declared ? ownersToApi(declared) : (live?.Owners ?? ownersToApi(ctx.olds?.owners as Owner[] | undefined));
    if (kept !== undefined) body.Owners = kept;
    return body;
}

/** The metadata as the program declares it, read from the live secret (drift). */
export function metadataFromApi(live: ApiObject, inputs: Record<string, unknown>): Record<string, unknown> {
    return {
        folderId: String(live.FolderId ?? inputs.folderId ?? "").toLowerCase(),
        title: live.Title,
        description: live.Description ?? "",
        notes: live.Notes ?? "",
        urls: urlsFromApi(live.Urls),
        owners: ownersFromApi(live.Owners, inputs.owners as Owner[] | undefined),
    };
}

/** The secret of this type titled as declared in the declared folder (adopt: true). */
export async function findSecret(ctx: PsContext, secretType: string): Promise<ApiObject | undefined> {
    const rows = await ctx.client.listAll<ApiObject>(`${FOLDERS}/${ctx.inputs.folderId}/secrets`);
    const title = String(ctx.inputs.title).toLowerCase();
    const found = rows.filter((r) => String(r.Title ?? "").toLowerCase() === title && (r.SecretType === undefined || r.SecretType === secretType));
    return found[0];
}

export function secretPath(id: string, suffix = ""): string {
    return `${SECRETS}/${id}${suffix}`;
}

/** No check of a secret's value may quote it: these failures name the property only. */
export function valueFailure(property: string, reason: string): Failure {
    return { property, reason };
}
