// Password Safe as the record handler (provider/engine/record-handler.ts) sees it: its connection
// settings, their checks and its session client. Every Password Safe kind is a RecordSpec over this.
import { RecordContext, RecordSpec, ProductBinding } from "../engine/record-handler";
import {
    PS_CONNECTION_SETTINGS,
    PS_SECRET_SETTINGS,
    PasswordSafeConnection,
    PasswordSafeConnectionInput,
    parseApiUrl,
    psConnectionProblems,
    psSetting,
    resolvePasswordSafeConnection,
} from "./connection";
import { passwordSafeClient } from "./profile";

export type { ApiObject } from "../engine/record-handler";
export { unlessMissing } from "../engine/record-handler";
export type PsSpec = RecordSpec<PasswordSafeConnection>;
export type PsContext = RecordContext<PasswordSafeConnection>;

export const PASSWORD_SAFE: ProductBinding<PasswordSafeConnection> = {
    title: "Password Safe connection setting",
    settings: PS_CONNECTION_SETTINGS,
    secretSettings: PS_SECRET_SETTINGS,
    shape: "{url, apiKey, runAs, ...} or {url, clientId, clientSecret, ...}",
    problems: (input) => psConnectionProblems(input as PasswordSafeConnectionInput | undefined),
    url: (input) => psSetting("url", input as PasswordSafeConnectionInput | undefined),
    parseUrl: parseApiUrl,
    client: (input) => passwordSafeClient(resolvePasswordSafeConnection(input as PasswordSafeConnectionInput | undefined)),
};
