// EPM's objects and rules, with no HTTP (moto's models.py): computer groups, policies and their
// XML revisions, computers. A computer is in exactly one group (the model's single `groupId`);
// a group holds at most one policy revision. Rules the vendor does not document (delete
// refusals, unassign back to the default group) are named in assumptions.ts.
import { randomUUID } from "node:crypto";
import { invalid, missing, RuleError } from "./errors";
import { xmlProblem } from "./xml";

export interface Group {
    id: string;
    name: string;
    description: string | null;
    created: string;
    isDefault: boolean;
    policyRevisionId: string | null;
}

export interface Policy {
    id: string;
    name: string;
    description: string | null;
    created: string;
    lastModifiedDate: string;
    lastModifiedUser: string;
}

export interface Revision {
    id: string;
    policyId: string;
    revision: number;
    created: string;
    comment: string | null;
    lastModifiedUser: string;
    /** The policy file as uploaded (UTF-8 text). */
    content: string;
}

export interface Computer {
    id: string;
    created: string;
    host: string;
    domain: string;
    os: string;
    hostType: "MicrosoftWindows" | "MacOS" | "Linux";
    agentVersion: string;
    adapterVersion: string;
    authorisationState: "Authorised" | "Pending";
    connectionStatus: "Connected" | "Disconnected";
    lastConnected: string;
    archived: boolean;
    deactivated: boolean;
    groupId: string;
}

export interface EpmDump {
    groups: Group[];
    policies: Policy[];
    revisions: Revision[];
    computers: Computer[];
}

/** A selection of computers as the vendor's request bodies give it. */
export interface ComputerSelection {
    computerIds?: string[];
    excludedComputerIds?: string[];
    allComputers?: boolean;
}

/** Who the simulator says made a change (an API account has no e-mail; the console's user would). */
export const API_USER = "api@simulator.invalid";

const DAY = 86_400_000;

export class EpmStore {
    private groups = new Map<string, Group>();
    private policies = new Map<string, Policy>();
    private revisions = new Map<string, Revision>();
    private computers = new Map<string, Computer>();

    constructor(private readonly clock: () => number) {}

    private now(): string {
        return new Date(this.clock()).toISOString();
    }

    // ---- state -------------------------------------------------------------------------------

    dump(): EpmDump {
        const copy = <T>(m: Map<string, T>) => [...m.values()].map((v) => ({ ...v }));
        return { groups: copy(this.groups), policies: copy(this.policies), revisions: copy(this.revisions), computers: copy(this.computers) };
    }

    load(d: EpmDump): void {
        for (const key of ["groups", "policies", "revisions", "computers"] as const) {
            if (!Array.isArray(d?.[key])) throw new Error(`the EPM state has no ${key} list`);
        }
        this.clear();
        for (const g of d.groups) this.groups.set(g.id, { ...g });
        for (const p of d.policies) this.policies.set(p.id, { ...p });
        for (const r of d.revisions) this.revisions.set(r.id, { ...r });
        for (const c of d.computers) this.computers.set(c.id, { ...c });
        if ([...this.groups.values()].filter((g) => g.isDefault).length !== 1) throw new Error("the EPM state must have exactly one default group");
    }

    clear(): void {
        this.groups.clear();
        this.policies.clear();
        this.revisions.clear();
        this.computers.clear();
    }

    // ---- groups ------------------------------------------------------------------------------

    group(id: string): Group {
        const g = this.groups.get(id.toLowerCase());
        if (!g) throw missing("Group", id);
        return g;
    }

    defaultGroup(): Group {
        return [...this.groups.values()].find((g) => g.isDefault)!;
    }

    listGroups(): GroupView[] {
        return [...this.groups.values()].map((g) => this.groupView(g));
    }

