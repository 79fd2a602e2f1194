// A safe: the root of a tree of folders. Created 201 + JSON, updated 204 (no body), deleted 204.
import { text, SAFES } from "./common";
import { ApiObject, PASSWORD_SAFE, PsSpec, unlessMissing } from "./kind";

export const safe: PsSpec = {
    kind: "passwordsafe:Safe",
    title: "Password Safe safe",
    product: PASSWORD_SAFE,
    naturalKey: "name",
    fields: {
        name: text("Name", 1, 256, "The safe's name, unique on the appliance.", { required: true }),
        description: text("Description", 0, 256, "What the safe holds.", { default: "" }),
    },
    outputs: {},
    fromApi: (live) => ({ name: live.Name, description: live.Description ?? "" }),
    api: {
        async create(ctx) {
            const { client, inputs } = ctx;
            // A POST whose answer was lost is looked for before it is resent (names are unique).
            return client.request<ApiObject>("POST", SAFES, {
                body: { Name: inputs.name, Description: inputs.description },
                findCreated: () => safe.api.find(ctx),
            });
        },
        async read({ client }, id) {
            return unlessMissing(() => client.request<ApiObject>("GET", `${SAFES}/${id}`));
        },
        async update({ client, inputs }, id) {
            const answer = await client.request<ApiObject | undefined>("PUT", `${SAFES}/${id}`, {
                body: { Name: inputs.name, Description: inputs.description },
            });
            // 204 without a body (the 3.5.1 library's expectation): the PUT replaced both fields.
            return answer && typeof answer === "object" ? answer : { Id: id, Name: inputs.name, Description: inputs.description };
        },
        async delete({ client }, id) {
            await client.request("DELETE", `${SAFES}/${id}`);
        },
        async find({ client, inputs }) {
            const all = await client.listAll<ApiObject>(SAFES);
            const name = String(inputs.name).toLowerCase();
            return all.find((s) => String(s.Name ?? "").toLowerCase() === name);
        },
    },
};
