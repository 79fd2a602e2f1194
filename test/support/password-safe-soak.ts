// The Password Safe half of the soak (test/provider/soak.test.ts): folders and credential, text and
// file secrets created, updated, moved and deleted while the PRA half runs, and the check that the
// simulator's Secrets Safe ends holding exactly what the run declared. Kept apart so the soak reads
// as one loop per product; secret values are registered for the secret scan and never printed (a
// mismatch is reported by resource name and property only).
import { registerSecret } from "../../provider/core/redact";
import { MiniEngine } from "./mini-engine";
import { SimulatorProcess } from "./simulator";

type Op = () => Promise<void> | undefined;
type Props = Record<string, unknown>;

const SECRET_KINDS = ["passwordsafe:CredentialSecret", "passwordsafe:TextSecret", "passwordsafe:FileSecret"];
/** The secret-valued input of each kind, and where the control API shows it (files as base64). */
const VALUE: Record<string, { input: string; live: (s: any) => string }> = {
    "passwordsafe:CredentialSecret": { input: "password", live: (s) => String(s.Password) },
    "passwordsafe:TextSecret": { input: "text", live: (s) => String(s.Text) },
    "passwordsafe:FileSecret": { input: "content", live: (s) => Buffer.from(String(s.Content ?? ""), "base64").toString("utf8") },
};

/** A fresh secret value, registered so the run's secret scan proves it never reached the output. */
function secretValue(tag: string): string {
    const v = `ps-soak-${tag}-value`;
    registerSecret(v);
    return v;
}

/**
 * Password Safe operations on engine `e` under two parent folders made beforehand (`parents`).
 * `busy` holds names an operation is working on, so no concurrent one deletes or moves them away.
 */
export function passwordSafeOps(e: MiniEngine, parents: string[], pick: <T>(xs: T[]) => T | undefined, busy: Set<string>) {
    let serial = 0;
    // What the program last declared for each resource: the engine's state holds the checked inputs,
    // which carry computed values (a file's contentSha256) a program cannot give back.
    const declared = new Map<string, Props>();
    const up = (name: string, kind: string, inputs: Props) => e.up(name, kind, inputs).then(() => void declared.set(name, inputs));
    const destroy = (name: string) => e.destroy(name).then(() => void declared.delete(name));
    const names = (kinds: string[]) => [...e.state.entries()].filter(([n, t]) => kinds.includes(t.kind) && !busy.has(n) && n.startsWith("ps-")).map(([n]) => n);
    const folders = () => names(["passwordsafe:Folder"]);
    const secretsIn = (folder: string) => [...e.state.values()].filter((t) => SECRET_KINDS.includes(t.kind) && t.inputs.folderId === e.state.get(folder)?.id);
    const last = (name: string) => ({ kind: e.state.get(name)!.kind, inputs: declared.get(name)! });
    /** Runs `work` with `held` marked busy, released whatever the outcome. */
    const holding = (held: string[], work: () => Promise<unknown>) => {
        for (const h of held) busy.add(h);
        return work()
            .then(() => undefined)
            .finally(() => held.forEach((h) => busy.delete(h)));
    };
    const ops: Record<string, Op> = {
        createFolder: () => {
            const name = `ps-f${serial++}`;
            return holding([name], () => up(name, "passwordsafe:Folder", { name: `soak folder ${name}`, parentId: pick(parents) }));
        },
        updateFolder: () => {
            const name = pick(folders());
            if (!name) return undefined;
            const t = last(name);
            return holding([name], () => up(name, t.kind, { ...t.inputs, description: `d${serial++}` }));
        },
        moveFolder: () => {
            const name = pick(folders());
            if (!name) return undefined;
            const t = last(name);
            const to = parents.find((p) => p !== t.inputs.parentId)!;
            return holding([name], () => up(name, t.kind, { ...t.inputs, parentId: to }));
        },
        deleteEmptyFolder: () => {
            const name = pick(folders().filter((f) => secretsIn(f).length === 0));
            if (!name) return undefined;
            return holding([name], () => destroy(name));
        },
        createSecret: () => {
            const folder = pick(folders());
            if (!folder) return undefined;
            const kind = pick(SECRET_KINDS)!;
            const name = `ps-s${serial++}`;
            const base = { folderId: e.state.get(folder)!.id, title: `soak ${name}`, [VALUE[kind].input]: secretValue(name) };
            const inputs =
                kind === "passwordsafe:CredentialSecret"
                    ? { ...base, username: `u-${name}` }
                    : kind === "passwordsafe:FileSecret"
                      ? { ...base, fileName: `${name}.txt` }
                      : base;
            return holding([folder, name], () => up(name, kind, inputs));
        },
        updateSecret: () => {
            const name = pick(names(SECRET_KINDS));
            if (!name) return undefined;
            const t = last(name);
            const tag = `${name}-${serial++}`;
            return holding([name], () => up(name, t.kind, { ...t.inputs, [VALUE[t.kind].input]: secretValue(tag), notes: `n-${tag}` }));
        },
        moveSecret: () => {
            // A file secret's folder is not changed in place (the lifecycle test moves the other two).
            const name = pick(names(SECRET_KINDS.slice(0, 2)));
            if (!name) return undefined;
            const t = last(name);
            const to = pick(folders().filter((f) => e.state.get(f)!.id !== t.inputs.folderId));
            if (!to) return undefined;
            return holding([name, to], () => up(name, t.kind, { ...t.inputs, folderId: e.state.get(to)!.id }));
        },
        deleteSecret: () => {
            const name = pick(names(SECRET_KINDS));
            if (!name) return undefined;
            return holding([name], () => destroy(name));
        },
    };
    const weights: Array<[keyof typeof ops, number]> = [
        ["createFolder", 2],
        ["updateFolder", 1],
        ["moveFolder", 1],
        ["deleteEmptyFolder", 1],
        ["createSecret", 5],
        ["updateSecret", 4],
        ["moveSecret", 2],
        ["deleteSecret", 2],
    ];
    return { ops, bag: weights.flatMap(([op, w]) => Array<keyof typeof ops>(w).fill(op)), declared };
}