    groupView(g: Group): GroupView {
        const members = this.membersOf(g.id);
        const rev = g.policyRevisionId ? this.revisions.get(g.policyRevisionId) : undefined;
        const policy = rev ? this.policies.get(rev.policyId) : undefined;
        return {
            id: g.id,
            name: g.name,
            description: g.description,
            computerCount: members.length,
            activeComputers: members.filter((c) => c.authorisationState === "Authorised" && !c.deactivated && !c.archived).length,
            created: g.created,
            policyId: policy?.id ?? null,
            policyName: policy?.name ?? null,
            policyRevisionId: rev?.id ?? null,
            revision: rev?.revision ?? null,
            policyRevisionStatus: rev ? (rev.id === this.latest(rev.policyId).id ? "Latest" : "Outdated") : null,
            default: g.isDefault,
            locked: false,
            errorInfo: null,
        };
    }

    createGroup(input: { name?: unknown; description?: unknown; isDefault?: unknown }): Group {
        const name = requiredName(input.name, "Name");
        this.uniqueGroupName(name);
        const g: Group = {
            id: randomUUID(),
            name,
            description: optionalText(input.description, "Description"),
            created: this.now(),
            isDefault: false,
            policyRevisionId: null,
        };
        this.groups.set(g.id, g);
        if (optionalBool(input.isDefault, "IsDefault")) this.markAsDefault(g.id);
        return g;
    }

    /** ModifyGroupRequest: the whole record's editable fields (name, description), id in the body. */
    modifyGroup(input: { id?: unknown; name?: unknown; description?: unknown }): Group {
        const g = this.group(requiredId(input.id, "Id"));
        const name = requiredName(input.name, "Name");
        this.uniqueGroupName(name, g.id);
        g.name = name;
        g.description = optionalText(input.description, "Description");
        return g;
    }

    deleteGroup(id: string): void {
        const g = this.group(id);
        if (g.isDefault) throw new RuleError("conflict", `Group ${g.id} is the default group and cannot be deleted; make another group the default first.`);
        const n = this.membersOf(g.id).length;
        if (n > 0) throw new RuleError("conflict", `Group ${g.id} holds ${n} computer(s) and cannot be deleted; move them to another group first.`);
        this.groups.delete(g.id);
    }

    markAsDefault(id: string): void {
        const g = this.group(id);
        for (const other of this.groups.values()) other.isDefault = false;
        g.isDefault = true;
    }

    /** Moves the selected computers into the group (no unassign needed first). Returns how many. */
    assignComputers(groupId: string, selection: ComputerSelection): number {
        const g = this.group(groupId);
        const chosen = this.select(selection);
        for (const c of chosen) c.groupId = g.id;
        return chosen.length;
    }

    /** Takes computers out of their groups: they land in the default group (a computer is always in one). */
    unassignComputers(selection: ComputerSelection): number {
        const target = this.defaultGroup();
        const chosen = this.select(selection);
        for (const c of chosen) c.groupId = target.id;
        return chosen.length;
    }

    assignPolicyRevision(groupId: string, revisionId: unknown): void {
        const g = this.group(groupId);
        g.policyRevisionId = this.revision(requiredId(revisionId, "PolicyRevisionId")).id;
    }

    /** AutoAssignPolicyRevision: groups that use the policy (any revision) move to its latest revision. */
    autoAssign(input: { policyRevisionId?: unknown; policyId?: unknown }): { latest: Revision; groups: number } {
        let policyId: string;
        if (input.policyRevisionId !== undefined && input.policyRevisionId !== null) {
            policyId = this.revision(requiredId(input.policyRevisionId, "PolicyRevisionId")).policyId;
        } else if (input.policyId !== undefined && input.policyId !== null) {
            policyId = this.policy(requiredId(input.policyId, "PolicyId")).id;
        } else {
            throw invalid("Either PolicyRevisionId or PolicyId is required.", { PolicyId: ["Either PolicyRevisionId or PolicyId is required."] });
        }
        const latest = this.latest(policyId);
        let groups = 0;
        for (const g of this.groupsUsing(policyId)) {
            g.policyRevisionId = latest.id;
            groups++;
        }
        return { latest, groups };
    }

    clearPolicy(groupId: string): void {
        this.group(groupId).policyRevisionId = null;
    }

