import * as path from "path";
import * as pulumi from "@pulumi/pulumi";
import { passwordsafe } from "pulumi-beyondtrust";

export interface PasswordSafeCiSettings {
    /** The safe's name; unique on the appliance, so two stacks need two names. */
    safeName: string;
    /** The folder inside the safe that holds this pipeline's secrets. */
    folderName: string;
    /** The database account the pipeline deploys with. */
    dbUsername: string;
    dbPassword: pulumi.Input<string>;
    /** Host and database the `database-url` secret points at. */
    dbHost: string;
    dbName: string;
    /** The banner the deploy job prints (a text secret, to show the kind). */
    deployNotice: pulumi.Input<string>;
    /** Users who own the credential (Password Safe user ids); by default the signed-in user. */
    ownerUserIds?: number[];
    /** A local file uploaded as the `ci-config` file secret; only its SHA-256 reaches state. */
    contentFile: string;
}

/**
 * The secrets of a CI pipeline in BeyondTrust Password Safe: a safe, a folder, a credential, a
 * text, a file, and a `database-url` text built from the credential as Password Safe returns it
 * (a lookup by the credential's id, so it runs once the credential exists, never at the first
 * preview). Every value is a secret Output: it is encrypted in state and never printed.
 * The connection comes from stack config (beyondtrust:passwordSafeUrl and an API key + run-as user,
 * or an OAuth client) or from the BT_PS_* environment.
 */
export function passwordSafeCi(s: PasswordSafeCiSettings) {
    const safe = new passwordsafe.Safe("ci-safe", {
        name: s.safeName,
        description: "Secrets of the CI pipeline, managed by Pulumi",
    });
    const folder = new passwordsafe.Folder("ci-folder", {
        name: s.folderName,
        parentId: safe.id,
    });
    const db = new passwordsafe.CredentialSecret("db-deployer", {
        folderId: folder.id,
        title: "db-deployer",
        username: s.dbUsername,
        password: pulumi.secret(s.dbPassword),
        description: "Database account the deploy job uses",
        owners: s.ownerUserIds?.map((userId) => ({ userId })),
        urls: [`postgres://${s.dbHost}/${s.dbName}`],
    });
    const notice = new passwordsafe.TextSecret("deploy-notice", {
        folderId: folder.id,
        title: "deploy-notice",
        text: pulumi.secret(s.deployNotice),
    });
    const config = new passwordsafe.FileSecret("ci-config", {
        folderId: folder.id,
        title: "ci-config",
        fileName: path.basename(s.contentFile),
        contentFile: s.contentFile,
    });
    // Read back what Password Safe holds for the credential (its username and password), and build
    // the connection string the application reads. The lookup's result is a secret Output, so is
    // everything interpolated from it.
    const stored = passwordsafe.getSecret({ id: db.id });
    const databaseUrl = new passwordsafe.TextSecret("database-url", {
        folderId: folder.id,
        title: "database-url",
        text: pulumi.interpolate`postgres://${stored.username}:${stored.value}@${s.dbHost}/${s.dbName}`,
    });
    return {
        safeId: safe.id,
        folderId: folder.id,
        credentialId: db.id,
        noticeId: notice.id,
        fileId: config.id,
        fileSha256: config.contentSha256,
        databaseUrlId: databaseUrl.id,
    };
}

/** The sample file shipped with the example (not a secret: a CI settings file). */
export const SAMPLE_FILE = path.join(__dirname, "ci-settings.yaml");

/** Settings from stack config, with defaults that suit the simulator. */
export function settingsFromConfig(): PasswordSafeCiSettings {
    const config = new pulumi.Config();
    return {
        safeName: config.get("safeName") ?? "CI Pipeline",
        folderName: config.get("folderName") ?? "deploy",
        dbUsername: config.get("dbUsername") ?? "deployer",
        dbPassword: config.requireSecret("dbPassword"),
        dbHost: config.get("dbHost") ?? "db.internal:5432",
        dbName: config.get("dbName") ?? "app",
        deployNotice: config.getSecret("deployNotice") ?? "Deploys are frozen on Fridays after 15:00.",
        ownerUserIds: config.getObject<number[]>("ownerUserIds"),
        contentFile: config.get("contentFile") ?? SAMPLE_FILE,
    };
}
