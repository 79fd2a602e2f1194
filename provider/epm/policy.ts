// An EPM policy: a name, a description and its XML, kept by the tenant as numbered revisions. The
// XML is given as `content` or as `contentFile` (a path read at check; only its SHA-256 reaches
// state) and checked before any call (xml.ts). Create is one multipart POST (the first revision);
// each content change after that uploads exactly one new revision, with `changeDescription` as its
// comment and AutoAssignToGroups=false: which groups move to it is PolicyAssignment's decision.
// A change of name or description alone is one PUT; of changeDescription alone, nothing.
// Refresh costs one GET while the tenant's latest revision is the one state knows; a revision
// uploaded out of band (console, another tool) is drift: refresh reads its id and its content's
// hash, the hash differs from the declared content's, and the next update uploads ours again.
import { encodeMultipart } from "../core/multipart";
import { checkContent, declaredContent, sha256 } from "../engine/content-source";
import { policyContent, policyCreate, policyDelete, policyRevisions, policyUpdate, policyUpload, routeOf } from "./assumptions";
import { POLICIES, descriptionField, findByName, isRefusal, nameField, replyId, withAdvice } from "./common";
import { ApiObject, EpmContext, EpmSpec, EPM, unlessMissing } from "./kind";
import { MAX_POLICY_BYTES, policyBytesProblem } from "./xml";

type Props = Record<string, unknown>;
interface RevisionRef {
    id: string;
    revision: number;
}

const FILE_NAME = "policy.xml";
const XML = "application/xml";

function policyPath(id: string): string {
    return `${POLICIES}/${encodeURIComponent(id)}`;
}

/**
 * The policy's revisions (a bare array, U9): the one with this id, or the latest. An Upload reply
 * that names no listed revision (U7's reply is unconfirmed: it might be a task id) falls back to the
 * latest, which the upload just made, rather than failing after the write.
 */
async function revisionOf(ctx: EpmContext, policyId: string, revisionId?: string): Promise<RevisionRef> {
    const revs = (await ctx.client.request<ApiObject[]>(policyRevisions.method, routeOf(policyRevisions, policyId))) ?? [];
    const refs = revs.map((r) => ({ id: String(r.id).toLowerCase(), revision: Number(r.revision) }));
    const latest = refs.reduce<RevisionRef | undefined>((a, r) => (!a || r.revision > a.revision ? r : a), undefined);
    const found = (revisionId !== undefined ? refs.find((r) => r.id === revisionId) : undefined) ?? latest;
    if (!found) throw new Error(`policy ${policyId} lists no revision`);
    return found;
}

/** SHA-256 of the latest revision's XML, as the tenant serves it (the bytes are not kept). */
async function liveContentSha256(ctx: EpmContext, policyId: string): Promise<string> {
    const res = await ctx.client.rawRequest(policyContent.method, routeOf(policyContent, policyId), { binary: true });
    return sha256(res.raw.bytes ?? Buffer.from(res.raw.body, "utf8"));
}

/** The live object as the handler reads it: the policy's fields plus the revision and content outputs. */
function withRevision(live: Props, rev: RevisionRef, contentSha256: unknown): ApiObject {
    return { ...live, latestRevision: rev.revision, latestRevisionId: rev.id, contentSha256 };
}

/** One new revision of the declared content; a lost answer is looked for (a newer revision with our bytes) before resending. */
async function upload(ctx: EpmContext, id: string, knownRevision: number | undefined): Promise<RevisionRef> {
    const { client, inputs } = ctx;
    const parts = [
        { name: policyUpload.parts.file, filename: FILE_NAME, contentType: XML, data: declaredContent(inputs) },
        { name: policyUpload.parts.autoAssign, data: "false" },
    ];
    if (typeof inputs.changeDescription === "string" && inputs.changeDescription !== "") {
        parts.push({ name: policyUpload.parts.comment, data: inputs.changeDescription });
    }
    const reply = await client.request<unknown>(policyUpload.method, routeOf(policyUpload, id), {
        multipart: encodeMultipart(parts),
        fromOrigin: policyUpload.fromOrigin,
        findCreated: async () => {
            const latest = await revisionOf(ctx, id);
            if (knownRevision !== undefined && latest.revision <= knownRevision) return undefined;
            return (await liveContentSha256(ctx, id)) === inputs.contentSha256 ? latest : undefined;
        },
    });
    return revisionOf(ctx, id, replyId(reply));
}

