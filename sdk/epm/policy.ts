import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, typeToken } from "../resource";
import { EpmCommonArgs } from "./connection";

export interface PolicyArgs extends EpmCommonArgs {
    /** The policy's name, 1 to 256 characters without leading or trailing spaces, unique on the tenant (case-insensitively). */
    name: pulumi.Input<string>;
    /** What the policy is for; default "". */
    description?: pulumi.Input<string>;
    /**
     * The policy's XML as text: well formed, root element `<Configuration>`, at most 5,000,000 bytes
     * as UTF-8 (checked at preview, before any call). Give this or `contentFile`.
     */
    content?: pulumi.Input<string>;
    /** A local policy file (UTF-8 XML), read at preview; its bytes never reach state, only `contentSha256`. Give this or `content`. */
    contentFile?: pulumi.Input<string>;
    /** The comment of each revision this program uploads (what changed and why). Changing it alone uploads nothing. */
    changeDescription?: pulumi.Input<string>;
}

/**
 * An EPM policy and its XML. Each change of the content uploads one new revision (groups do not move
 * to it by themselves: `epm.PolicyAssignment` decides); a revision uploaded outside the program is
 * drift that `pulumi refresh` shows and the next `pulumi up` replaces with the declared content.
 */
export class Policy extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("epm:Policy");
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;
    declare readonly content: pulumi.Output<string | undefined>;
    declare readonly contentFile: pulumi.Output<string | undefined>;
    declare readonly changeDescription: pulumi.Output<string | undefined>;
    /** Lowercase SHA-256 hex of the latest revision's XML (the declared content's after an update). */
    declare readonly contentSha256: pulumi.Output<string>;
    /** The id (GUID) of the policy's latest revision: what a following PolicyAssignment moves its group to. */
    declare readonly latestRevisionId: pulumi.Output<string>;
    /** The latest revision's number (1 for a new policy, one more per upload). */
    declare readonly latestRevision: pulumi.Output<number>;

    constructor(name: string, args: PolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super("epm:Policy", name, args, opts);
    }
}
