// Every secret the provider handles is registered here so that any text leaving the process
// (error messages, log lines) can be scrubbed. The API may echo a submitted value back in a
// validation message, a gateway may echo a whole request, and got errors can carry request options:
// scrubbing at the boundary is the one place that catches all of them.
//
// A secret is not only searched as typed: every encoding the provider itself produces is searched
// too, because that is the form an appliance or gateway echoes:
//   - JSON string escaping (quotes, backslashes, newlines, control characters), also escaped twice
//     (a JSON body quoted inside a JSON message), with `\/` and `\uXXXX` variants (PHP, Python);
//   - URL and form encoding (the token request, query strings);
//   - base64, as in the Basic header `base64(urlencode(id):urlencode(secret))`: the base64 of a
//     substring depends only on its offset modulo 3, so the three alignments of the secret's bytes
//     find it inside any base64 text, and the whole base64 run around a hit is replaced;
//   - each line of a multi-line secret (a PEM key quoted line by line), armor lines excepted;
//   - a prefix or suffix of any of these cut off by truncation (followed by "...", "…" or the end of
//     the text, or preceded by an ellipsis or the start of the text).
// Independently of the registry, values of JSON members, form fields and Basic/Bearer credentials
// whose names say they are secret are replaced whole, whatever their length.
//
// Secrets shorter than 4 characters cannot be replaced wherever they occur (a password "ab" would
// mangle every "about"): they are replaced where they stand quoted ('ab', "ab", `ab`, JSON-escaped
// quotes) or as the value of a secret-named JSON member, form field or header, which is how an
// appliance or gateway echoes a value. An unquoted short secret inside prose is not found.

const REGISTRY_KEY = Symbol.for("pulumi-beyondtrust.secrets");
type Registry = Set<string>;

function registry(): Registry {
    const g = globalThis as unknown as Record<symbol, Registry | undefined>;
    let reg = g[REGISTRY_KEY];
    if (!reg) {
        reg = new Set<string>();
        g[REGISTRY_KEY] = reg;
    }
    return reg;
}

/** Below this length a secret is only replaced where it stands quoted (see above). */
export const SHORT_SECRET = 4;
/** Shortest line of a multi-line secret searched on its own. */
const MIN_LINE = 8;
/** Shortest prefix or suffix of a secret recognized as truncated. */
const MIN_FRAGMENT = 6;
/** Shortest base64 core (4 characters per 3 bytes) searched: 2 groups, i.e. 6 bytes of secret. */
const MIN_BASE64_CORE = 8;

/** Remember a secret value. Every non-empty string is kept; see SHORT_SECRET for the shortest ones. */
export function registerSecret(value: unknown): void {
    if (typeof value === "string" && value.length > 0) {
        registry().add(value);
    }
}

interface Forms {
    /** Searched as substrings, also truncated. */
    plain: string[];
    /** base64 cores, whose whole surrounding base64 run is replaced. */
    base64: string[];
}

const formsCache = new Map<string, Forms>();

function jsonEscape(s: string): string {
    return JSON.stringify(s).slice(1, -1);
}

