// Vault credential check-out and check-in (POST /vault/account/{id}/check-out, /check-in), per the
// spec: check-out answers 200 with a VaultAccountCredential (the stored secret: `private_key` for
// ssh and ssh_ca accounts, `password` for the others, the token of an opaque_token account
// included, as the vendor's Terraform provider reads it) and stamps `last_checkout_timestamp`;
// check-in answers 200 with no body. The spec defines no request body and no query parameters:
// a body is ignored (the vendor's Terraform provider sends the credential back on check-in).
// The simulator's rule where the spec is silent: an account is checked out at most once at a
// time (a second check-out, or a check-in of an account not checked out, is 422), as with an
// account policy that does not allow simultaneous check-out.
import { ApiHandler } from "../core/api";
import { notFound, unprocessable } from "../core/errors";
import { Router } from "../core/router";
import { parseId, rejectQuery } from "./crud";
import { Model } from "./model";

const KIND = "vault/account";
/** Stored on the object, never in a view (not a field of any table). */
const CHECKED_OUT = "_checked_out";

export function registerVaultCheckoutRoutes(router: Router<ApiHandler>, model: Model): void {
    const account = (raw: string) => {
        const id = parseId(raw);
        const obj = model.get(KIND, id);
        if (!obj) throw notFound(`Vault Account ${id} was not found.`);
        return obj;
    };

    router.add("POST", "/vault/account/{id}/check-out", (req) => {
        rejectQuery(req);
        const obj = account(req.params.id);
        if (obj[CHECKED_OUT]) throw unprocessable({ id: ["The account is already checked out."] }, "The account is already checked out.");
        const type = String(obj.type);
        const body: Record<string, unknown> = { type };
        if (typeof obj.username === "string") body.username = obj.username;
        if (type === "ssh" || type === "ssh_ca") body.private_key = obj.private_key;
        else body.password = type === "opaque_token" ? obj.token : obj.password;
        model.replace(KIND, { ...obj, [CHECKED_OUT]: true, last_checkout_timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, "+00:00") });
        return { status: 200, body, wrote: true };
    });

    router.add("POST", "/vault/account/{id}/check-in", (req) => {
        rejectQuery(req);
        const obj = account(req.params.id);
        if (!obj[CHECKED_OUT]) throw unprocessable({ id: ["The account is not checked out."] }, "The account is not checked out.");
        const { [CHECKED_OUT]: _out, ...rest } = obj;
        model.replace(KIND, rest);
        return { status: 200, wrote: true };
    });
}
