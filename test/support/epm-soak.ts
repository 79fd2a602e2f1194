// The EPM half of the soak (test/provider/soak.test.ts): computer groups, policies with new
// revisions, assignments (following, as the SDK wires them, and pinned) and computer memberships,
// created, changed and deleted while the PRA and Password Safe halves run under the same faults,
// and the checks afterwards: every object the run tracks exists once with its last declared values,
// each policy has exactly one revision per upload, nothing else was made, and once the run's
// resources are destroyed the tenant is back to where it started (the soak's computers in the default group).
import { MiniEngine } from "./mini-engine";
import { SimulatorProcess } from "./simulator";

type Op = () => Promise<void> | undefined;
type Props = Record<string, unknown>;

const GROUP = "epm:ComputerGroup";
const POLICY = "epm:Policy";
const ASSIGNMENT = "epm:PolicyAssignment";
const MEMBERSHIP = "epm:ComputerGroupMembership";
/** Created through the control API at the start (the Management API cannot create computers). */
export const SOAK_COMPUTERS = Array.from({ length: 8 }, (_, i) => `SOAKPC${String(i + 1).padStart(2, "0")}`);

const xml = (tag: string) => `<?xml version="1.0" encoding="utf-8"?>\n<Configuration Name="soak ${tag}"><Policies /></Configuration>\n`;

/** The soak's computers, made in the tenant's default group. */
export async function addSoakComputers(sim: SimulatorProcess): Promise<void> {
    for (const host of SOAK_COMPUTERS) await sim.control("POST", "/epm/computers", { host });
}

/**
 * EPM operations on engine `e`; names start with "epm-". `busy` holds names an operation is working
 * on, so no concurrent one deletes them or builds on them half-made.
 */
