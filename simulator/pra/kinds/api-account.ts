// API accounts, per the spec's ApiAccount schema: the Configuration API only reads them (list with
// a `name` filter, and get by id); they are made in /login, here through the control API's seed.
// Every field is readOnly in the spec; the RS spec drops ecm_group_id and perm_scim and adds
// perm_reporting_archive and perm_real_time_state. (The OAuth clients the simulator accepts are its own table,
// simulator/core/oauth.ts; a seeded API account does not log anyone in.)
import { randomBytes } from "node:crypto";
import { Kind, bool, id, int, oneOf, str } from "../fields";

const ro = { readOnly: true };
const PRA = { ...ro, products: ["pra" as const] };
const RS = { ...ro, products: ["rs" as const] };

export const apiAccount: Kind = {
    path: "api-account",
    title: "API Account",
    operations: ["list", "read"],
    paginated: true,
    fields: {
        id: id(),
        name: str(1, 255, { required: true, ...ro }),
        comments: str(0, 4096, { default: "", ...ro }),
        enabled: bool(true, ro),
        ip_addresses: { type: "string", default: "", ...ro },
        client_id: str(0, 40, { default: () => randomBytes(20).toString("hex"), ...ro }),
        failed_login_attempts: { type: "integer", default: 0, ...ro },
        failed_login_expiration: { type: "string", ...ro },
        ecm_group_id: int(1, 2147483647, PRA),
        perm_command: oneOf(["deny", "read_only", "full_access"], { default: "deny", ...ro }),
        perm_reporting_support: bool(false, ro),
        perm_reporting_license: bool(false, ro),
        perm_reporting_archive: bool(false, RS),
        perm_reporting_vault: bool(false, ro),
        perm_reporting_jump_item: bool(false, ro),
        perm_reporting_syslog: bool(false, ro),
        perm_backup: bool(false, ro),
        perm_vault_backup: bool(false, ro),
        perm_real_time_state: bool(false, RS),
        perm_ecm: bool(false, ro),
        perm_scim: bool(false, PRA),
        perm_configuration: bool(true, ro),
        perm_configuration_vault_account: bool(false, ro),
    },
    filters: {
        name: { field: str(1, 255) },
    },
};
