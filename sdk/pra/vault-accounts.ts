import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, CommonArgs, typeToken } from "../resource";

interface VaultAccountArgs extends CommonArgs {
    name: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    /** Vault account group; default 1 (the default group). */
    accountGroupId?: pulumi.Input<number | string>;
}

export interface VaultUsernamePasswordAccountArgs extends VaultAccountArgs {
    username: pulumi.Input<string>;
    /** Secret in state; write-only on the appliance. */
    password: pulumi.Input<string>;
    /** Account policy code name, or null to inherit from the group. */
    accountPolicy?: pulumi.Input<string | null>;
}

export interface VaultSshAccountArgs extends VaultAccountArgs {
    /** "ssh" (default) or "ssh_ca". Changing it replaces the account. */
    type?: pulumi.Input<"ssh" | "ssh_ca">;
    username: pulumi.Input<string>;
    /** PEM private key. Secret in state; write-only on the appliance. */
    privateKey: pulumi.Input<string>;
    /** Secret in state; write-only on the appliance. */
    privateKeyPassphrase?: pulumi.Input<string>;
    privateKeyPublicCert?: pulumi.Input<string>;
}

export interface VaultTokenAccountArgs extends VaultAccountArgs {
    /** Secret in state; write-only on the appliance. */
    token: pulumi.Input<string>;
    accountPolicy?: pulumi.Input<string | null>;
}

abstract class VaultAccountBase extends BeyondTrustResource {
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;
    declare readonly accountGroupId: pulumi.Output<number>;
    declare readonly personal: pulumi.Output<boolean>;
    declare readonly lastCheckoutTimestamp: pulumi.Output<string | null>;
}

/** A vault credential of a username and password. */
export class VaultUsernamePasswordAccount extends VaultAccountBase {
    static readonly __pulumiType = typeToken("pra:VaultUsernamePasswordAccount");
    declare readonly username: pulumi.Output<string>;
    declare readonly password: pulumi.Output<string>;
    declare readonly accountPolicy: pulumi.Output<string | null>;

    constructor(name: string, args: VaultUsernamePasswordAccountArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:VaultUsernamePasswordAccount", name, args, opts);
    }
}

/** A vault SSH key credential. */
export class VaultSshAccount extends VaultAccountBase {
    static readonly __pulumiType = typeToken("pra:VaultSshAccount");
    declare readonly type: pulumi.Output<string>;
    declare readonly username: pulumi.Output<string>;
    declare readonly privateKey: pulumi.Output<string>;
    declare readonly privateKeyPassphrase: pulumi.Output<string | undefined>;
    declare readonly privateKeyPublicCert: pulumi.Output<string | undefined>;
    /** The public key the appliance derived from the private key. */
    declare readonly publicKey: pulumi.Output<string>;

    constructor(name: string, args: VaultSshAccountArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:VaultSshAccount", name, args, opts);
    }
}

/** A vault credential holding an opaque token. */
export class VaultTokenAccount extends VaultAccountBase {
    static readonly __pulumiType = typeToken("pra:VaultTokenAccount");
    declare readonly token: pulumi.Output<string>;
    declare readonly accountPolicy: pulumi.Output<string | null>;

    constructor(name: string, args: VaultTokenAccountArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:VaultTokenAccount", name, args, opts);
    }
}

export interface VaultAccountGroupArgs extends CommonArgs {
    /** Unique on the appliance. */
    name: pulumi.Input<string>;
    description?: pulumi.Input<string>;
    accountPolicy?: pulumi.Input<string | null>;
}

/** A group of vault accounts, granted and associated together. */
export class VaultAccountGroup extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:VaultAccountGroup");
    declare readonly name: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;
    declare readonly accountPolicy: pulumi.Output<string | null>;

    constructor(name: string, args: VaultAccountGroupArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:VaultAccountGroup", name, args, opts);
    }
}

export interface VaultAccountPolicyArgs extends CommonArgs {
    /** Name, 1 to 255 characters; unique on the appliance. */
    name: pulumi.Input<string>;
    /** Unique code name, at most 64 characters: what `accountPolicy` of accounts and groups names. */
    codeName?: pulumi.Input<string>;
    /** At most 1024 characters; default "". */
    description?: pulumi.Input<string>;
    /** Change the password after each check-in; default false. */
    autoRotateCredentials?: pulumi.Input<boolean>;
    /** Several users or sessions may check the account out at once; default false. */
    allowSimultaneousCheckout?: pulumi.Input<boolean>;
    /** Rotate passwords at maximumPasswordAge; default false. */
    scheduledPasswordRotation?: pulumi.Input<boolean>;
    /** Days, 1 to 365; required with scheduledPasswordRotation, only valid with it. */
    maximumPasswordAge?: pulumi.Input<number>;
}

/** A vault account policy: rotation and check-out rules, named by accounts and groups (PRA and RS). */
export class VaultAccountPolicy extends BeyondTrustResource {
    static readonly __pulumiType = typeToken("pra:VaultAccountPolicy");
    declare readonly name: pulumi.Output<string>;
    declare readonly codeName: pulumi.Output<string | undefined>;
    declare readonly description: pulumi.Output<string>;
    declare readonly autoRotateCredentials: pulumi.Output<boolean>;
    declare readonly allowSimultaneousCheckout: pulumi.Output<boolean>;
    declare readonly scheduledPasswordRotation: pulumi.Output<boolean>;
    declare readonly maximumPasswordAge: pulumi.Output<number | undefined>;

    constructor(name: string, args: VaultAccountPolicyArgs, opts?: pulumi.CustomResourceOptions) {
        super("pra:VaultAccountPolicy", name, args, opts);
    }
}
