import { isNotFound } from "../core/errors";
import { collectionApi } from "../engine/collection-api";
import type { Failure, FieldSpec } from "../engine/fields";
import type { ApiObject, CallContext, ObjectApi } from "../engine/spec";
import { codeName, flag, int, praSpec, sameUniqueKey, stringList, text } from "./common";

const PRA = ["pra"] as const;
const PATH = "/jump-policy";

const choice = (api: string, values: string[], dflt: string, description: string, extra: Partial<FieldSpec> = {}): FieldSpec => ({
    api,
    type: { kind: "enum", values },
    default: dflt,
    description,
    ...extra,
});

/** The access schedule, as GET /jump-policy/{id}/schedule returns it (the API cannot write it). */
export interface JumpPolicySchedule {
    timezone: string;
    /** Days 0 (Monday) to 6 (Sunday), times "HH:MM". */
    entries: Array<{ start_day: number; start_time: string; end_day: number; end_time: string }>;
}

/**
 * Jump policies are found by code name (the list's only filter) or, without one, by display name
 * in the whole list. Each answer carries the policy's schedule, read from its own path: the API
 * has no way to write it (the console does), so it is an output.
 */
function jumpPolicyApi(): ObjectApi {
    const base = collectionApi({
        path: PATH,
        naturalKey: (b): Record<string, string> => (b.code_name === undefined ? {} : { code_name: String(b.code_name) }),
        listHoldsFullObjects: true,
    });
    async function withSchedule(ctx: Pick<CallContext, "client">, live: ApiObject): Promise<ApiObject> {
        try {
            const schedule = await ctx.client.request<JumpPolicySchedule>("GET", `${PATH}/${encodeURIComponent(String(live.id))}/schedule`);
            return { ...live, schedule };
        } catch (err) {
            // Deleted between the two reads: the next read finds it gone.
            if (isNotFound(err)) return { ...live, schedule: null };
            throw err;
        }
    }
    return {
        async create(ctx) {
            const { id, live } = await base.create(ctx);
            return { id, live: await withSchedule(ctx, live) };
        },
        async read(ctx, id) {
            const live = await base.read(ctx, id);
            return live && withSchedule(ctx, live);
        },
        async update(ctx, id, changed) {
            return withSchedule(ctx, await base.update(ctx, id, changed));
        },
        delete: (ctx, id) => base.delete(ctx, id),
        async find(ctx, adopt) {
            if (adopt === true && ctx.body.code_name === undefined) {
                const name = String(ctx.body.display_name).toLowerCase();
                const matches = (await ctx.client.listAll<ApiObject>(PATH)).filter((o) => String(o.display_name ?? "").toLowerCase() === name);
                if (matches.length > 1) {
                    throw new Error(
                        `adopt found ${matches.length} jump policies named ${JSON.stringify(ctx.body.display_name)} (ids ${matches.map((m) => m.id).join(", ")}); set codeName, or adopt to the id of the one to take over`,
                    );
                }
                return matches[0] ? { id: String(matches[0].id), live: await withSchedule(ctx, matches[0]) } : undefined;
            }
            const found = await base.find(ctx, adopt);
            return found && { id: found.id, live: await withSchedule(ctx, found.live) };
        },
    };
}

