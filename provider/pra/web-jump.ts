import { jumpItemSpec } from "./jump-item-common";
import { flag, int, text } from "./common";

const selector = (api: string, what: string) =>
    text(api, 0, 255, `HTML id, name or CSS selector of the ${what}; null lets the browser auto-detect it.`, { nullable: true, default: null });

/** A Web Jump Item: a web site opened in a browser on the Jumpoint, owned by a Jump Group. PRA only. */
export const webJump = jumpItemSpec({
    kind: "pra:WebJump",
    title: "Web Jump",
    path: "/jump-item/web-jump",
    jumpointRole: "whose browser opens the site",
    // The RS spec has no /jump-item/web-jump.
    products: ["pra"],
    fields: {
        url: text("url", 1, 255, "URL of the web site.", { required: true }),
        usernameFormat: {
            api: "username_format",
            type: { kind: "enum", values: ["default", "username_only", "force_upn_format", "force_dlln_format"] },
            default: "default",
            description: "How an injected username is written.",
        },
        verifyCertificate: flag("verify_certificate", true, "Verify the site's certificate."),
        authenticationTimeout: int("authentication_timeout", 1, 30, "Seconds to wait for the login form.", { default: 3 }),
        usernameField: selector("username_field", "username input"),
        passwordField: selector("password_field", "password input"),
        submitField: selector("submit_field", "submit button"),
    },
});