    private uniqueGroupName(name: string, except?: string): void {
        const clash = [...this.groups.values()].find((g) => g.id !== except && g.name.toLowerCase() === name.toLowerCase());
        if (clash) throw invalid(`A group named '${name}' already exists.`, { Name: [`A group named '${name}' already exists.`] });
    }

    private membersOf(groupId: string): Computer[] {
        return [...this.computers.values()].filter((c) => c.groupId === groupId);
    }

    private groupsUsing(policyId: string): Group[] {
        return [...this.groups.values()].filter((g) => g.policyRevisionId && this.revisions.get(g.policyRevisionId)?.policyId === policyId);
    }

    // ---- policies ----------------------------------------------------------------------------

    policy(id: string): Policy {
        const p = this.policies.get(id.toLowerCase());
        if (!p) throw missing("Policy", id);
        return p;
    }

    listPolicies(): PolicyView[] {
        return [...this.policies.values()].map((p) => this.policyView(p));
    }

    policyView(p: Policy): PolicyView {
        const revs = this.revisionsOf(p.id);
        const latest = revs[revs.length - 1];
        const groups = this.groupsUsing(p.id).length;
        return {
            id: p.id,
            name: p.name,
            description: p.description,
            revision: latest.revision,
            revisionCount: revs.length,
            size: Buffer.byteLength(latest.content),
            totalAssignedGroups: groups,
            isAssignedToGroup: groups > 0,
            hasOpenDraft: false,
            draftUser: null,
            created: p.created,
            lastModifiedDate: p.lastModifiedDate,
            lastModifiedUser: p.lastModifiedUser,
        };
    }

    createPolicy(input: { name?: unknown; description?: unknown; content?: Buffer }): Policy {
        const name = requiredName(input.name, "Name");
        const content = policyFile(input.content);
        if ([...this.policies.values()].some((p) => p.name.toLowerCase() === name.toLowerCase())) {
            throw invalid(`A policy named '${name}' already exists.`, { Name: [`A policy named '${name}' already exists.`] });
        }
        const now = this.now();
        const p: Policy = {
            id: randomUUID(),
            name,
            description: optionalText(input.description, "Description"),
            created: now,
            lastModifiedDate: now,
            lastModifiedUser: API_USER,
        };
        this.policies.set(p.id, p);
        this.addRevision(p, content, null);
        return p;
    }

    updatePolicy(id: string, input: { name?: unknown; description?: unknown }): Policy {
        const p = this.policy(id);
        const name = requiredName(input.name, "Name");
        if ([...this.policies.values()].some((o) => o.id !== p.id && o.name.toLowerCase() === name.toLowerCase())) {
            throw invalid(`A policy named '${name}' already exists.`, { Name: [`A policy named '${name}' already exists.`] });
        }
        p.name = name;
        p.description = optionalText(input.description, "Description");
        this.touch(p);
        return p;
    }

    deletePolicy(id: string): void {
        const p = this.policy(id);
        const users = this.groupsUsing(p.id);
        if (users.length > 0) {
            throw new RuleError(
                "conflict",
                `Policy ${p.id} is assigned to ${users.length} group(s) (${users.map((g) => g.name).join(", ")}) and cannot be deleted; assign those groups another policy first.`,
            );
        }
        for (const r of this.revisionsOf(p.id)) this.revisions.delete(r.id);
        this.policies.delete(p.id);
    }

    /** A new revision from an uploaded file; with autoAssign, groups using the policy move onto it. */
    uploadRevision(policyId: string, content: Buffer | undefined, autoAssign: boolean, comment: string | null = null): Revision {
        const p = this.policy(policyId);
        const users = this.groupsUsing(p.id);
        const rev = this.addRevision(p, policyFile(content), comment);
        if (autoAssign) for (const g of users) g.policyRevisionId = rev.id;
        this.touch(p);
        return rev;
    }

    revision(id: string): Revision {
        const r = this.revisions.get(id.toLowerCase());
        if (!r) throw missing("Policy revision", id);
        return r;
    }

