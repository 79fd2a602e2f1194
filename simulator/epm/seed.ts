// A small tenant to start from: the default group, two more groups, one policy assigned to one
// of them, and six computers across Windows and macOS (connected and not). Fixed ids, so demos
// and tests can name them; timestamps relative to the simulator's clock at reset.
import { EpmDump } from "./store";

export const SEED_IDS = {
    defaultGroup: "00000000-0000-4000-8000-000000000001",
    workstations: "00000000-0000-4000-8000-000000000002",
    macFleet: "00000000-0000-4000-8000-000000000003",
    baselinePolicy: "00000000-0000-4000-8000-0000000000a1",
    baselineRevision: "00000000-0000-4000-8000-0000000000b1",
};

export const SEED_POLICY_XML = `<?xml version="1.0" encoding="utf-8"?>
<Configuration ID="${SEED_IDS.baselinePolicy}" FileVersion="1" Name="Baseline Windows Policy">
  <ApplicationGroups />
  <Policies />
</Configuration>
`;

const DAY = 86_400_000;

export function epmSeed(now: number): EpmDump {
    const at = (daysAgo: number) => new Date(now - daysAgo * DAY).toISOString();
    const computer = (
        n: number,
        host: string,
        os: string,
        hostType: "MicrosoftWindows" | "MacOS",
        groupId: string,
        connected: boolean,
        agentVersion: string,
    ) => ({
        id: `00000000-0000-4000-8000-0000000000c${n}`,
        created: at(40 - n),
        host,
        domain: hostType === "MacOS" ? "mac.corp.example" : "corp.example",
        os,
        hostType,
        agentVersion,
        adapterVersion: agentVersion,
        authorisationState: "Authorised" as const,
        connectionStatus: connected ? ("Connected" as const) : ("Disconnected" as const),
        lastConnected: connected ? at(0) : at(3 + n),
        archived: false,
        deactivated: false,
        groupId,
    });
    return {
        groups: [
            {
                id: SEED_IDS.defaultGroup,
                name: "Default Group",
                description: "Computers land here when they register.",
                created: at(60),
                isDefault: true,
                policyRevisionId: null,
            },
            {
                id: SEED_IDS.workstations,
                name: "Windows Workstations",
                description: "Office desktops and laptops",
                created: at(50),
                isDefault: false,
                policyRevisionId: SEED_IDS.baselineRevision,
            },
            { id: SEED_IDS.macFleet, name: "Mac Fleet", description: null, created: at(45), isDefault: false, policyRevisionId: null },
        ],
        policies: [
            {
                id: SEED_IDS.baselinePolicy,
                name: "Baseline Windows Policy",
                description: "QuickStart-style baseline",
                created: at(50),
                lastModifiedDate: at(50),
                lastModifiedUser: "admin@corp.example",
            },
        ],
        revisions: [
            {
                id: SEED_IDS.baselineRevision,
                policyId: SEED_IDS.baselinePolicy,
                revision: 1,
                created: at(50),
                comment: "Initial import",
                lastModifiedUser: "admin@corp.example",
                content: SEED_POLICY_XML,
            },
        ],
        computers: [
            computer(1, "CORPWS01", "Windows 11 Enterprise 23H2", "MicrosoftWindows", SEED_IDS.workstations, true, "25.8.12.0"),
            computer(2, "CORPWS02", "Windows 11 Enterprise 23H2", "MicrosoftWindows", SEED_IDS.workstations, true, "25.8.12.0"),
            computer(3, "CORPWS03", "Windows 10 Enterprise 22H2", "MicrosoftWindows", SEED_IDS.workstations, false, "24.7.3.0"),
            computer(4, "CORPSRV01", "Windows Server 2022 Standard", "MicrosoftWindows", SEED_IDS.defaultGroup, true, "25.8.12.0"),
            computer(5, "MACBOOK-ANA", "macOS 14.6 Sonoma", "MacOS", SEED_IDS.macFleet, true, "25.6.1.0"),
            computer(6, "MACMINI-LAB", "macOS 13.6 Ventura", "MacOS", SEED_IDS.macFleet, false, "24.9.0.0"),
        ],
    };
}
