import * as pulumi from "@pulumi/pulumi";
import { pra } from "pulumi-beyondtrust";

export interface QuickstartSettings {
    /** Base of every name, so two stacks can share an appliance. */
    prefix: string;
    /** Host the Shell Jump connects to. */
    hostname: string;
    /** The Jumpoint's platform; changing it replaces the Jumpoint and the items that use it. */
    platform?: "linux-x86" | "windows-x86";
}

/**
 * A Jumpoint, a Jump Group, and an SSH Shell Jump through them: the smallest useful PRA setup.
 * The connection comes from stack config (beyondtrust:host, :clientId, :clientSecret) or from
 * BT_API_HOST, BT_CLIENT_ID and BT_CLIENT_SECRET.
 */
export function quickstart(s: QuickstartSettings) {
    const jumpoint = new pra.Jumpoint(`${s.prefix}-jumpoint`, {
        name: `${s.prefix} jumpoint`,
        codeName: `${s.prefix}_jumpoint`.replace(/[^A-Za-z0-9_-]/g, "_"),
        platform: s.platform ?? "linux-x86",
        shellJumpEnabled: true,
    });
    const jumpGroup = new pra.JumpGroup(`${s.prefix}-servers`, {
        name: `${s.prefix} servers`,
        comments: "Managed by Pulumi",
    });
    const bastion = new pra.ShellJump(`${s.prefix}-bastion`, {
        name: `${s.prefix} bastion`,
        hostname: s.hostname,
        jumpointId: jumpoint.id,
        jumpGroupId: jumpGroup.id,
        tag: "quickstart",
    });
    return {
        jumpointId: jumpoint.id,
        jumpGroupId: jumpGroup.id,
        shellJumpId: bastion.id,
        shellJumpPort: bastion.port,
    };
}

/** Settings from stack config, with defaults that suit the simulator. */
export function settingsFromConfig(): QuickstartSettings {
    const config = new pulumi.Config();
    return {
        prefix: config.get("prefix") ?? "quickstart",
        hostname: config.get("hostname") ?? "10.0.0.5",
        platform: (config.get("platform") as QuickstartSettings["platform"]) ?? "linux-x86",
    };
}
