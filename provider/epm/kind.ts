// EPM as the record handler (provider/engine/record-handler.ts) sees it: its connection settings,
// their checks and its OAuth client. Every EPM kind is a RecordSpec over this.
import { RecordContext, RecordSpec, ProductBinding } from "../engine/record-handler";
import {
    EPM_CONNECTION_SETTINGS,
    EPM_SECRET_SETTINGS,
    EpmConnection,
    EpmConnectionInput,
    epmConnectionProblems,
    epmSetting,
    parseEpmUrl,
    resolveEpmConnection,
} from "./connection";
import { epmClient } from "./profile";

export type { ApiObject } from "../engine/record-handler";
export { unlessMissing } from "../engine/record-handler";
export type EpmSpec = RecordSpec<EpmConnection>;
export type EpmContext = RecordContext<EpmConnection>;

export const EPM: ProductBinding<EpmConnection> = {
    title: "EPM connection setting",
    settings: EPM_CONNECTION_SETTINGS,
    secretSettings: EPM_SECRET_SETTINGS,
    shape: "{url, clientId, clientSecret, apiVersion, ...}",
    problems: (input) => epmConnectionProblems(input as EpmConnectionInput | undefined),
    url: (input) => epmSetting("url", input as EpmConnectionInput | undefined),
    parseUrl: parseEpmUrl,
    client: (input) => epmClient(resolveEpmConnection(input as EpmConnectionInput | undefined)),
};
