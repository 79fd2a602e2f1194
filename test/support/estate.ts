// A realistic appliance estate for the importer's tests, seeded through the simulator's control
// API: hundreds of objects of every kind the provider has, odd and unicode names (and names that
// collide once made into identifiers), Telnet and odd ports, SecureApp RDP, Web Jumps, vault
// accounts of every type (shared and personal), CA-signed SSH keys, group policies with roles and
// grants of all four kinds. Deterministic: the same estate every run.
import * as crypto from "crypto";

function mulberry32(seed: number): () => number {
    let a = seed >>> 0;
    return () => {
        a = (a + 0x6d2b79f5) >>> 0;
        let t = a;
        t = Math.imul(t ^ (t >>> 15), t | 1);
        t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
        return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
    };
}

/** Names that stress the generator: unicode, quotes, template and comment syntax, case twins. */
const ODD = [
    "Zürich DC",
    "東京サーバー",
    "Ωmega lab",
    "🚀 launch pad",
    "خادم الإنتاج",
    "cafe\u0301 bar",
    "quote \"double\" and 'single'",
    "back\\slash ${not.a.template} */ end",
    "   padded   ",
    "!!!",
    "Prod DB",
    "prod-db",
    "PROD_DB",
    "a".repeat(120),
];

export interface SeededEstate {
    dump: { collections: Record<string, Record<string, unknown>[]>; grants: Record<string, Record<string, unknown>[]> };
    /** Secret values by vault account id, as the appliance holds them (what an operator would set). */
    secrets: Map<number, { password?: string; token?: string; private_key?: string }>;
    /** Objects the importer should write (shared, not built in), by API collection or grant kind. */
    expected: Record<string, number>;
    personal: number;
}

