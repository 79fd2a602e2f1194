// API versions 3.0 to 3.3 (?version=, 3.0 when absent: password-safe-clients.md §1 "Version
// default"). They differ in how owners are written and read (3.0 OwnerId/OwnerType and
// Owners[{OwnerId, Owner, Email}]; 3.1+ Owners[{UserId, GroupId, Name, Email}]) and in the shape of
// secret lists (3.2+ wraps them as {TotalCount, Data}). Everything version-dependent is here.
import { badRequest } from "./errors";
import { Fields, Query } from "./input";
import type { Owner } from "./store";

export type Version = "3.0" | "3.1" | "3.2" | "3.3";
const VERSIONS: Version[] = ["3.0", "3.1", "3.2", "3.3"];

/** An unknown version is bad input (400): the simulator does not guess which shape was meant. */
export function versionOf(q: Query): Version {
    const v = q.get("version");
    if (v === undefined || v === "") return "3.0";
    if (!(VERSIONS as string[]).includes(v)) throw badRequest(`Unsupported API version ${JSON.stringify(v)}: use 3.0 to 3.3`);
    return v as Version;
}

export const atLeast = (v: Version, min: Version) => Number(v) >= Number(min);

export interface OwnerInput {
    owners: Owner[];
    ownerType: "User" | "Group";
}

/** Owners from a create/update body in the version's model; undefined when none were given. */
export function readOwners(body: Fields, v: Version): OwnerInput | undefined {
    const list = body.objects("Owners");
    if (v === "3.0") {
        const typeRaw = body.string("OwnerType", { max: 10 });
        const ownerType = typeRaw === undefined ? "User" : normalizeOwnerType(typeRaw);
        const ownerId = body.integer("OwnerId", 1, 2147483647);
        const owners: Owner[] = (list ?? []).map((o) => {
            const id = o.integer("OwnerId", 1, 2147483647);
            if (id === undefined) throw badRequest("Owners[].OwnerId is required");
            return ownerType === "Group"
                ? { groupId: id, name: o.string("Owner", { max: 256 }) ?? "", email: o.string("Email", { max: 256 }) ?? "" }
                : { userId: id, name: o.string("Owner", { max: 256 }) ?? "", email: o.string("Email", { max: 256 }) ?? "" };
        });
        if (owners.length === 0 && ownerId !== undefined)
            owners.push(ownerType === "Group" ? { groupId: ownerId, name: "", email: "" } : { userId: ownerId, name: "", email: "" });
        return owners.length ? { owners, ownerType } : undefined;
    }
    if (!list || list.length === 0) return undefined;
    const owners = list.map((o) => {
        const userId = o.integer("UserId", 1, 2147483647);
        const groupId = o.integer("GroupId", 1, 2147483647);
        if (userId === undefined && groupId === undefined) throw badRequest("Owners[] needs a UserId or a GroupId");
        return { userId, groupId, name: o.string("Name", { max: 256 }) ?? "", email: o.string("Email", { max: 256 }) ?? "" };
    });
    return { owners, ownerType: owners[0].userId !== undefined ? "User" : "Group" };
}

function normalizeOwnerType(t: string): "User" | "Group" {
    const l = t.toLowerCase();
    if (l === "user") return "User";
    if (l === "group") return "Group";
    throw badRequest("OwnerType must be User or Group");
}

/** The owner fields of a secret as the version reads them. */
export function renderOwners(input: OwnerInput, v: Version): Record<string, unknown> {
    if (v === "3.0") {
        const first = input.owners[0];
        return {
            OwnerId: first ? (first.userId ?? first.groupId ?? null) : null,
            Owner: first?.name ?? null,
            OwnerType: input.ownerType,
            Owners: input.owners.map((o) => ({ OwnerId: o.userId ?? o.groupId ?? null, Owner: o.name, Email: o.email })),
        };
    }
    return { Owners: input.owners.map((o) => ({ UserId: o.userId ?? null, GroupId: o.groupId ?? null, Name: o.name, Email: o.email })) };
}

/** Secret lists: a bare array before 3.2, {TotalCount, Data} from 3.2 (TotalCount counts before paging). */
export function secretList(items: unknown[], total: number, v: Version): unknown {
    return atLeast(v, "3.2") ? { TotalCount: total, Data: items } : items;
}
