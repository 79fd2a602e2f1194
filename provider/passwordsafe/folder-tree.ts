// Folders by path. The folder list holds the safes as roots (ParentId null or the zero GUID), so
// every folder's full path ("Safe/Sub/Leaf") can be built from one list. A path is matched whole
// and exactly (names compared case-insensitively, as the appliance compares them), never by the
// first folder with the right last name (which is what the vendor's Go library does).
import { ZERO_GUID } from "../engine/fields";
import { FOLDERS } from "./common";
import type { ApiObject, PsContext } from "./kind";

export interface FolderNode {
    id: string;
    name: string;
    parentId?: string;
    path: string;
    live: ApiObject;
}

function parentOf(o: ApiObject): string | undefined {
    const p = o.ParentId;
    if (typeof p !== "string" || p === "" || p.toLowerCase() === ZERO_GUID) return undefined;
    return p.toLowerCase();
}

/** Every folder and safe with its full path (one list, paged). */
export async function folderTree(client: PsContext["client"]): Promise<FolderNode[]> {
    const rows = await client.listAll<ApiObject>(FOLDERS);
    const byId = new Map<string, ApiObject>(rows.map((r) => [String(r.Id).toLowerCase(), r]));
    const pathOf = (id: string, seen: string[] = []): string => {
        const row = byId.get(id);
        if (!row || seen.includes(id)) return "";
        const parent = parentOf(row);
        const name = String(row.Name ?? "");
        return parent && byId.has(parent) ? `${pathOf(parent, [...seen, id])}/${name}` : name;
    };
    return rows.map((r) => {
        const id = String(r.Id).toLowerCase();
        return { id, name: String(r.Name ?? ""), parentId: parentOf(r), path: pathOf(id), live: r };
    });
}

/** Splits "Safe/Sub/" into ["Safe", "Sub"]; empty segments are an error. */
export function pathSegments(path: string): string[] {
    const parts = path.replace(/^\/+|\/+$/g, "").split("/");
    if (parts.some((p) => p.trim() === "")) throw new Error(`${JSON.stringify(path)} has an empty folder name`);
    return parts;
}

/** The one folder (or safe) at `path`; a missing or ambiguous path is an error naming `property`. */
export async function resolveFolderPath(client: PsContext["client"], path: string, property: string): Promise<FolderNode> {
    const wanted = pathSegments(path).join("/").toLowerCase();
    const tree = await folderTree(client);
    const matches = tree.filter((n) => n.path.toLowerCase() === wanted);
    if (matches.length === 0) {
        const near = tree.filter((n) => n.name.toLowerCase() === wanted.split("/").pop()).map((n) => JSON.stringify(n.path));
        throw new Error(
            `${property} ${JSON.stringify(path)}: no folder or safe has that path${near.length ? ` (folders of that name: ${near.slice(0, 5).join(", ")})` : ""}`,
        );
    }
    if (matches.length > 1) {
        throw new Error(
            `${property} ${JSON.stringify(path)} is ambiguous: ${matches.length} folders have that path (ids ${matches.map((m) => m.id).join(", ")}); give the parent's id instead`,
        );
    }
    return matches[0];
}
