import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, typeToken } from "../resource";
import { PasswordSafeCommonArgs } from "./connection";

export interface FolderArgs extends PasswordSafeCommonArgs {
    /** 1 to 256 characters, unique within its parent. */
    name: pulumi.Input<string>;
    /** At most 256 characters; default "". */
    description?: pulumi.Input<string>;
    /** The id of the safe or folder it is in (a Safe's or Folder's `id`). A new one moves it in place. */
    parentId?: pulumi.Input<string>;
    /** Or the path of its parent, e.g. "Ops Safe/Linux", matched whole and exactly. */
    parentPath?: pulumi.Input<string>;
}

/** A folder in a safe or in another folder. */
export class Folder extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("passwordsafe:Folder");
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;
    declare readonly parentId: pulumi.Output<string | undefined>;
    declare readonly parentPath: pulumi.Output<string | undefined>;
    /** The parent's id as the appliance reports it, however the parent was named. */
    declare readonly parentFolderId: pulumi.Output<string>;

    constructor(name: string, args: FolderArgs, opts?: pulumi.CustomResourceOptions) {
        super("passwordsafe:Folder", name, args, opts);
    }
}
