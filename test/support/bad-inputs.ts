// Invalid inputs across kinds, each with the property its check failure must name. Used by the unit
// layer (no server at all) and the provider layer (a simulator whose counters must show no calls).

export const SSH_KEY = "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAAtest\n-----END OPENSSH PRIVATE KEY-----\n";

const shellJump = { name: "web-1", jumpointId: 1, hostname: "10.0.0.5", jumpGroupId: 1 };
const remoteRdp = { name: "dc-1", jumpointId: 1, hostname: "10.0.0.10", jumpGroupId: 1 };
const webJump = { name: "router ui", jumpointId: 1, url: "https://10.0.0.1/", jumpGroupId: 1 };
const remoteVnc = { name: "kiosk", jumpointId: 1, hostname: "10.0.0.20", jumpGroupId: 1 };
const tcpTunnel = { name: "db ports", jumpointId: 1, hostname: "10.0.0.30", jumpGroupId: 1, tunnelDefinitions: [{ localPort: 15432, remotePort: 5432 }] };
const psqlTunnel = { name: "orders db", jumpointId: 1, hostname: "db.internal", jumpGroupId: 1 };
const networkTunnel = { name: "vpc-a network", jumpointId: 1, jumpGroupId: 1, filterRules: [{ ipAddresses: { cidr: "10.1.0.0/16" } }] };
const jumpoint = { name: "vpc-a", platform: "linux-x86" };
const upAccount = { name: "svc", username: "svc", password: "pw-Secret-1" };
const sshAccount = { name: "ssh", username: "ec2-user", privateKey: SSH_KEY };

export interface BadInput {
    title: string;
    kind: string;
    inputs: Record<string, unknown>;
    property: string;
    /** Text the failures must not show (credentials in a host, a password). */
    mustNotShow?: string[];
}

/** An object with an own "__proto__" key, as JSON (or a program's data) can carry. */
const withOwnProto = (base: Record<string, unknown>): Record<string, unknown> =>
    Object.assign(JSON.parse('{"__proto__": {"polluted": true}}') as Record<string, unknown>, base);