export const policy: EpmSpec = {
    kind: "epm:Policy",
    title: "EPM policy",
    product: EPM,
    naturalKey: "name",
    fields: {
        name: nameField("policy"),
        description: descriptionField("policy"),
        content: {
            api: "content",
            type: { kind: "string" },
            description: `The policy's XML (root <Configuration>, at most ${MAX_POLICY_BYTES} bytes as UTF-8); or give contentFile.`,
        },
        contentFile: {
            api: "contentFile",
            type: { kind: "string", min: 1 },
            description: "A local policy file (UTF-8 XML), read at preview; only its SHA-256 is kept in state. Or give content.",
        },
        changeDescription: {
            api: "comment",
            type: { kind: "string" },
            description: "The comment of each revision this program uploads (what changed and why). Changing it alone uploads nothing.",
        },
    },
    outputs: { contentSha256: "contentSha256", latestRevisionId: "latestRevisionId", latestRevision: "latestRevision" },
    // Content is judged by its hash (derived); the comment travels with the next upload only.
    diffIgnores: ["content", "contentFile", "changeDescription"],
    derived: ["contentSha256"],
    refine: (inputs) =>
        checkContent(inputs, { noun: "policy", contentIs: "the policy's XML", holder: "a policy", maxBytes: MAX_POLICY_BYTES, problem: policyBytesProblem }),
    fromApi: (live) => ({ name: live.name, description: live.description ?? "" }),
    api: {
        async create(ctx) {
            const { client, inputs } = ctx;
            const reply = await client.request<unknown>(policyCreate.method, routeOf(policyCreate), {
                multipart: encodeMultipart([
                    { name: policyCreate.parts.name, data: String(inputs.name) },
                    { name: policyCreate.parts.description, data: String(inputs.description) },
                    { name: policyCreate.parts.file, filename: FILE_NAME, contentType: XML, data: declaredContent(inputs) },
                ]),
                // A POST whose answer was lost is looked for by name before it is resent (names are unique).
                findCreated: () => policy.api.find(ctx),
            });
            const id = replyId(reply) ?? replyId(await policy.api.find(ctx));
            if (!id) throw new Error("the create answered no id, and no policy of that name exists");
            return withRevision({ id, name: inputs.name, description: inputs.description }, await revisionOf(ctx, id), inputs.contentSha256);
        },
        async read(ctx, id) {
            const live = await unlessMissing(() => ctx.client.request<ApiObject>("GET", policyPath(id)));
            if (!live) return undefined;
            const known = ctx.inputs;
            if (known.latestRevisionId !== undefined && Number(live.revision) === known.latestRevision) {
                return withRevision(live, { id: String(known.latestRevisionId), revision: Number(live.revision) }, known.contentSha256);
            }
            // A revision state has not seen (or no state: adopt by id): its id and its content's hash.
            return withRevision(live, await revisionOf(ctx, id), await liveContentSha256(ctx, id));
        },
        async update(ctx, id, live) {
            const { client, inputs, olds } = ctx;
            // Adopted (live given): compared with the tenant's object; otherwise with state's.
            const current: Props = live ?? olds ?? {};
            if (current.name !== inputs.name || (current.description ?? "") !== inputs.description) {
                await client.request(policyUpdate.method, routeOf(policyUpdate, id), {
                    body: policyUpdate.body(String(inputs.name), String(inputs.description)),
                });
            }
            const knownRevision = Number(current.latestRevision ?? current.revision) || undefined;
            const liveHash = current.contentSha256 ?? (await liveContentSha256(ctx, id));
            let rev: RevisionRef | undefined =
                current.latestRevisionId !== undefined && knownRevision !== undefined
                    ? { id: String(current.latestRevisionId), revision: knownRevision }
                    : undefined;
            if (liveHash !== inputs.contentSha256) rev = await upload(ctx, id, knownRevision);
            rev ??= await revisionOf(ctx, id);
            return withRevision({ id, name: inputs.name, description: inputs.description }, rev, inputs.contentSha256);
        },
        async delete(ctx, id) {
            try {
                await ctx.client.request(policyDelete.method, routeOf(policyDelete, id));
            } catch (err) {
                if (!isRefusal(err)) throw err;
                throw withAdvice(
                    err,
                    "Groups still use it: delete their epm.PolicyAssignment first (an assignment that takes this policy's id is deleted before it by the dependency graph), or give a group assigned outside the program another policy in the console.",
                );
            }
        },
        find: ({ client, inputs }) => findByName(client, POLICIES, inputs.name),
    },
};
