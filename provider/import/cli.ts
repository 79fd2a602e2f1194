#!/usr/bin/env node
// `pulumi-beyondtrust import`: writes a Pulumi program that adopts what a live appliance holds.
// The connection comes from the environment (BT_API_HOST, BT_CLIENT_ID, BT_CLIENT_SECRET, BT_CA_FILE,
// BT_INSECURE, BT_PRODUCT), as the provider reads it, or from the flags below.
import { clientStats } from "../core/stats";
import type { ConnectionInput } from "../core/connection";
import { SPECS } from "../registry";
import { importEstate, Progress } from "./index";

const USAGE = `usage: pulumi-beyondtrust import [options]

Reads a BeyondTrust PRA/RS appliance and writes a Pulumi TypeScript program (index.ts, estate.ts,
Pulumi.yaml, package.json, tsconfig.json, README.md) with one resource per object, each adopting it
by id, so the first \`pulumi up\` changes nothing.

  --out DIR            where to write the program (default ./beyondtrust-estate)
  --project NAME       Pulumi project name (default beyondtrust-estate)
  --kind KIND          only these kinds (repeatable or comma-separated): ${SPECS.map((s) => s.kind.split(":")[1]).join(", ")}
  --name PATTERN       only objects whose name matches (* and ?, case-insensitive); grants follow their group policy
  --jump-group G       only these Jump Groups (name or id; repeatable), their items and grants of them
  --include-personal   also jump items and vault accounts in users' personal lists
  --force              overwrite a program already in DIR
  --host, --client-id, --ca-file, --insecure, --product pra|rs
                       connection settings (default: BT_API_HOST, BT_CLIENT_ID, ...; the secret only from BT_CLIENT_SECRET)
`;

interface Args {
    out: string;
    project?: string;
    kinds: string[];
    name?: string;
    jumpGroups: string[];
    includePersonal: boolean;
    force: boolean;
    connection: ConnectionInput;
}

function parse(argv: string[]): Args {
    const a: Args = { out: "beyondtrust-estate", kinds: [], jumpGroups: [], includePersonal: false, force: false, connection: {} };
    for (let i = 0; i < argv.length; i++) {
        const flag = argv[i];
        const value = () => {
            const v = argv[++i];
            if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value\n\n${USAGE}`);
            return v;
        };
        switch (flag) {
            case "--out":
                a.out = value();
                break;
            case "--project":
                a.project = value();
                break;
            case "--kind":
                a.kinds.push(
                    ...value()
                        .split(",")
                        .map((s) => s.trim())
                        .filter(Boolean),
                );
                break;
            case "--name":
                a.name = value();
                break;
            case "--jump-group":
                a.jumpGroups.push(value());
                break;
            case "--include-personal":
                a.includePersonal = true;
                break;
            case "--force":
                a.force = true;
                break;
            case "--host":
                a.connection.host = value();
                break;
            case "--client-id":
                a.connection.clientId = value();
                break;
            case "--ca-file":
                a.connection.caFile = value();
                break;
            case "--insecure":
                a.connection.insecure = true;
                break;
            case "--product": {
                const p = value();
                if (p !== "pra" && p !== "rs") throw new Error(`--product must be pra or rs`);
                a.connection.product = p;
                break;
            }
            case "-h":
            case "--help":
                process.stdout.write(USAGE);
                process.exit(0);
            default:
                throw new Error(`unknown option ${flag}\n\n${USAGE}`);
        }
    }
    return a;
}

/** One line, rewritten in place, on a terminal only (never in logs or pipes). */
function progressLine(): ((p: Progress) => void) | undefined {
    if (!process.stderr.isTTY) return undefined;
    return (p) => {
        const text = p.kind === "done" ? "" : `importing ${p.kind} (${p.kindsDone + 1}/${p.kindsTotal}): ${p.objects} objects, ${p.calls} API calls`;
        process.stderr.write(`\r\x1b[K${text}`);
    };
}

export async function main(argv: string[]): Promise<number> {
    const [command, ...rest] = argv;
    if (command === "-h" || command === "--help" || command === undefined) {
        process.stdout.write(USAGE);
        return command === undefined ? 2 : 0;
    }
    if (command !== "import") {
        process.stderr.write(`unknown command ${JSON.stringify(command)}\n\n${USAGE}`);
        return 2;
    }
    const args = parse(rest);
    const { estate, program, outDir } = await importEstate({
        outDir: args.out,
        project: args.project,
        kinds: args.kinds,
        namePattern: args.name,
        jumpGroups: args.jumpGroups,
        includePersonal: args.includePersonal,
        force: args.force,
        connection: Object.keys(args.connection).length ? args.connection : undefined,
        onProgress: progressLine(),
    });
    const out = process.stdout;
    out.write(
        `Imported ${program.resources} objects from ${estate.conn.origin} in ${(estate.ms / 1000).toFixed(1)} s ` +
            `with ${estate.calls} API calls (${clientStats.tokensMinted} token${clientStats.tokensMinted === 1 ? "" : "s"}) into ${outDir}\n`,
    );
    if (estate.skipped.length) out.write(`Skipped ${estate.skipped.length} (built-in or personal; listed in README.md)\n`);
    for (const w of program.warnings) out.write(`warning: ${w}\n`);
    if (program.secrets.length) {
        out.write(`\nSet these ${program.secrets.length} secrets (the credentials' current values) before \`pulumi up\`; also in README.md:\n`);
        for (const s of program.secrets)
            out.write(`  pulumi config set --secret ${s.key} ...   # ${s.kind.split(":")[1]} ${JSON.stringify(s.resource)} ${s.property}\n`);
    }
    out.write(`\nThen: cd ${outDir} && npm install && pulumi up   (expect ${program.resources} to create, each adopting its object)\n`);
    return 0;
}

if (require.main === module) {
    main(process.argv.slice(2)).then(
        (code) => process.exit(code),
        (err) => {
            process.stderr.write(`\r\x1b[Kpulumi-beyondtrust import: ${err instanceof Error ? err.message : String(err)}\n`);
            process.exit(1);
        },
    );
}
