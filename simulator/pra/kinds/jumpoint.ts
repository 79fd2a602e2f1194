// Jumpoint, per the spec's Jumpoint schema (PRA and RS).
import { createHash } from "node:crypto";
import { Kind, bool, codeName, id, int, oneOf, str } from "../fields";

export const jumpoint: Kind = {
    path: "jumpoint",
    title: "Jumpoint",
    operations: ["list", "create", "read", "update", "delete"],
    paginated: true,
    fields: {
        id: id(),
        name: str(1, 255, { required: true, unique: "always" }),
        platform: oneOf(["windows-x86", "linux-x86"], { required: true, immutable: true }),
        code_name: codeName({ unique: "always" }),
        comments: str(0, 1024, { default: "" }),
        enabled: bool(true),
        connected: bool(true, { readOnly: true }),
        clustered: bool(false, { immutable: true }),
        shell_jump_enabled: bool(false),
        // No default: absent until set. BeyondTrust's Terraform provider declares it Optional and not Computed,
        // so an appliance answering "" would fail its own test-tf-files (jumpoint_and_jump_group).
        external_jump_item_network_id: str(0, 1024, { unique: "nonEmpty" }),
        protocol_tunnel_enabled: bool(true, { products: ["pra"] }),
        rdp_service_account_id: int(1, 2147483647, {
            nullable: true,
            default: null,
            products: ["pra"],
            ref: {
                kind: "vault/account",
                onDelete: "nullify",
                // The spec: "It must be an generic account or a domain account."
                accepts: (acct) => acct.type === "username_password" || acct.type === "windows_domain",
            },
        }),
        managed_ip_ranges: {
            type: "array",
            items: { type: "object", properties: { start: { type: "string" }, end: { type: "string" } } },
            default: () => [],
            products: ["pra"],
        },
        jzp_enabled: bool(false),
        jzp_proxy_hostname: str(0, 256, { default: "" }),
        jzp_proxy_port: int(1, 65535, { default: 9555 }),
        jzp_allow_http_get: bool(false),
        jzp_client_address_restrictions_type: oneOf(["no_restriction", "allow_all", "deny_all"], {
            default: "no_restriction",
        }),
        jzp_restricted_ips: { type: "array", items: { type: "string" }, default: () => [] },
        docker_deploy_key: { type: "string", readOnly: true },
        key_info: { type: "string", readOnly: true },
    },
    filters: {
        name: { field: { type: "string" } },
        code_name: { field: codeName() },
        // These describe a Jumpoint's connected nodes; simulated Jumpoints never have nodes.
        public_ip: { field: { type: "string" }, neverMatches: true },
        private_ip: { field: { type: "string" }, neverMatches: true },
        hostname: { field: { type: "string" }, neverMatches: true },
    },
    derive(obj) {
        const digest = createHash("sha256").update(`jumpoint:${obj.id}`).digest("hex");
        obj.key_info = `sim-${digest.slice(0, 32)}`;
        // The spec: only set for Linux Jumpoints that have clustered set to true.
        if (obj.platform === "linux-x86" && obj.clustered === true) obj.docker_deploy_key = `sim-deploy-${digest.slice(32)}`;
        else delete obj.docker_deploy_key;
    },
};