export function epmOps(e: MiniEngine, pick: <T>(xs: T[]) => T | undefined, busy: Set<string>) {
    let serial = 0;
    const declared = new Map<string, Props>();
    /** Uploads that landed per policy resource, the first (its create) included. */
    const uploads = new Map<string, number>();
    /** Host names some membership holds or is about to. */
    const placed = new Set<string>();
    const up = (name: string, kind: string, inputs: Props) => e.up(name, kind, inputs).then((r) => (declared.set(name, inputs), r));
    const destroy = (name: string) => e.destroy(name).then(() => void declared.delete(name));
    const names = (kind: string) => [...e.state.entries()].filter(([n, t]) => t.kind === kind && n.startsWith("epm-") && !busy.has(n)).map(([n]) => n);
    const idOf = (name: string) => e.state.get(name)!.id;
    const referencing = (kind: string, property: string, id: string) =>
        [...e.state.entries()].filter(([, t]) => t.kind === kind && String(t.inputs[property]) === id).map(([n]) => n);
    const holding = (held: string[], work: () => Promise<unknown>) => {
        for (const h of held) busy.add(h);
        return work()
            .then(() => undefined)
            .finally(() => held.forEach((h) => busy.delete(h)));
    };
    const freeGroups = () => names(GROUP).filter((g) => referencing(ASSIGNMENT, "groupId", idOf(g)).length === 0);

    const ops: Record<string, Op> = {
        createGroup: () => {
            const name = `epm-g${serial++}`;
            return holding([name], () => up(name, GROUP, { name: `soak group ${name}`, description: "d0" }));
        },
        updateGroup: () => {
            const name = pick(names(GROUP));
            if (!name) return undefined;
            return holding([name], () => up(name, GROUP, { ...declared.get(name)!, description: `d${serial++}` }));
        },
        deleteFreeGroup: () => {
            const name = pick(freeGroups().filter((g) => referencing(MEMBERSHIP, "groupId", idOf(g)).length === 0));
            if (!name) return undefined;
            return holding([name], () => destroy(name));
        },
        createPolicy: () => {
            const name = `epm-p${serial++}`;
            const inputs = { name: `soak policy ${name}`, description: "a soak policy", content: xml(name), changeDescription: "first" };
            return holding([name], () => up(name, POLICY, inputs).then(() => void uploads.set(name, 1)));
        },
        revisePolicy: () => {
            // A new revision, then every assignment following it moves, as the engine orders them.
            const name = pick(names(POLICY));
            if (!name) return undefined;
            const followers = referencing(ASSIGNMENT, "policyId", idOf(name)).filter((a) => !busy.has(a) && declared.get(a)?.latestRevisionId !== undefined);
            const tag = `${name}-${serial++}`;
            return holding([name, ...followers], async () => {
                const r = await up(name, POLICY, { ...declared.get(name)!, content: xml(tag), changeDescription: `change ${tag}` });
                if (r.step === "update") uploads.set(name, (uploads.get(name) ?? 0) + 1);
                for (const a of followers) await up(a, ASSIGNMENT, { ...declared.get(a)!, latestRevisionId: r.tracked.outs.latestRevisionId });
            });
        },
        deleteFreePolicy: () => {
            const name = pick(names(POLICY).filter((p) => referencing(ASSIGNMENT, "policyId", idOf(p)).length === 0));
            if (!name) return undefined;
            return holding([name], () => destroy(name).then(() => void uploads.delete(name)));
        },
        assign: () => {
            const group = pick(freeGroups());
            const policy = pick(names(POLICY));
            if (!group || !policy) return undefined;
            const name = `epm-a${serial++}`;
            const latest = e.state.get(policy)!.outs.latestRevisionId;
            const pin = serial % 2 === 0;
            const inputs = { groupId: idOf(group), policyId: idOf(policy), ...(pin ? { revisionId: latest } : { latestRevisionId: latest }) };
            return holding([name, group, policy], () => up(name, ASSIGNMENT, inputs));
        },
        unassign: () => {
            const name = pick(names(ASSIGNMENT));
            if (!name) return undefined;
            return holding([name], () => destroy(name));
        },
        placeComputers: () => {
            const group = pick(names(GROUP).filter((g) => referencing(MEMBERSHIP, "groupId", idOf(g)).length === 0));
            const hosts = SOAK_COMPUTERS.filter((h) => !placed.has(h)).slice(0, 2);
            if (!group || hosts.length === 0) return undefined;
            const name = `epm-m${serial++}`;
            hosts.forEach((h) => placed.add(h));
            return holding([name, group], () =>
                up(name, MEMBERSHIP, { groupId: idOf(group), hostNames: hosts }).catch((err) => {
                    if (!e.state.has(name)) hosts.forEach((h) => placed.delete(h));
                    throw err;
                }),
            );
        },
        releaseComputers: () => {
            const name = pick(names(MEMBERSHIP));
            if (!name) return undefined;
            const hosts = declared.get(name)!.hostNames as string[];
            return holding([name], () => destroy(name).then(() => hosts.forEach((h) => placed.delete(h))));
        },
    };
    const weights: Array<[keyof typeof ops, number]> = [
        ["createGroup", 3],
        ["updateGroup", 2],
        ["deleteFreeGroup", 1],
        ["createPolicy", 2],
        ["revisePolicy", 3],
        ["deleteFreePolicy", 1],
        ["assign", 3],
        ["unassign", 1],
        ["placeComputers", 2],
        ["releaseComputers", 1],
    ];
    return { ops, bag: weights.flatMap(([op, w]) => Array<keyof typeof ops>(w).fill(op)), declared, uploads };
}

export interface EpmVerdict {
    groups: number;
    policies: number;
    assignments: number;
    memberships: number;
    duplicates: number;
    orphans: number;
    /** "<resource> <property>" for each declared value the tenant does not hold. */
    lost: string[];
}

/** Ids of the tenant's groups, policies and revisions now, to tell the run's objects from the seed's. */
export async function epmIds(sim: SimulatorProcess): Promise<Set<string>> {
    const s = await sim.control("GET", "/epm/state");
    return new Set([...s.groups, ...s.policies, ...s.revisions].map((o: any) => String(o.id).toLowerCase()));
}

