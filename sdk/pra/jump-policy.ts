import * as pulumi from "@pulumi/pulumi";
import type { JumpPolicySchedule } from "../../provider/pra/jump-policy";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

export type { JumpPolicySchedule };

export interface JumpPolicyArgs extends CommonArgs {
    /** Display name, 1 to 255 characters. */
    displayName: pulumi.Input<string>;
    /** Unique code name (letters, digits, _ and -); adopt finds the policy by it, else by display name. */
    codeName?: pulumi.Input<string>;
    /** Comments, at most 1000 characters; default "". */
    description?: pulumi.Input<string>;
    /** Restrict access to the scheduled hours; default true. The schedule itself is set in the console (output `schedule`). */
    scheduleEnabled?: pulumi.Input<boolean>;
    /** Remove users when the schedule stops permitting access; needs scheduleEnabled; default false. */
    scheduleStrict?: pulumi.Input<boolean>;
    /** "global" (default), "join" or "disallow". */
    simultaneousJumps?: pulumi.Input<"global" | "join" | "disallow">;
    /** Only with simultaneousJumps "join"; default false. */
    simultaneousJumpBehaviorAppliesToCopies?: pulumi.Input<boolean>;
    /** "global" (default), "new_session" or "disallow". */
    simultaneousJumpsRdp?: pulumi.Input<"global" | "new_session" | "disallow">;
    /** Default false. */
    ticketIdRequired?: pulumi.Input<boolean>;
    /** Default false. */
    twoFactorChallengeRequired?: pulumi.Input<boolean>;
    /** PRA only; default true (follow the global setting). */
    externalToolsRdpAllowed?: pulumi.Input<boolean>;
    /** PRA only; default true (follow the global setting). */
    externalToolsShellAllowed?: pulumi.Input<boolean>;
    /** PRA only; default false. */
    sessionStartNotification?: pulumi.Input<boolean>;
    /** PRA only; default false. */
    sessionEndNotification?: pulumi.Input<boolean>;
    /** PRA only; at most 100; required when a notification is on; default []. */
    notificationEmailAddresses?: pulumi.Input<pulumi.Input<string>[]>;
    /** PRA only. Left out: whatever the appliance holds. */
    notificationDisplayName?: pulumi.Input<string>;
    /** PRA only; default "en-us". */
    notificationEmailLanguage?: pulumi.Input<string>;
    /** PRA only; not with scheduleEnabled; default false. */
    approvalRequired?: pulumi.Input<boolean>;
    /** PRA only; minutes, 1 to 524160; default 480. */
    approvalMaxDuration?: pulumi.Input<number>;
    /** PRA only; "requestor" (default) or "anyone". */
    approvalScope?: pulumi.Input<"requestor" | "anyone">;
    /** PRA only; at most 100; default []. */
    approvalEmailAddresses?: pulumi.Input<pulumi.Input<string>[]>;
    /** PRA only; at most 100; default []. */
    approvalUserIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** PRA only; at most 100; default []. */
    approvalTeamIds?: pulumi.Input<pulumi.Input<string>[]>;
    /** PRA only. Left out: whatever the appliance holds. */
    approvalDisplayName?: pulumi.Input<string>;
    /** PRA only; default "en-us". */
    approvalEmailLanguage?: pulumi.Input<string>;
    /** PRA only; "not_requestor" (default) or "anyone". */
    approvalApproverScope?: pulumi.Input<"not_requestor" | "anyone">;
    /** PRA only; default false. */
    recordingsDisabled?: pulumi.Input<boolean>;
}

/** A Jump Policy: when and how the Jump Items that name it may be used. */
export class JumpPolicy extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:JumpPolicy");
    declare readonly displayName: pulumi.Output<string>;
    declare readonly codeName: pulumi.Output<string | undefined>;
    declare readonly description: pulumi.Output<string>;
    declare readonly scheduleEnabled: pulumi.Output<boolean>;
    declare readonly scheduleStrict: pulumi.Output<boolean>;
    declare readonly simultaneousJumps: pulumi.Output<string>;
    declare readonly simultaneousJumpBehaviorAppliesToCopies: pulumi.Output<boolean>;
    declare readonly simultaneousJumpsRdp: pulumi.Output<string>;
    declare readonly ticketIdRequired: pulumi.Output<boolean>;
    declare readonly twoFactorChallengeRequired: pulumi.Output<boolean>;
    /** PRA only, like the rest of this block: undefined on RS. */
    declare readonly externalToolsRdpAllowed: pulumi.Output<boolean | undefined>;
    declare readonly externalToolsShellAllowed: pulumi.Output<boolean | undefined>;
    declare readonly sessionStartNotification: pulumi.Output<boolean | undefined>;
    declare readonly sessionEndNotification: pulumi.Output<boolean | undefined>;
    declare readonly notificationEmailAddresses: pulumi.Output<string[] | undefined>;
    declare readonly notificationDisplayName: pulumi.Output<string | undefined>;
    declare readonly notificationEmailLanguage: pulumi.Output<string | undefined>;
    declare readonly approvalRequired: pulumi.Output<boolean | undefined>;
    declare readonly approvalMaxDuration: pulumi.Output<number | undefined>;
    declare readonly approvalScope: pulumi.Output<string | undefined>;
    declare readonly approvalEmailAddresses: pulumi.Output<string[] | undefined>;
    declare readonly approvalUserIds: pulumi.Output<string[] | undefined>;
    declare readonly approvalTeamIds: pulumi.Output<string[] | undefined>;
    declare readonly approvalDisplayName: pulumi.Output<string | undefined>;
    declare readonly approvalEmailLanguage: pulumi.Output<string | undefined>;
    declare readonly approvalApproverScope: pulumi.Output<string | undefined>;
    declare readonly recordingsDisabled: pulumi.Output<boolean | undefined>;
    /** The access schedule, read from the appliance (set in the console; the API cannot write it). */
    declare readonly schedule: pulumi.Output<JumpPolicySchedule | null>;

    constructor(name: string, args: JumpPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:JumpPolicy", name, args, opts);
    }
}