export interface PasswordSafeVerdict {
    folders: number;
    secrets: number;
    duplicates: number;
    orphans: number;
    /** "<resource> <property>" for each declared value the appliance does not hold (no values). */
    lost: string[];
}

/**
 * Compares the simulator's Secrets Safe with the engine's state: every folder and secret the run
 * tracks exists exactly once with its last declared values; anything else that was not there
 * before the run (`before`: ids present at its start) is an orphan (a duplicate or a delete that
 * did not land).
 */
export async function checkPasswordSafe(sim: SimulatorProcess, e: MiniEngine, declared: Map<string, Props>, before: Set<string>): Promise<PasswordSafeVerdict> {
    const lower = (v: unknown) => String(v ?? "").toLowerCase();
    const liveFolders = (await sim.control<any[]>("GET", "/ps/api/folders")).filter((f) => !before.has(lower(f.Id)));
    const liveSecrets = (await sim.control<any[]>("GET", "/ps/api/secrets")).filter((s) => !before.has(lower(s.Id)));
    const verdict: PasswordSafeVerdict = { folders: 0, secrets: 0, duplicates: 0, orphans: 0, lost: [] };
    const tracked = [...e.state.entries()].filter(([n, t]) => n.startsWith("ps-") && t.kind.startsWith("passwordsafe:"));
    const ids = [...liveFolders, ...liveSecrets].map((o) => lower(o.Id));
    verdict.duplicates = ids.length - new Set(ids).size;
    verdict.orphans = ids.filter((id) => !tracked.some(([, t]) => t.id === id)).length;
    for (const [name, t] of tracked) {
        const inputs = declared.get(name)!;
        const isFolder = t.kind === "passwordsafe:Folder";
        const matches = (isFolder ? liveFolders : liveSecrets).filter((o) => lower(o.Id) === t.id);
        if (matches.length !== 1) {
            verdict.lost.push(`${name} present ${matches.length} times`);
            continue;
        }
        const o = matches[0];
        const expect: Array<[string, boolean]> = isFolder
            ? [
                  ["name", o.Name === inputs.name],
                  ["description", (o.Description || undefined) === inputs.description],
                  ["parentId", lower(o.ParentId) === inputs.parentId],
              ]
            : [
                  ["title", o.Title === inputs.title],
                  ["folderId", lower(o.FolderId) === inputs.folderId],
                  ["notes", (o.Notes || undefined) === inputs.notes],
                  [VALUE[t.kind].input, VALUE[t.kind].live(o) === inputs[VALUE[t.kind].input]],
              ];
        for (const [property, ok] of expect) if (!ok) verdict.lost.push(`${name} ${property}`);
        if (isFolder) verdict.folders++;
        else verdict.secrets++;
    }
    return verdict;
}

/** Every folder and secret id on the simulator now (lower case), to tell the run's objects from the seed's. */
export async function passwordSafeIds(sim: SimulatorProcess): Promise<Set<string>> {
    const all = [...(await sim.control<any[]>("GET", "/ps/api/folders")), ...(await sim.control<any[]>("GET", "/ps/api/secrets"))];
    return new Set(all.map((o) => String(o.Id).toLowerCase()));
}