/** Compares the simulator's EPM state with what the run tracks and last declared. */
export async function checkEpm(
    sim: SimulatorProcess,
    e: MiniEngine,
    declared: Map<string, Props>,
    uploads: Map<string, number>,
    before: Set<string>,
): Promise<EpmVerdict> {
    const s = await sim.control("GET", "/epm/state");
    const lower = (v: unknown) => String(v ?? "").toLowerCase();
    const fresh = (xs: any[]) => xs.filter((o) => !before.has(lower(o.id)));
    const groups = fresh(s.groups);
    const policies = fresh(s.policies);
    const v: EpmVerdict = { groups: 0, policies: 0, assignments: 0, memberships: 0, duplicates: 0, orphans: 0, lost: [] };
    const tracked = [...e.state.entries()].filter(([n]) => n.startsWith("epm-"));
    const trackedIds = new Set(tracked.filter(([, t]) => t.kind === GROUP || t.kind === POLICY).map(([, t]) => t.id));
    const ids = [...groups, ...policies].map((o) => lower(o.id));
    v.duplicates = ids.length - new Set(ids).size;
    v.orphans = ids.filter((id) => !trackedIds.has(id)).length;
    const groupById = new Map<string, any>(s.groups.map((g: any) => [lower(g.id), g]));
    for (const [name, t] of tracked) {
        const d = declared.get(name)!;
        const check = (property: string, ok: boolean) => ok || v.lost.push(`${name} ${property}`);
        if (t.kind === GROUP) {
            const g = groupById.get(t.id);
            if (!g) v.lost.push(`${name} missing`);
            else check("description", g.description === d.description) && check("name", g.name === d.name);
            v.groups++;
        } else if (t.kind === POLICY) {
            const revisions = s.revisions.filter((r: any) => lower(r.policyId) === t.id).sort((a: any, b: any) => a.revision - b.revision);
            const p = policies.find((x: any) => lower(x.id) === t.id);
            if (!p) v.lost.push(`${name} missing`);
            check("content", revisions[revisions.length - 1]?.content === d.content);
            check(`revisions (${revisions.length} for ${uploads.get(name)} uploads)`, revisions.length === uploads.get(name));
            v.policies++;
        } else if (t.kind === ASSIGNMENT) {
            const g = groupById.get(lower(d.groupId));
            const want = d.revisionId ?? d.latestRevisionId;
            check("policyRevisionId", lower(g?.policyRevisionId) === lower(want));
            v.assignments++;
        } else if (t.kind === MEMBERSHIP) {
            const hosts = (d.hostNames as string[]).map(lower);
            const inGroup = s.computers.filter((c: any) => lower(c.groupId) === lower(d.groupId)).map((c: any) => lower(c.host));
            check("hostNames", hosts.every((h) => inGroup.includes(h)) && inGroup.length === hosts.length);
            v.memberships++;
        }
    }
    return v;
}

/**
 * Destroys the run's EPM resources in dependency order (memberships and assignments, then policies
 * and groups) and says what is not as it was: objects left, soak computers outside the default group.
 */
export async function teardownEpm(sim: SimulatorProcess, e: MiniEngine, before: Set<string>): Promise<string[]> {
    for (const kinds of [
        [MEMBERSHIP, ASSIGNMENT],
        [POLICY, GROUP],
    ]) {
        const names = [...e.state.entries()].filter(([n, t]) => n.startsWith("epm-") && kinds.includes(t.kind)).map(([n]) => n);
        await Promise.all(names.map((n) => e.destroy(n)));
    }
    const s = await sim.control("GET", "/epm/state");
    const left = [...s.groups, ...s.policies, ...s.revisions]
        .filter((o: any) => !before.has(String(o.id).toLowerCase()))
        .map((o: any) => String(o.name ?? o.id));
    const home = s.groups.find((g: any) => g.isDefault).id;
    const strays = s.computers.filter((c: any) => SOAK_COMPUTERS.includes(c.host) && c.groupId !== home).map((c: any) => c.host);
    return [...left.map((n: string) => `left: ${n}`), ...strays.map((h: string) => `not in the default group: ${h}`)];
}
