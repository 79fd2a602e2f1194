import * as pulumi from "@pulumi/pulumi";
import { BeyondTrustResource, typeToken } from "../resource";
import { PasswordSafeCommonArgs } from "./connection";

export interface SecretOwner {
    userId?: number;
    groupId?: number;
    name?: string;
    email?: string;
}

/** What every secret kind has. */
export interface SecretArgs extends PasswordSafeCommonArgs {
    /** The folder (or safe) id; a new one moves the secret in place. */
    folderId: pulumi.Input<string>;
    /** 1 to 256 characters, unique within the folder. */
    title: pulumi.Input<string>;
    /** At most 256 characters; default "". */
    description?: pulumi.Input<string>;
    /** At most 4000 characters; default "". */
    notes?: pulumi.Input<string>;
    /** Owners (API 3.1); by default the signed-in user. */
    owners?: pulumi.Input<pulumi.Input<SecretOwner>[]>;
    /** URLs where the secret is used; default []. */
    urls?: pulumi.Input<pulumi.Input<string>[]>;
}

abstract class Secret extends BeyondTrustResource {
    declare readonly folderId: pulumi.Output<string>;
    declare readonly title: pulumi.Output<string>;
    declare readonly description: pulumi.Output<string>;
    declare readonly notes: pulumi.Output<string>;
    declare readonly owners: pulumi.Output<SecretOwner[]>;
    declare readonly urls: pulumi.Output<string[]>;
    declare readonly folderPath: pulumi.Output<string>;
    declare readonly createdOn: pulumi.Output<string>;
    declare readonly modifiedOn: pulumi.Output<string>;
}

export interface CredentialSecretArgs extends SecretArgs {
    /** 1 to 1000 characters. */
    username: pulumi.Input<string>;
    /** 1 to 256 characters; secret in state. */
    password: pulumi.Input<string>;
}

/** A username and password kept in Password Safe. */
export class CredentialSecret extends Secret {
    static readonly __pulumiType = typeToken("passwordsafe:CredentialSecret");
    declare readonly username: pulumi.Output<string>;
    declare readonly password: pulumi.Output<string>;

    constructor(name: string, args: CredentialSecretArgs, opts?: pulumi.CustomResourceOptions) {
        super("passwordsafe:CredentialSecret", name, args, opts);
    }
}

export interface TextSecretArgs extends SecretArgs {
    /** 1 to 4096 characters; secret in state. */
    text: pulumi.Input<string>;
}

/** A text kept in Password Safe. */
export class TextSecret extends Secret {
    static readonly __pulumiType = typeToken("passwordsafe:TextSecret");
    declare readonly text: pulumi.Output<string>;

    constructor(name: string, args: TextSecretArgs, opts?: pulumi.CustomResourceOptions) {
        super("passwordsafe:TextSecret", name, args, opts);
    }
}

export interface FileSecretArgs extends SecretArgs {
    /** The file's name (no / or \), 1 to 256 characters. */
    fileName: pulumi.Input<string>;
    /** The content as text (secret in state); or give contentFile. At most 5,000,000 bytes. */
    content?: pulumi.Input<string>;
    /** A local file uploaded as is, read at preview; its bytes never reach state, only contentSha256. */
    contentFile?: pulumi.Input<string>;
}

/** A file kept in Password Safe. */
export class FileSecret extends Secret {
    static readonly __pulumiType = typeToken("passwordsafe:FileSecret");
    declare readonly fileName: pulumi.Output<string>;
    declare readonly content: pulumi.Output<string | undefined>;
    declare readonly contentFile: pulumi.Output<string | undefined>;
    /** Lowercase SHA-256 hex of the content, as the appliance reports it (FileHash). */
    declare readonly contentSha256: pulumi.Output<string>;

    constructor(name: string, args: FileSecretArgs, opts?: pulumi.CustomResourceOptions) {
        super("passwordsafe:FileSecret", name, args, opts);
    }
}