export function realisticEstate(opts: { product?: "pra" | "rs" } = {}): SeededEstate {
    const pra = (opts.product ?? "pra") === "pra";
    const rnd = mulberry32(14);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rnd() * xs.length)];
    const oddName = (i: number, fallback: string) => (i < ODD.length ? ODD[i] : fallback);
    let nextId = 100;
    const id = () => nextId++;
    const c: Record<string, Record<string, unknown>[]> = {};
    const add = (kind: string, obj: Record<string, unknown>) => (c[kind] ??= []).push(obj);
    const secrets: SeededEstate["secrets"] = new Map();
    let personal = 0;

    // Vault account groups (the default group 1 is seeded by the simulator itself).
    const accountGroups: number[] = [];
    for (let i = 0; i < 10; i++) {
        const gid = id();
        accountGroups.push(gid);
        add("vault/account-group", {
            id: gid,
            name: oddName(i + 3, `team-${i} credentials`),
            description: i % 2 ? `group ${i}` : "",
            account_policy: i % 3 === 0 ? "rotate-90d" : null,
        });
    }

    // Vault accounts: username/password (some personal), SSH (plain and CA-signed), tokens.
    const upAccounts: number[] = [];
    const allAccounts: number[] = [];
    for (let i = 0; i < 45; i++) {
        const aid = id();
        const isPersonal = i >= 40;
        const password = crypto.randomBytes(12).toString("base64url");
        secrets.set(aid, { password });
        add("vault/account", {
            id: aid,
            type: "username_password",
            name: isPersonal ? `my own login ${i}` : oddName(i, `svc-${i}`),
            username: `svc${i}`,
            password,
            description: i % 4 === 0 ? "Managed by the ops team — ünïcödé" : "",
            account_group_id: i % 3 === 0 ? 1 : pick(accountGroups),
            account_policy: i % 5 === 0 ? "rotate-30d" : null,
            personal: isPersonal,
            ...(isPersonal ? { owner_user_id: 7 } : {}),
        });
        if (isPersonal) personal++;
        else {
            upAccounts.push(aid);
            allAccounts.push(aid);
        }
    }
    const keyPem = () => crypto.generateKeyPairSync("ed25519").privateKey.export({ type: "pkcs8", format: "pem" }).toString();
    for (let i = 0; i < 15; i++) {
        const aid = id();
        const private_key = keyPem();
        secrets.set(aid, { private_key });
        const ca = i % 3 === 0;
        add("vault/account", {
            id: aid,
            type: ca ? "ssh_ca" : "ssh",
            name: `ssh key ${i}${i === 2 ? " 東京" : ""}`,
            username: pick(["ubuntu", "ec2-user", "root", "admin"]),
            private_key,
            private_key_public_cert: ca ? `ssh-ed25519-cert-v01@openssh.com AAAA${i} cert` : null,
            account_group_id: pick([1, ...accountGroups]),
        });
        allAccounts.push(aid);
    }
    for (let i = 0; i < 15; i++) {
        const aid = id();
        const token = crypto.randomBytes(24).toString("hex");
        secrets.set(aid, { token });
        add("vault/account", {
            id: aid,
            type: "opaque_token",
            name: `api token ${i}`,
            token,
            account_group_id: pick([1, ...accountGroups]),
            description: `token for system ${i}`,
        });
        allAccounts.push(aid);
    }

    // Jumpoints, some using an RDP service account (PRA).
    const jumpoints: number[] = [];
    for (let i = 0; i < 24; i++) {
        const jid = id();
        jumpoints.push(jid);
        add("jumpoint", {
            id: jid,
            name: i < ODD.length - 2 ? ODD[i] : `vpc-${i}`,
            platform: i % 3 ? "linux-x86" : "windows-x86",
            code_name: i % 2 ? `jp_${i}` : undefined,
            comments: i % 4 === 0 ? `rack ${i} — Zürich` : "",
            enabled: i % 7 !== 0,
            clustered: i % 5 === 0,
            shell_jump_enabled: i % 2 === 0,
            external_jump_item_network_id: i % 6 === 0 ? `net-${i}` : "",
            ...(pra ? { protocol_tunnel_enabled: i % 4 !== 1, rdp_service_account_id: i % 3 === 0 ? upAccounts[i % upAccounts.length] : null } : {}),
        });
    }
    // Jump Groups.
    const groups: number[] = [];
    for (let i = 0; i < 36; i++) {
        const gid = id();
        groups.push(gid);
        add("jump-group", {
            id: gid,
            name: i < 12 ? ODD[(i + 5) % ODD.length] + (i >= 9 ? " servers" : "") : `site-${i} servers`,
            code_name: i % 3 ? `grp_${i}` : undefined,
            comments: i % 2 ? "" : `floor ${i}`,
        });
    }
    // Shell Jumps: bastions in every group (the same name many times), Telnet, odd ports, a few personal ones.
    for (let i = 0; i < 150; i++) {
        const isPersonal = i >= 145;
        const protocol = i % 11 === 0 ? "telnet" : "ssh";
        add("jump-item/shell-jump", {
            id: id(),
            name: i % 4 === 0 ? (i % 8 === 0 ? "bastion" : "Bastion") : oddName(i % 20, `host-${i}`),
            hostname: `10.${i % 7}.${i % 250}.${(i * 7) % 250}`,
            protocol,
            port: i % 9 === 0 ? 2222 : protocol === "telnet" ? 23 : 22,
            terminal: i % 5 === 0 ? "VT100" : "xterm",
            keep_alive: i % 6 === 0 ? 60 : 0,
            username: i % 3 === 0 ? "ops" : "",
            tag: pick(["prod", "staging", "", "dev", "ünï"]),
            comments: i % 10 === 0 ? 'line with "quotes"' : "",
            jumpoint_id: pick(jumpoints),
            jump_group_id: isPersonal ? 7 : pick(groups),
            jump_group_type: isPersonal ? "personal" : "shared",
            session_policy_id: i % 13 === 0 ? 2 : null,
        });
        if (isPersonal) personal++;
    }
    // Remote RDP, with SecureApp on PRA.
    for (let i = 0; i < 40; i++) {
        const secure = pra && i % 5 === 0 ? "remote_app" : "none";
        add("jump-item/remote-rdp", {
            id: id(),
            name: i % 6 === 0 ? "desktop" : `win-${i}${i === 3 ? " 東京" : ""}`,
            hostname: `win${i}.corp.example.com`,
            quality: pick(["best_performance", "quality", "lossless", "low"]),
            console: i % 4 === 0,
            ignore_untrusted: i % 3 === 0,
            rdp_username: i % 2 ? `CORP\\user${i}` : "",
            domain: i % 2 ? "CORP" : "",
            tag: i % 3 ? "windows" : "",
            jumpoint_id: pick(jumpoints),
            jump_group_id: pick(groups),
            ...(pra ? { secure_app_type: secure, remote_app_name: secure === "remote_app" ? "||notepad" : "", session_forensics: i % 7 === 0 } : {}),
        });
    }
    // Web Jumps (PRA only).
    if (pra) {
        for (let i = 0; i < 30; i++) {
            add("jump-item/web-jump", {
                id: id(),
                name: i % 5 === 0 ? "admin console" : `portal ${i}${i === 4 ? " — Zürich" : ""}`,
                url: `https://portal${i}.example.com/login`,
                username_format: pick(["default", "username_only", "force_upn_format"]),
                verify_certificate: i % 4 !== 0,
                authentication_timeout: 1 + (i % 30),
                username_field: i % 3 === 0 ? "#user" : null,
                password_field: i % 3 === 0 ? "#pass" : null,
                submit_field: null,
                tag: "web",
                jumpoint_id: pick(jumpoints),
                jump_group_id: pick(groups),
            });
        }
    }
    // Group policies, with permissions that differ from the defaults.
    const policies: number[] = [];
    for (let i = 0; i < 20; i++) {
        const pid = id();
        policies.push(pid);
        add("group-policy", {
            id: pid,
            name: i < 6 ? `${ODD[i]} admins` : `team ${i}`,
            perm_shell_jump: i % 2 === 0,
            perm_remote_rdp: i % 3 === 0,
            perm_collaborate: i % 4 === 0,
            perm_session_idle_timeout: i % 5 === 0 ? 1800 : -1,
            default_jump_item_role_id: i % 2 ? 2 : 1,
            ...(pra
                ? { perm_access_allowed: true, perm_web_jump: i % 2 === 1, access_perm_status: i % 3 ? "defined" : "not_defined" }
                : { perm_support_allowed: "full_support" }),
        });
    }
    // Grants: unique (policy, target) pairs of every kind.
    const g: Record<string, Record<string, unknown>[]> = { jumpoint: [], "jump-group": [], "vault-account": [], "vault-account-group": [] };
    const pairs = (n: number, targets: number[], kind: string, key: string, extra: () => Record<string, unknown>) => {
        const seen = new Set<string>();
        while (g[kind].length < n) {
            const gp = pick(policies);
            const t = pick(targets);
            if (seen.has(`${gp}/${t}`)) continue;
            seen.add(`${gp}/${t}`);
            g[kind].push({ group_policy_id: gp, [key]: t, ...extra() });
        }
    };
    pairs(30, jumpoints, "jumpoint", "jumpoint_id", () => ({}));
    pairs(50, groups, "jump-group", "jump_group_id", () => ({ jump_item_role_id: pick([0, 1, 2]), ...(pra ? { jump_policy_id: 0 } : {}) }));
    pairs(30, allAccounts, "vault-account", "account_id", () => ({ role: rnd() < 0.2 ? "inject_and_checkout" : "inject" }));
    pairs(12, accountGroups, "vault-account-group", "account_group_id", () => ({ role: pick(["inject", "inject_and_checkout"]) }));

    const expected: Record<string, number> = {};
    for (const [kind, objs] of Object.entries(c)) {
        expected[kind] = objs.filter((o) => o.personal !== true && o.jump_group_type !== "personal").length;
    }
    for (const [kind, rows] of Object.entries(g)) expected[`grant:${kind}`] = rows.length;
    // The seed leaves code_name out where undefined.
    for (const objs of Object.values(c)) for (const o of objs) for (const k of Object.keys(o)) if (o[k] === undefined) delete o[k];
    return { dump: { collections: c, grants: g }, secrets, expected, personal };
}