export const BAD_INPUTS: BadInput[] = [
    { title: "association filter 'all'", kind: "pra:VaultAccountJumpItemAssociation", inputs: { accountId: 1, filterType: "all" }, property: "filterType" },
    { title: "association without filter type", kind: "pra:VaultAccountJumpItemAssociation", inputs: { accountId: 1 }, property: "filterType" },
    {
        title: "association criteria with any_jump_items",
        kind: "pra:VaultAccountJumpItemAssociation",
        inputs: { accountId: 1, filterType: "any_jump_items", criteria: { tag: ["prod"] } },
        property: "criteria",
    },
    {
        title: "association jump items with no_jump_items",
        kind: "pra:VaultAccountGroupJumpItemAssociation",
        inputs: { accountGroupId: 1, filterType: "no_jump_items", jumpItems: [{ id: 1, type: "shell_jump" }] },
        property: "jumpItems",
    },
    {
        title: "association 33 host patterns",
        kind: "pra:VaultAccountJumpItemAssociation",
        inputs: { accountId: 1, filterType: "criteria", criteria: { host: Array.from({ length: 33 }, (_, i) => `h${i}`) } },
        property: "criteria",
    },
    {
        title: "association 65-character tag pattern",
        kind: "pra:VaultAccountGroupJumpItemAssociation",
        inputs: { accountGroupId: 1, filterType: "criteria", criteria: { tag: ["t".repeat(65)] } },
        property: "criteria",
    },
    {
        title: "association criteria with a misspelled list",
        kind: "pra:VaultAccountJumpItemAssociation",
        inputs: { accountId: 1, filterType: "criteria", criteria: { hosts: ["a"] } },
        property: "criteria",
    },
    {
        title: "association jump item of type vnc",
        kind: "pra:VaultAccountJumpItemAssociation",
        inputs: { accountId: 1, filterType: "criteria", jumpItems: [{ id: 1, type: "remote_vnc" }] },
        property: "jumpItems",
    },
    {
        title: "association shared jump group id 0",
        kind: "pra:VaultAccountGroupJumpItemAssociation",
        inputs: { accountGroupId: 1, filterType: "criteria", criteria: { sharedJumpGroups: [0] } },
        property: "criteria",
    },
    {
        title: "association adopt of another account",
        kind: "pra:VaultAccountJumpItemAssociation",
        inputs: { accountId: 1, filterType: "any_jump_items", adopt: "2" },
        property: "adopt",
    },
    { title: "member without a name", kind: "pra:GroupPolicyMember", inputs: { groupPolicyId: 1, securityProviderId: 1 }, property: "userId" },
    {
        title: "member named two ways",
        kind: "pra:GroupPolicyMember",
        inputs: { groupPolicyId: 1, securityProviderId: 3, userId: 7, distinguishedName: "CN=Ops,DC=corp" },
        property: "distinguishedName",
    },
    { title: "member without security provider", kind: "pra:GroupPolicyMember", inputs: { groupPolicyId: 1, userId: 7 }, property: "securityProviderId" },
    {
        title: "member 65-character group name",
        kind: "pra:GroupPolicyMember",
        inputs: { groupPolicyId: 1, securityProviderId: 2, groupName: "g".repeat(65) },
        property: "groupName",
    },
    { title: "member user id 0", kind: "pra:GroupPolicyMember", inputs: { groupPolicyId: 1, securityProviderId: 1, userId: 0 }, property: "userId" },
    {
        title: "member adopt id of another group policy",
        kind: "pra:GroupPolicyMember",
        inputs: { groupPolicyId: 1, securityProviderId: 1, userId: 7, adopt: "2/5" },
        property: "adopt",
    },
    { title: "shell jump port 0", kind: "pra:ShellJump", inputs: { ...shellJump, port: 0 }, property: "port" },
    { title: "shell jump port 65536", kind: "pra:ShellJump", inputs: { ...shellJump, port: 65536 }, property: "port" },
    { title: "shell jump port 22.5", kind: "pra:ShellJump", inputs: { ...shellJump, port: 22.5 }, property: "port" },
    { title: "shell jump protocol rdp", kind: "pra:ShellJump", inputs: { ...shellJump, protocol: "rdp" }, property: "protocol" },
    { title: "shell jump empty name", kind: "pra:ShellJump", inputs: { ...shellJump, name: "" }, property: "name" },
    { title: "shell jump 129-character name", kind: "pra:ShellJump", inputs: { ...shellJump, name: "n".repeat(129) }, property: "name" },
    { title: "shell jump keep_alive 301", kind: "pra:ShellJump", inputs: { ...shellJump, keepAlive: 301 }, property: "keepAlive" },
    { title: "shell jump keep_alive -1", kind: "pra:ShellJump", inputs: { ...shellJump, keepAlive: -1 }, property: "keepAlive" },
    { title: "shell jump session_policy_id 1", kind: "pra:ShellJump", inputs: { ...shellJump, sessionPolicyId: 1 }, property: "sessionPolicyId" },
    { title: "shell jump terminal vt220", kind: "pra:ShellJump", inputs: { ...shellJump, terminal: "vt220" }, property: "terminal" },
    { title: "shell jump missing hostname", kind: "pra:ShellJump", inputs: { ...shellJump, hostname: undefined }, property: "hostname" },
    { title: "shell jump jumpoint id 'abc'", kind: "pra:ShellJump", inputs: { ...shellJump, jumpointId: "abc" }, property: "jumpointId" },
    { title: "shell jump jump group id 0", kind: "pra:ShellJump", inputs: { ...shellJump, jumpGroupId: 0 }, property: "jumpGroupId" },
    { title: "shell jump 65-character tag", kind: "pra:ShellJump", inputs: { ...shellJump, tag: "t".repeat(65) }, property: "tag" },
    { title: "shell jump unknown property", kind: "pra:ShellJump", inputs: { ...shellJump, hostName: "typo" }, property: "hostName" },
    { title: "remote rdp quality 'ultra'", kind: "pra:RemoteRdp", inputs: { ...remoteRdp, quality: "ultra" }, property: "quality" },
    { title: "remote rdp secure app type 'citrix'", kind: "pra:RemoteRdp", inputs: { ...remoteRdp, secureAppType: "citrix" }, property: "secureAppType" },
    { title: "remote rdp 65-character domain", kind: "pra:RemoteRdp", inputs: { ...remoteRdp, domain: "d".repeat(65) }, property: "domain" },
    {
        title: "remote rdp session forensics on RS",
        kind: "pra:RemoteRdp",
        inputs: { ...remoteRdp, sessionForensics: true, connection: { product: "rs" } },
        property: "sessionForensics",
    },
    { title: "remote rdp app name without remote_app", kind: "pra:RemoteRdp", inputs: { ...remoteRdp, remoteAppName: "mmc" }, property: "remoteAppName" },
    { title: "web jump authentication timeout 31", kind: "pra:WebJump", inputs: { ...webJump, authenticationTimeout: 31 }, property: "authenticationTimeout" },
    { title: "web jump username format 'email'", kind: "pra:WebJump", inputs: { ...webJump, usernameFormat: "email" }, property: "usernameFormat" },
    { title: "web jump empty url", kind: "pra:WebJump", inputs: { ...webJump, url: "" }, property: "url" },
    { title: "web jump 256-character selector", kind: "pra:WebJump", inputs: { ...webJump, submitField: "s".repeat(256) }, property: "submitField" },
    { title: "web jump on RS", kind: "pra:WebJump", inputs: { ...webJump, connection: { product: "rs" } }, property: "connection.product" },
    { title: "remote vnc port 99", kind: "pra:RemoteVnc", inputs: { ...remoteVnc, port: 99 }, property: "port" },
    { title: "remote vnc missing hostname", kind: "pra:RemoteVnc", inputs: { ...remoteVnc, hostname: undefined }, property: "hostname" },
    {
        title: "tcp tunnel without port pairs",
        kind: "pra:ProtocolTunnelJump",
        inputs: { ...tcpTunnel, tunnelDefinitions: undefined },
        property: "tunnelDefinitions",
    },
    {
        title: "tcp tunnel remote port 0",
        kind: "pra:ProtocolTunnelJump",
        inputs: { ...tcpTunnel, tunnelDefinitions: [{ localPort: 1, remotePort: 0 }] },
        property: "tunnelDefinitions",
    },
    {
        title: "tcp tunnel pair as a string",
        kind: "pra:ProtocolTunnelJump",
        inputs: { ...tcpTunnel, tunnelDefinitions: "22;24" },
        property: "tunnelDefinitions",
    },
    { title: "tcp tunnel type 'udp'", kind: "pra:ProtocolTunnelJump", inputs: { ...tcpTunnel, tunnelType: "udp" }, property: "tunnelType" },
    {
        title: "k8s tunnel without url",
        kind: "pra:ProtocolTunnelJump",
        inputs: { ...tcpTunnel, tunnelDefinitions: undefined, tunnelType: "k8s", caCertificates: "pem" },
        property: "url",
    },
    { title: "tcp tunnel with a database", kind: "pra:ProtocolTunnelJump", inputs: { ...tcpTunnel, database: "db" }, property: "database" },
    {
        title: "tcp tunnel listen address outside 127.0.0.0/24",
        kind: "pra:ProtocolTunnelJump",
        inputs: { ...tcpTunnel, tunnelListenAddress: "10.0.0.1" },
        property: "tunnelListenAddress",
    },
    { title: "tcp tunnel on RS", kind: "pra:ProtocolTunnelJump", inputs: { ...tcpTunnel, connection: { product: "rs" } }, property: "connection.product" },
    {
        title: "postgresql tunnel 129-character database",
        kind: "pra:PostgresqlTunnelJump",
        inputs: { ...psqlTunnel, database: "d".repeat(129) },
        property: "database",
    },
    { title: "mysql tunnel missing hostname", kind: "pra:MysqlTunnelJump", inputs: { ...psqlTunnel, hostname: undefined }, property: "hostname" },
    {
        title: "mysql tunnel listen address 127.0.1.1",
        kind: "pra:MysqlTunnelJump",
        inputs: { ...psqlTunnel, tunnelListenAddress: "127.0.1.1" },
        property: "tunnelListenAddress",
    },
    { title: "network tunnel without rules", kind: "pra:NetworkTunnelJump", inputs: { ...networkTunnel, filterRules: [] }, property: "filterRules" },
    {
        title: "network tunnel CIDR /33",
        kind: "pra:NetworkTunnelJump",
        inputs: { ...networkTunnel, filterRules: [{ ipAddresses: { cidr: "10.0.0.0/33" } }] },
        property: "filterRules",
    },
    {
        title: "network tunnel cidr and list together",
        kind: "pra:NetworkTunnelJump",
        inputs: { ...networkTunnel, filterRules: [{ ipAddresses: { cidr: "10.0.0.0/8", list: ["10.0.0.1"] } }] },
        property: "filterRules",
    },
    {
        title: "network tunnel protocol 'tcp'",
        kind: "pra:NetworkTunnelJump",
        inputs: { ...networkTunnel, filterRules: [{ ipAddresses: { cidr: "10.0.0.0/8" }, protocol: "tcp" }] },
        property: "filterRules",
    },
    {
        title: "network tunnel ports on ICMP",
        kind: "pra:NetworkTunnelJump",
        inputs: { ...networkTunnel, filterRules: [{ ipAddresses: { cidr: "10.0.0.0/8" }, protocol: "ICMP", ports: { list: [1] } }] },
        property: "filterRules",
    },
    { title: "network tunnel with a hostname", kind: "pra:NetworkTunnelJump", inputs: { ...networkTunnel, hostname: "h" }, property: "hostname" },
    { title: "jump policy without display name", kind: "pra:JumpPolicy", inputs: { codeName: "p" }, property: "displayName" },
    {
        title: "jump policy approvals with a schedule",
        kind: "pra:JumpPolicy",
        inputs: { displayName: "p", approvalRequired: true, approvalUserIds: ["1"] },
        property: "approvalRequired",
    },
    {
        title: "jump policy strict schedule without one",
        kind: "pra:JumpPolicy",
        inputs: { displayName: "p", scheduleEnabled: false, scheduleStrict: true },
        property: "scheduleStrict",
    },
    { title: "jump policy approval duration 0", kind: "pra:JumpPolicy", inputs: { displayName: "p", approvalMaxDuration: 0 }, property: "approvalMaxDuration" },
    {
        title: "jump policy e-mail list of numbers",
        kind: "pra:JumpPolicy",
        inputs: { displayName: "p", notificationEmailAddresses: [1] },
        property: "notificationEmailAddresses",
    },
    {
        title: "jump policy notification on RS",
        kind: "pra:JumpPolicy",
        inputs: { displayName: "p", sessionStartNotification: true, connection: { product: "rs" } },
        property: "sessionStartNotification",
    },
    { title: "jump policy schedule as input", kind: "pra:JumpPolicy", inputs: { displayName: "p", schedule: { timezone: "UTC" } }, property: "schedule" },
    {
        title: "account policy rotation without an age",
        kind: "pra:VaultAccountPolicy",
        inputs: { name: "p", scheduledPasswordRotation: true },
        property: "maximumPasswordAge",
    },
    {
        title: "account policy age 366",
        kind: "pra:VaultAccountPolicy",
        inputs: { name: "p", scheduledPasswordRotation: true, maximumPasswordAge: 366 },
        property: "maximumPasswordAge",
    },
    {
        title: "account policy age without rotation",
        kind: "pra:VaultAccountPolicy",
        inputs: { name: "p", maximumPasswordAge: 30 },
        property: "maximumPasswordAge",
    },
    { title: "account policy 65-character code name", kind: "pra:VaultAccountPolicy", inputs: { name: "p", codeName: "c".repeat(65) }, property: "codeName" },
    { title: "jumpoint platform macos", kind: "pra:Jumpoint", inputs: { ...jumpoint, platform: "macos" }, property: "platform" },
    { title: "jumpoint code name with spaces", kind: "pra:Jumpoint", inputs: { ...jumpoint, codeName: "vpc a" }, property: "codeName" },
    { title: "jumpoint code name of 65 characters", kind: "pra:Jumpoint", inputs: { ...jumpoint, codeName: "c".repeat(65) }, property: "codeName" },
    { title: "jumpoint 256-character name", kind: "pra:Jumpoint", inputs: { ...jumpoint, name: "j".repeat(256) }, property: "name" },
    { title: "jumpoint enabled 'yes'", kind: "pra:Jumpoint", inputs: { ...jumpoint, enabled: "yes" }, property: "enabled" },
    {
        title: "jumpoint protocol tunnel on RS",
        kind: "pra:Jumpoint",
        inputs: { ...jumpoint, protocolTunnelEnabled: true, connection: { product: "rs" } },
        property: "protocolTunnelEnabled",
    },
    { title: "jump group code name 'a/b'", kind: "pra:JumpGroup", inputs: { name: "g", codeName: "a/b" }, property: "codeName" },
    { title: "jump group missing name", kind: "pra:JumpGroup", inputs: { codeName: "g" }, property: "name" },
    { title: "vault account empty password", kind: "pra:VaultUsernamePasswordAccount", inputs: { ...upAccount, password: "" }, property: "password" },
    {
        title: "vault account 256-character password",
        kind: "pra:VaultUsernamePasswordAccount",
        inputs: { ...upAccount, password: "p".repeat(256) },
        property: "password",
    },
    { title: "vault account group id -3", kind: "pra:VaultUsernamePasswordAccount", inputs: { ...upAccount, accountGroupId: -3 }, property: "accountGroupId" },
    { title: "ssh account unknown vault type", kind: "pra:VaultSshAccount", inputs: { ...sshAccount, type: "x509_ca" }, property: "type" },
    { title: "ssh account missing private key", kind: "pra:VaultSshAccount", inputs: { ...sshAccount, privateKey: undefined }, property: "privateKey" },
    { title: "ssh account private key not PEM", kind: "pra:VaultSshAccount", inputs: { ...sshAccount, privateKey: "ssh-rsa AAAA" }, property: "privateKey" },
    { title: "token account missing token", kind: "pra:VaultTokenAccount", inputs: { name: "api" }, property: "token" },
    {
        title: "group policy idle timeout 86401",
        kind: "pra:GroupPolicy",
        inputs: { name: "ops", permSessionIdleTimeout: 86401 },
        property: "permSessionIdleTimeout",
    },
    { title: "group policy access status 'open'", kind: "pra:GroupPolicy", inputs: { name: "ops", accessPermStatus: "open" }, property: "accessPermStatus" },
    { title: "vault grant role owner", kind: "pra:GroupPolicyVaultAccount", inputs: { groupPolicyId: 1, accountId: 2, role: "owner" }, property: "role" },
    {
        title: "vault group grant role admin",
        kind: "pra:GroupPolicyVaultAccountGroup",
        inputs: { groupPolicyId: 1, accountGroupId: 1, role: "admin" },
        property: "role",
    },
    {
        title: "jump group grant role -1",
        kind: "pra:GroupPolicyJumpGroup",
        inputs: { groupPolicyId: 1, jumpGroupId: 1, jumpItemRoleId: -1 },
        property: "jumpItemRoleId",
    },
    { title: "jumpoint grant without group policy", kind: "pra:GroupPolicyJumpoint", inputs: { jumpointId: 1 }, property: "groupPolicyId" },
    { title: "connection host not a URL", kind: "pra:JumpGroup", inputs: { name: "g", connection: { host: "http://" } }, property: "connection.host" },
    { title: "connection with unknown key", kind: "pra:JumpGroup", inputs: { name: "g", connection: { hostname: "x" } }, property: "connection.hostname" },
    { title: "adopt 3.5", kind: "pra:JumpGroup", inputs: { name: "g", adopt: 3.5 }, property: "adopt" },
    // Issue 11, item 9: bad input that used to pass check.
    { title: "property named constructor", kind: "pra:ShellJump", inputs: { ...shellJump, constructor: "x" }, property: "constructor" },
    { title: "property named toString", kind: "pra:JumpGroup", inputs: { name: "g", toString: "x" }, property: "toString" },
    { title: "property named hasOwnProperty", kind: "pra:JumpGroup", inputs: { name: "g", hasOwnProperty: "x" }, property: "hasOwnProperty" },
    { title: "own property named __proto__", kind: "pra:JumpGroup", inputs: withOwnProto({ name: "g" }), property: "__proto__" },
    { title: "an output given as input", kind: "pra:Jumpoint", inputs: { ...jumpoint, connected: true }, property: "connected" },
    {
        title: "misspelled property (case)",
        kind: "pra:VaultUsernamePasswordAccount",
        inputs: { ...upAccount, passWord: "pw-Typo-Secret-2" },
        property: "passWord",
        mustNotShow: ["pw-Typo-Secret-2"],
    },
    { title: "adopt 'abc'", kind: "pra:JumpGroup", inputs: { name: "g", adopt: "abc" }, property: "adopt" },
    { title: "adopt '0'", kind: "pra:JumpGroup", inputs: { name: "g", adopt: "0" }, property: "adopt" },
    { title: "adopt '-5'", kind: "pra:JumpGroup", inputs: { name: "g", adopt: "-5" }, property: "adopt" },
    { title: "adopt 1.5", kind: "pra:Jumpoint", inputs: { ...jumpoint, adopt: 1.5 }, property: "adopt" },
    { title: "adopt 0", kind: "pra:Jumpoint", inputs: { ...jumpoint, adopt: 0 }, property: "adopt" },
    { title: "adopt '12abc'", kind: "pra:ShellJump", inputs: { ...shellJump, adopt: "12abc" }, property: "adopt" },
    { title: "adopt beyond the id range", kind: "pra:ShellJump", inputs: { ...shellJump, adopt: "2147483648" }, property: "adopt" },
    { title: "adopt 'true' as a string", kind: "pra:JumpGroup", inputs: { name: "g", adopt: "true" }, property: "adopt" },
    { title: "grant adopt a plain id", kind: "pra:GroupPolicyJumpoint", inputs: { groupPolicyId: 1, jumpointId: 2, adopt: "2" }, property: "adopt" },
    { title: "grant adopt '1/0'", kind: "pra:GroupPolicyVaultAccount", inputs: { groupPolicyId: 1, accountId: 2, adopt: "1/0" }, property: "adopt" },
    {
        title: "connection host with user:password@",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { host: "https://admin:Hunter2-host-pw@pra.example.com" } },
        property: "connection.host",
        mustNotShow: ["Hunter2-host-pw", "admin"],
    },
    {
        title: "connection bare host with user:password@",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { host: "admin:Hunter2-host-pw@pra.example.com" } },
        property: "connection.host",
        mustNotShow: ["Hunter2-host-pw", "admin"],
    },
    {
        title: "connection host with credentials and no host name",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { host: "https://admin:Hunter2-host-pw@" } },
        property: "connection.host",
        mustNotShow: ["Hunter2-host-pw", "admin"],
    },
    {
        title: "connection host with a path",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { host: "https://pra.example.com/api/config/v1" } },
        property: "connection.host",
    },
    {
        title: "connection host with a query",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { host: "https://pra.example.com?token=q-Secret-3" } },
        property: "connection.host",
        mustNotShow: ["q-Secret-3"],
    },
    {
        title: "connection host with a fragment",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { host: "pra.example.com#f-Secret-4" } },
        property: "connection.host",
        mustNotShow: ["f-Secret-4"],
    },
    {
        title: "connection host with scheme ftp",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { host: "ftp://pra.example.com" } },
        property: "connection.host",
    },
    {
        title: "connection caFile missing",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { caFile: "/nonexistent/bt-ca.pem" } },
        property: "connection.caFile",
    },
    { title: "connection caFile a directory", kind: "pra:JumpGroup", inputs: { name: "g", connection: { caFile: __dirname } }, property: "connection.caFile" },
    {
        title: "connection caFile without a PEM certificate",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { caFile: __filename } },
        property: "connection.caFile",
    },
    {
        title: "connection setting misspelled",
        kind: "pra:JumpGroup",
        inputs: { name: "g", connection: { clientSecrt: "x" } },
        property: "connection.clientSecrt",
    },
    { title: "shell jump port NaN", kind: "pra:ShellJump", inputs: { ...shellJump, port: NaN }, property: "port" },
    { title: "shell jump port Infinity", kind: "pra:ShellJump", inputs: { ...shellJump, port: Infinity }, property: "port" },
];
