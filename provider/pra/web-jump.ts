import { collectionApi } from "../engine/collection-api";
import { flag, int, praSpec, ref, text } from "./common";

const selector = (api: string, what: string) =>
    text(api, 0, 255, `HTML id, name or CSS selector of the ${what}; null lets the browser auto-detect it.`, { nullable: true, default: null });

/** A Web Jump Item: a web site opened in a browser on the Jumpoint, owned by a Jump Group. PRA only. */
export const webJump = praSpec({
    kind: "pra:WebJump",
    title: "Web Jump",
    // The RS spec has no /jump-item/web-jump.
    products: ["pra"],
    fields: {
        name: text("name", 1, 128, "Display name of the Jump Item.", { required: true }),
        jumpointId: ref("jumpoint_id", "Id of the Jumpoint whose browser opens the site.", { required: true, diesWithReference: true }),
        url: text("url", 1, 255, "URL of the web site.", { required: true }),
        jumpGroupId: ref("jump_group_id", "Id of the owning Jump Group (or user, when the type is personal).", {
            required: true,
            diesWithReference: true,
        }),
        jumpGroupType: {
            api: "jump_group_type",
            type: { kind: "enum", values: ["shared", "personal"] },
            default: "shared",
            description: "Whether the owner is a shared Jump Group or a user's personal list.",
        },
        usernameFormat: {
            api: "username_format",
            type: { kind: "enum", values: ["default", "username_only", "force_upn_format", "force_dlln_format"] },
            default: "default",
            description: "How an injected username is written.",
        },
        verifyCertificate: flag("verify_certificate", true, "Verify the site's certificate."),
        authenticationTimeout: int("authentication_timeout", 1, 30, "Seconds to wait for the login form.", { default: 3 }),
        tag: text("tag", 0, 64, "Tag used to group Jump Items in the console.", { default: "" }),
        comments: text("comments", 0, 1024, "Free-form comments.", { default: "" }),
        jumpPolicyId: ref("jump_policy_id", "Jump Policy controlling access, or null for none.", { nullable: true, default: null }),
        usernameField: selector("username_field", "username input"),
        passwordField: selector("password_field", "password input"),
        submitField: selector("submit_field", "submit button"),
        sessionPolicyId: ref("session_policy_id", "Session Policy for sessions from this item (ids start at 2), or null for the default.", {
            type: { kind: "ref", min: 2 },
            nullable: true,
            default: null,
        }),
    },
    outputs: {},
    api: collectionApi({
        path: "/jump-item/web-jump",
        naturalKey: (body) => ({ name: String(body.name), jump_group_id: Number(body.jump_group_id) }),
        listHoldsFullObjects: true,
    }),
});