/** A Jump Policy: when and how Jump Items that name it may be used (schedule, approvals, notifications). */
export const jumpPolicy = praSpec({
    kind: "pra:JumpPolicy",
    title: "Jump Policy",
    fields: {
        displayName: text("display_name", 1, 255, "Display name of the Jump Policy.", { required: true }),
        codeName: codeName("Unique code name for scripts and the API; also how adopt finds the policy."),
        description: text("description", 0, 1000, "The policy's comments.", { default: "" }),
        scheduleEnabled: flag("schedule_enabled", true, "Restrict access to the scheduled hours (the schedule itself is set in the console)."),
        scheduleStrict: flag("schedule_strict", false, "Remove users from sessions when the schedule stops permitting access; needs scheduleEnabled."),
        simultaneousJumps: choice("simultaneous_jumps", ["global", "join", "disallow"], "global", "Whether further users may join a session in progress."),
        simultaneousJumpBehaviorAppliesToCopies: flag(
            "simultaneous_jump_behavior_applies_to_copies",
            false,
            "With simultaneousJumps join: also join sessions started from copies in other Jump Groups.",
        ),
        simultaneousJumpsRdp: choice(
            "simultaneous_jumps_rdp",
            ["global", "new_session", "disallow"],
            "global",
            "What a second user jumping to an RDP item gets.",
        ),
        ticketIdRequired: flag("ticket_id_required", false, "Users must enter a ticket id checked against the ticket system."),
        twoFactorChallengeRequired: flag("two_factor_challenge_required", false, "Users must pass a two-factor challenge before a session."),
        externalToolsRdpAllowed: flag(
            "external_tools_rdp_allowed",
            true,
            "Follow the global setting for opening RDP items with external tools (false: never) (PRA only).",
            { products: PRA },
        ),
        externalToolsShellAllowed: flag(
            "external_tools_shell_allowed",
            true,
            "Follow the global setting for opening shells with external tools (false: never) (PRA only).",
            { products: PRA },
        ),
        sessionStartNotification: flag("session_start_notification", false, "E-mail the recipients when a session starts (PRA only).", { products: PRA }),
        sessionEndNotification: flag("session_end_notification", false, "E-mail the recipients when a session ends (PRA only).", { products: PRA }),
        notificationEmailAddresses: stringList("notification_email_addresses", 100, "Recipients of the session notifications (PRA only).", { products: PRA }),
        notificationDisplayName: text("notification_display_name", 0, 255, "Name of the notification recipients shown to users (PRA only).", { products: PRA }),
        notificationEmailLanguage: text("notification_email_language", 1, 32, "Locale of the notification e-mails (PRA only).", {
            default: "en-us",
            products: PRA,
        }),
        approvalRequired: flag("approval_required", false, "Users wait for an approver before a session; not with scheduleEnabled (PRA only).", {
            products: PRA,
        }),
        approvalMaxDuration: int("approval_max_duration", 1, 524160, "Minutes of access an approval grants, at most 52 weeks (PRA only).", {
            default: 480,
            products: PRA,
        }),
        approvalScope: choice("approval_scope", ["requestor", "anyone"], "requestor", "Who an approval lets in (PRA only).", { products: PRA }),
        approvalEmailAddresses: stringList("approval_email_addresses", 100, "Recipients of approval requests (PRA only).", { products: PRA }),
        approvalUserIds: stringList("approval_user_ids", 100, "User ids that receive approval requests (PRA only).", { products: PRA }),
        approvalTeamIds: stringList("approval_team_ids", 100, "Team ids that receive approval requests (PRA only).", { products: PRA }),
        approvalDisplayName: text("approval_display_name", 0, 255, "Name of the approvers shown to requestors (PRA only).", { products: PRA }),
        approvalEmailLanguage: text("approval_email_language", 1, 32, "Locale of the approval e-mails (PRA only).", { default: "en-us", products: PRA }),
        approvalApproverScope: choice(
            "approval_approver_scope",
            ["not_requestor", "anyone"],
            "not_requestor",
            "Whether approvers may approve their own requests (PRA only).",
            { products: PRA },
        ),
        recordingsDisabled: flag("recordings_disabled", false, "Do not record sessions, whatever the site's recording options (PRA only).", { products: PRA }),
    },
    outputs: { schedule: "schedule" },
    // The spec's cross-field rules, in its words.
    refine: (inputs) => {
        const failures: Failure[] = [];
        if (inputs.approvalRequired === true && inputs.scheduleEnabled === true) {
            failures.push({ property: "approvalRequired", reason: "cannot be enabled when scheduleEnabled is true (set scheduleEnabled: false)" });
        }
        if (inputs.scheduleStrict === true && inputs.scheduleEnabled !== true) {
            failures.push({ property: "scheduleStrict", reason: "can only be true when scheduleEnabled is true" });
        }
        if (inputs.simultaneousJumpBehaviorAppliesToCopies === true && inputs.simultaneousJumps !== "join") {
            failures.push({ property: "simultaneousJumpBehaviorAppliesToCopies", reason: 'is only valid when simultaneousJumps is "join"' });
        }
        const notifying = inputs.sessionStartNotification === true || inputs.sessionEndNotification === true;
        if (notifying && (inputs.notificationEmailAddresses as unknown[] | undefined)?.length === 0) {
            failures.push({ property: "notificationEmailAddresses", reason: "is required when a session notification is enabled" });
        }
        const approvers = ["approvalEmailAddresses", "approvalUserIds", "approvalTeamIds"].some((k) => ((inputs[k] as unknown[] | undefined)?.length ?? 0) > 0);
        if (inputs.approvalRequired === true && !approvers) {
            failures.push({ property: "approvalUserIds", reason: "approvals need approvers: set approvalUserIds, approvalTeamIds or approvalEmailAddresses" });
        }
        return failures;
    },
    deleteBeforeReplace: sameUniqueKey("codeName"),
    api: jumpPolicyApi(),
});