function asciiJsonEscape(s: string): string {
    return jsonEscape(s)
        .replace(/\//g, "\\/")
        .replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`);
}

/** The base64 text of the secret's bytes at each of the three alignments a prefix can give them. */
function base64Cores(s: string): string[] {
    const bytes = Buffer.from(s, "utf8");
    const out: string[] = [];
    for (let skip = 0; skip < 3; skip++) {
        const groups = Math.floor((bytes.length - skip) / 3);
        if (groups <= 0) continue;
        const core = bytes.subarray(skip, skip + groups * 3).toString("base64");
        if (core.length >= MIN_BASE64_CORE) out.push(core);
    }
    return out;
}

/** Every form of one secret that redact() searches; also what the test run's secret scan searches. */
export function encodingsOf(secret: string): Forms {
    const cached = formsCache.get(secret);
    if (cached) return cached;
    const plain = new Set<string>();
    const add = (v: string) => {
        if (v.length >= SHORT_SECRET) plain.add(v);
    };
    const whole = [secret];
    if (/\r?\n/.test(secret)) {
        whole.push(secret.replace(/\r?\n/g, "\r\n"), secret.replace(/\r?\n/g, " "), secret.replace(/\r?\n/g, ""));
    }
    for (const s of whole) {
        add(s);
        add(jsonEscape(s));
        add(jsonEscape(jsonEscape(s)));
        add(asciiJsonEscape(s));
        add(encodeURIComponent(s));
        add(new URLSearchParams({ v: s }).toString().slice(2));
    }
    if (/\r?\n/.test(secret)) {
        for (const line of secret.split(/\r?\n/)) {
            const t = line.trim();
            if (t.length >= MIN_LINE && !/^-----(BEGIN|END) [A-Z0-9 ]+-----$/.test(t)) {
                add(t);
                add(jsonEscape(t));
                add(asciiJsonEscape(t));
            }
        }
    }
    const base64 = new Set<string>();
    for (const v of [secret, encodeURIComponent(secret)]) for (const core of base64Cores(v)) base64.add(core);
    const forms = { plain: [...plain].sort((a, b) => b.length - a.length), base64: [...base64] };
    formsCache.set(secret, forms);
    return forms;
}

const MARK = "[secret]";

function escapeRegExp(s: string): string {
    return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

const ELLIPSIS_AFTER = /^(\.\.\.|…)/;
const ELLIPSIS_BEFORE = /(\.\.\.|…)$/;

/** Replaces a prefix of `form` cut off at a truncation point, and a suffix cut off at the start. */
function redactTruncated(text: string, form: string): string {
    if (form.length <= MIN_FRAGMENT) return text;
    let out = text;
    // A prefix: it begins like the secret and stops where the text stops or an ellipsis begins.
    const head = form.slice(0, MIN_FRAGMENT);
    for (let at = out.indexOf(head); at !== -1; at = out.indexOf(head, at + 1)) {
        let n = MIN_FRAGMENT;
        while (n < form.length && at + n < out.length && out[at + n] === form[n]) n++;
        const rest = out.slice(at + n);
        if (n < form.length && (rest === "" || ELLIPSIS_AFTER.test(rest))) {
            out = `${out.slice(0, at)}${MARK}${rest}`;
        }
    }
    // A suffix: it ends like the secret and starts where the text starts or an ellipsis ends.
    const tail = form.slice(-MIN_FRAGMENT);
    for (let end = out.indexOf(tail); end !== -1; end = out.indexOf(tail, end + 1)) {
        const stop = end + MIN_FRAGMENT;
        let n = MIN_FRAGMENT;
        while (n < form.length && stop - n - 1 >= 0 && out[stop - n - 1] === form[form.length - n - 1]) n++;
        const before = out.slice(0, stop - n);
        if (n < form.length && (before === "" || ELLIPSIS_BEFORE.test(before))) {
            out = `${before}${MARK}${out.slice(stop)}`;
            end = before.length;
        }
    }
    return out;
}

const BASE64_RUN = /[A-Za-z0-9+/]*={0,2}/y;

/** Replaces the whole base64 run around each occurrence of a core. */
function redactBase64(text: string, core: string): string {
    let out = text;
    for (let at = out.indexOf(core); at !== -1; at = out.indexOf(core, at)) {
        let start = at;
        while (start > 0 && /[A-Za-z0-9+/]/.test(out[start - 1])) start--;
        BASE64_RUN.lastIndex = start;
        const run = BASE64_RUN.exec(out)![0];
        out = `${out.slice(0, start)}${MARK}${out.slice(start + run.length)}`;
        at = start + MARK.length;
    }
    return out;
}

/** Names of JSON members, form fields and query parameters whose values are secret. */
const SECRET_NAME = "[A-Za-z_-]*(?:password|passwd|passphrase|private_?key|secret|token|credential)[A-Za-z_-]*";
const STRUCTURAL: Array<[RegExp, string]> = [
    // "password": "..."   (a JSON member)
    [new RegExp(`("${SECRET_NAME}"\\s*:\\s*)"(?:[^"\\\\]|\\\\.)*"`, "gi"), `$1"${MARK}"`],
    // \"password\": \"...\"   (the same, inside a JSON string)
    [new RegExp(`(\\\\+"${SECRET_NAME}\\\\+"\\s*:\\s*)\\\\+"(?:[^"\\\\]|\\\\[^"])*\\\\+"`, "gi"), `$1\\"${MARK}\\"`],
    // password=...   (a form body or query string)
    [new RegExp(`((?:^|[?&\\s;,])${SECRET_NAME}=)[^&\\s"',;]+`, "gi"), `$1${MARK}`],
    // password: '...'   (a quoted value after a name)
    [new RegExp(`(\\b${SECRET_NAME}\\s*[:=]\\s*)(['"\`])(?:(?!\\2).)*\\2`, "gi"), `$1$2${MARK}$2`],
];
/** Basic and Bearer credentials: a run that looks encoded (a digit, + / =, or an inner capital), not a word. */
const AUTH_SCHEME = /\b(Basic|Bearer)(\s+)([A-Za-z0-9+/._~-]{4,}={0,2})/g;

function redactStructural(text: string): string {
    let out = text;
    for (const [re, replacement] of STRUCTURAL) out = out.replace(re, replacement);
    return out.replace(AUTH_SCHEME, (all, scheme: string, space: string, value: string) =>
        /[0-9+/=]/.test(value) || /.[A-Z]/.test(value) ? `${scheme}${space}${MARK}` : all,
    );
}

/** A short secret where it stands quoted: 'ab', "ab", `ab`, \"ab\". */
function redactQuoted(text: string, secret: string): string {
    const forms = [...new Set([secret, jsonEscape(secret)])].map(escapeRegExp).join("|");
    const re = new RegExp(`(\\\\*["'\`])(?:${forms})(\\1)`, "g");
    return text.replace(re, `$1${MARK}$2`);
}

export function redact(text: string): string {
    let out = redactStructural(text);
    // Longest first, so a secret that contains another is replaced whole.
    const secrets = [...registry()].sort((a, b) => b.length - a.length);
    for (const s of secrets) {
        if (s.length < SHORT_SECRET) {
            out = redactQuoted(out, s);
            continue;
        }
        const forms = encodingsOf(s);
        for (const f of forms.plain) {
            if (out.includes(f)) out = out.split(f).join(MARK);
        }
        for (const core of forms.base64) out = redactBase64(out, core);
        for (const f of forms.plain) out = redactTruncated(out, f);
    }
    return out;
}
