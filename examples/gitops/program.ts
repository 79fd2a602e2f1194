import * as fs from "fs";
import * as path from "path";
import { pra } from "pulumi-beyondtrust";

/**
 * What a team edits in a pull request: one site's hosts and who may reach them. The program turns
 * it into a Jumpoint, a Jump Group, one Shell Jump per host, and an operators' group policy granted
 * the Jumpoint and the Jump Group.
 */
export interface Inventory {
    /** Site key; names follow the guardrails' pattern (`vpc-a`, `vpc-a servers`). */
    site: string;
    hosts: Array<{
        name: string;
        hostname: string;
        /** The tag the console groups items by; the guardrails want `prod-*` or `staging-*`. */
        tag: string;
        protocol?: "ssh" | "telnet";
        port?: number;
        username?: string;
    }>;
}

export function loadInventory(file = process.env.GITOPS_INVENTORY ?? path.join(__dirname, "inventory.json")): Inventory {
    return JSON.parse(fs.readFileSync(file, "utf8")) as Inventory;
}

const code = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, "_");

export function gitops(inv: Inventory) {
    const jumpoint = new pra.Jumpoint(`${inv.site}-jumpoint`, {
        name: inv.site,
        codeName: code(inv.site),
        platform: "linux-x86",
        shellJumpEnabled: true,
        comments: "Managed by the GitOps pipeline: change it in a pull request",
    });
    const servers = new pra.JumpGroup(`${inv.site}-servers`, {
        name: `${inv.site} servers`,
        codeName: code(`${inv.site}_servers`),
        comments: "Managed by the GitOps pipeline: change it in a pull request",
    });
    const items = inv.hosts.map(
        (h) =>
            new pra.ShellJump(h.name, {
                name: h.name,
                hostname: h.hostname,
                protocol: h.protocol,
                port: h.port,
                username: h.username,
                tag: h.tag,
                jumpointId: jumpoint.id,
                jumpGroupId: servers.id,
            }),
    );
    const operators = new pra.GroupPolicy(`${inv.site}-operators`, { name: `${inv.site} operators`, permShellJump: true });
    new pra.GroupPolicyJumpoint(`${inv.site}-operators-jumpoint`, { groupPolicyId: operators.id, jumpointId: jumpoint.id });
    new pra.GroupPolicyJumpGroup(`${inv.site}-operators-servers`, { groupPolicyId: operators.id, jumpGroupId: servers.id, jumpItemRoleId: 2 });
    return { jumpGroupId: servers.id, shellJumps: items.length };
}