    revisionsOf(policyId: string): Revision[] {
        return [...this.revisions.values()].filter((r) => r.policyId === policyId).sort((a, b) => a.revision - b.revision);
    }

    revisionView(r: Revision): RevisionView {
        return {
            id: r.id,
            policyId: r.policyId,
            revision: r.revision,
            created: r.created,
            comment: r.comment,
            lastModifiedUser: r.lastModifiedUser,
            size: Buffer.byteLength(r.content),
            isLatest: r.id === this.latest(r.policyId).id,
        };
    }

    /** The XML of the latest revision, or of the given one (which must belong to the policy). */
    content(policyId: string, revisionId?: string): string {
        const p = this.policy(policyId);
        if (revisionId === undefined) return this.latest(p.id).content;
        const r = this.revision(revisionId);
        if (r.policyId !== p.id) throw missing("Policy revision", revisionId);
        return r.content;
    }

    private latest(policyId: string): Revision {
        const revs = this.revisionsOf(policyId);
        return revs[revs.length - 1];
    }

    private addRevision(p: Policy, content: string, comment: string | null): Revision {
        const revs = this.revisionsOf(p.id);
        const r: Revision = {
            id: randomUUID(),
            policyId: p.id,
            revision: (revs[revs.length - 1]?.revision ?? 0) + 1,
            created: this.now(),
            comment,
            lastModifiedUser: API_USER,
            content,
        };
        this.revisions.set(r.id, r);
        return r;
    }

    private touch(p: Policy): void {
        p.lastModifiedDate = this.now();
        p.lastModifiedUser = API_USER;
    }

    // ---- computers ---------------------------------------------------------------------------

    computer(id: string): Computer {
        const c = this.computers.get(id.toLowerCase());
        if (!c) throw missing("Computer", id);
        return c;
    }

    listComputers(): ComputerView[] {
        return [...this.computers.values()].map((c) => this.computerView(c));
    }

    computerView(c: Computer): ComputerView {
        const g = this.groups.get(c.groupId);
        const gv = g ? this.groupView(g) : undefined;
        return {
            ...c,
            groupName: g?.name ?? null,
            policyId: gv?.policyId ?? null,
            policyName: gv?.policyName ?? null,
            policyRevision: gv?.revision ?? null,
            policyRevisionStatus: gv?.policyRevisionStatus ?? null,
            daysDisconnected: c.connectionStatus === "Connected" ? 0 : Math.max(0, Math.floor((this.clock() - Date.parse(c.lastConnected)) / DAY)),
        };
    }

    /** The detail view: the list item plus the endpoint facts the agent reports. */
    computerDetail(c: Computer): ComputerView & Record<string, unknown> {
        return {
            ...this.computerView(c),
            authorised: c.authorisationState === "Authorised",
            connected: c.connectionStatus === "Connected",
            endpointInformation: {
                systemName: c.host,
                systemDnsHostName: `${c.host}.${c.domain}`.toLowerCase(),
                systemDomain: c.domain,
                osCaption: c.os,
                osVersion: c.os.replace(/^\D+/, "") || c.os,
            },
        };
    }

    /** Only the control API adds computers: on a tenant they register through the agent install. */
    addComputer(input: Partial<Computer> & { host: string }): Computer {
        const host = requiredName(input.host, "Host");
        const groupId = input.groupId ? this.group(input.groupId).id : this.defaultGroup().id;
        const now = this.now();
        const c: Computer = {
            id: input.id?.toLowerCase() ?? randomUUID(),
            created: input.created ?? now,
            host,
            domain: input.domain ?? "corp.example",
            os: input.os ?? "Windows 11 Enterprise",
            hostType: input.hostType ?? "MicrosoftWindows",
            agentVersion: input.agentVersion ?? "25.8.12.0",
            adapterVersion: input.adapterVersion ?? "25.8.12.0",
            authorisationState: input.authorisationState ?? "Authorised",
            connectionStatus: input.connectionStatus ?? "Connected",
            lastConnected: input.lastConnected ?? now,
            archived: input.archived ?? false,
            deactivated: input.deactivated ?? false,
            groupId,
        };
        if (this.computers.has(c.id)) throw invalid(`Computer ${c.id} already exists.`);
        this.computers.set(c.id, c);
        return c;
    }

