// Names for generated code: Pulumi resource names, TypeScript variables and config keys, derived
// from the objects' own names. Stable (the same estate gives the same names, and a new object never
// renames an old one: ties go to the lowest id, the others get "-<id>"), readable, and safe for any
// input (unicode letters are kept in resource names; variables and config keys are ASCII).

/**
 * Compatibility forms folded (full-width letters), and accents dropped from Latin letters only
 * (é → e): a kana's voicing mark or an Arabic vowel sign is part of the letter and stays.
 */
function deaccent(name: string): string {
    return [...name.normalize("NFKC")]
        .map((ch) => {
            const d = ch.normalize("NFD");
            return /^[A-Za-z]\p{M}+$/u.test(d) ? d[0] : ch;
        })
        .join("");
}

/** Lowercase words of a display name: letters (any script) and digits, joined by "-". */
export function slug(name: string): string {
    return deaccent(name)
        .toLowerCase()
        .replace(/[^\p{L}\p{N}]+/gu, "-")
        .replace(/^-+|-+$/g, "")
        .slice(0, 60)
        .replace(/-+$/, "");
}

/** ASCII words of a name, for identifiers. */
function asciiWords(name: string): string[] {
    return deaccent(name)
        .split(/[^A-Za-z0-9]+/)
        .filter((w) => w !== "");
}

export function pascal(words: string[]): string {
    return words.map((w) => w[0].toUpperCase() + w.slice(1).toLowerCase()).join("");
}

export function lowerFirst(s: string): string {
    return s[0].toLowerCase() + s.slice(1);
}

/**
 * Unique names within one namespace. `want` is the preferred name of the object with `id`; ties go
 * to the lowest id, the others become "<name>-<id>" (and "-<id>-2"... should even that be taken).
 */
export class NameTable {
    private readonly taken = new Set<string>();

    assign(items: Array<{ key: string; want: string; id: string }>, join: (want: string, id: string) => string): Map<string, string> {
        const byWant = new Map<string, Array<{ key: string; id: string }>>();
        for (const it of items) {
            const list = byWant.get(it.want) ?? [];
            list.push(it);
            byWant.set(it.want, list);
        }
        const out = new Map<string, string>();
        const sorted = [...byWant.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
        for (const [want, list] of sorted) {
            list.sort((a, b) => compareIds(a.id, b.id));
            list.forEach((it, i) => {
                let name = i === 0 && !this.taken.has(want) ? want : join(want, it.id.replace(/\//g, "-"));
                for (let n = 2; this.taken.has(name); n++) name = join(want, `${it.id.replace(/\//g, "-")}-${n}`);
                this.taken.add(name);
                out.set(it.key, name);
            });
        }
        return out;
    }
}

/** Numeric ids compare as numbers ("9" before "10"); grant ids "<a>/<b>" part by part. */
export function compareIds(a: string, b: string): number {
    const pa = a.split("/").map(Number);
    const pb = b.split("/").map(Number);
    for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
        const d = (pa[i] ?? 0) - (pb[i] ?? 0);
        if (d !== 0) return d;
    }
    return a < b ? -1 : a > b ? 1 : 0;
}

/** A variable for an object: the class name, then the ASCII words of its name (`jumpGroupVpcAServers`), else its id. */
export function variableBase(className: string, name: string, id: string): string {
    const words = asciiWords(name);
    return lowerFirst(className) + (words.length ? pascal(words) : id.replace(/\D+/g, "_"));
}

/** A config key for a secret: the resource name's ASCII words and the property (`svc-deploy-password`). */
export function configKeyBase(resourceName: string, property: string, kindWord: string, id: string): string {
    const words = asciiWords(resourceName).map((w) => w.toLowerCase());
    const prop = property.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
    return `${words.length ? words.join("-") : `${kindWord}-${id.replace(/\D+/g, "-")}`}-${prop}`;
}