    setArchived(selection: ComputerSelection, archived: boolean): number {
        const chosen = this.select(selection);
        for (const c of chosen) c.archived = archived;
        return chosen.length;
    }

    removeComputers(selection: ComputerSelection): number {
        const chosen = this.select(selection);
        for (const c of chosen) this.computers.delete(c.id);
        return chosen.length;
    }

    /** allComputers minus the exclusions, or the listed ids (every one must exist). */
    private select(s: ComputerSelection): Computer[] {
        const excluded = new Set((s.excludedComputerIds ?? []).map((id) => id.toLowerCase()));
        if (s.allComputers) return [...this.computers.values()].filter((c) => !excluded.has(c.id));
        if (!s.computerIds || s.computerIds.length === 0) {
            throw invalid("No computers were selected: send computer ids, or allComputers true.", { ComputerIds: ["At least one computer id is required."] });
        }
        return s.computerIds.map((id) => this.computer(id)).filter((c) => !excluded.has(c.id));
    }
}

export type GroupView = {
    id: string;
    name: string;
    description: string | null;
    computerCount: number;
    activeComputers: number;
    created: string;
    policyId: string | null;
    policyName: string | null;
    policyRevisionId: string | null;
    revision: number | null;
    policyRevisionStatus: "Latest" | "Outdated" | null;
    default: boolean;
    locked: boolean;
    errorInfo: string | null;
};

export type PolicyView = {
    id: string;
    name: string;
    description: string | null;
    revision: number;
    revisionCount: number;
    size: number;
    totalAssignedGroups: number;
    isAssignedToGroup: boolean;
    hasOpenDraft: boolean;
    draftUser: string | null;
    created: string;
    lastModifiedDate: string;
    lastModifiedUser: string;
};

export type RevisionView = {
    id: string;
    policyId: string;
    revision: number;
    created: string;
    comment: string | null;
    lastModifiedUser: string;
    size: number;
    isLatest: boolean;
};

export type ComputerView = Computer & {
    groupName: string | null;
    policyId: string | null;
    policyName: string | null;
    policyRevision: number | null;
    policyRevisionStatus: string | null;
    daysDisconnected: number;
};

// ---- input rules shared by the operations ------------------------------------------------------

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isGuid(v: unknown): v is string {
    return typeof v === "string" && GUID.test(v);
}

function requiredId(v: unknown, field: string): string {
    if (!isGuid(v)) throw invalid(`${field} must be a GUID.`, { [field]: [`The ${field} field is required and must be a GUID.`] });
    return v.toLowerCase();
}

function requiredName(v: unknown, field: string): string {
    if (typeof v !== "string" || v.trim() === "") throw invalid(`${field} is required.`, { [field]: [`The ${field} field is required.`] });
    if (v.length > 256) throw invalid(`${field} is longer than 256 characters.`, { [field]: [`The field ${field} must be at most 256 characters.`] });
    return v.trim();
}

function optionalText(v: unknown, field: string): string | null {
    if (v === undefined || v === null) return null;
    if (typeof v !== "string") throw invalid(`${field} must be a string.`, { [field]: [`The ${field} field must be a string.`] });
    return v;
}

function optionalBool(v: unknown, field: string): boolean {
    if (v === undefined || v === null) return false;
    if (typeof v !== "boolean") throw invalid(`${field} must be true or false.`, { [field]: [`The ${field} field must be a boolean.`] });
    return v;
}

function policyFile(content: Buffer | undefined): string {
    if (!content || content.length === 0) throw invalid("PolicyFile is required.", { PolicyFile: ["The PolicyFile field is required."] });
    const text = content.toString("utf8");
    const problem = xmlProblem(text);
    if (problem) throw invalid(`PolicyFile is not well-formed XML: ${problem}.`, { PolicyFile: [`The policy file is not well-formed XML: ${problem}.`] });
    return text;
}
