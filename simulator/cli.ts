#!/usr/bin/env node
// bt-simulator: runs the simulated appliances (PRA or RS, and Password Safe beside it) until
// SIGINT/SIGTERM and prints the BT_* variables a client (btapi, the provider, tests) needs, one per
// line, so callers can parse or `eval` them: PRA/RS's first, then BT_PS_*.
import { MAX_LATENCY_MS } from "./core/faults";
import { DEFAULTS, SimulatorOptions, startSimulator } from "./index";

const USAGE = `Usage: bt-simulator [options]

  --host HOST              address to listen on (default ${DEFAULTS.host})
  --port PORT              port; 0 picks a free one (default ${DEFAULTS.port})
  --product pra|rs         which appliance to simulate (default ${DEFAULTS.product})
  --client-id ID           API account client id (default: random)
  --client-secret SECRET   API account client secret (default: random)
  --epm-client-id ID       EPM API account client id (default: random)
  --epm-client-secret S    EPM API account client secret (default: random)
  --ps-api-key KEY         Password Safe API key (default: random, 128 hex characters)
  --ps-runas USER          the key's runas user (default ps-admin)
  --ps-client-id ID        Password Safe OAuth client id (default: a random GUID)
  --ps-client-secret S     Password Safe OAuth client secret (default: random)
  --ps-session-idle-seconds N
                           Password Safe session idle timeout (default 1200)
  --state FILE             load objects from FILE at start and keep it updated
  --https                  serve HTTPS with a generated self-signed certificate
  --rate-per-second N      per-account request limit per second (default ${DEFAULTS.ratePerSecond})
  --rate-per-hour N        per-account request limit per hour (default ${DEFAULTS.ratePerHour})
  --latency MS             delay every API response by MS milliseconds (default 0)
  --token-ttl SECONDS      OAuth token lifetime (default ${DEFAULTS.tokenTtlSeconds})
  --verbose                log one line per request to stderr
  --help                   show this help
`;

export function parseArgs(argv: string[]): SimulatorOptions & { verbose: boolean; help: boolean } {
    const out: SimulatorOptions & { verbose: boolean; help: boolean } = { verbose: false, help: false };
    const need = (i: number, flag: string) => {
        const v = argv[i + 1];
        if (v === undefined || v.startsWith("--")) throw new Error(`${flag} needs a value`);
        return v;
    };
    const num = (v: string, flag: string, min: number) => {
        const n = Number(v);
        if (!Number.isFinite(n) || n < min) throw new Error(`${flag} must be a number >= ${min}`);
        return n;
    };
    for (let i = 0; i < argv.length; i++) {
        const [flag, inline] = argv[i].includes("=") ? [argv[i].slice(0, argv[i].indexOf("=")), argv[i].slice(argv[i].indexOf("=") + 1)] : [argv[i], undefined];
        const value = () => {
            if (inline !== undefined) return inline;
            const v = need(i, flag);
            i++;
            return v;
        };
        switch (flag) {
            case "--host":
                out.host = value();
                break;
            case "--port":
                out.port = Math.trunc(num(value(), flag, 0));
                break;
            case "--product": {
                const p = value();
                if (p !== "pra" && p !== "rs") throw new Error("--product must be pra or rs");
                out.product = p;
                break;
            }
            case "--client-id":
                out.clientId = value();
                break;
            case "--client-secret":
                out.clientSecret = value();
                break;
            case "--epm-client-id":
                out.epmClientId = value();
                break;
            case "--epm-client-secret":
                out.epmClientSecret = value();
                break;
            case "--state":
                out.stateFile = value();
                break;
            case "--ps-api-key":
                out.psApiKey = value();
                break;
            case "--ps-runas":
                out.psRunAs = value();
                break;
            case "--ps-client-id":
                out.psClientId = value();
                break;
            case "--ps-client-secret":
                out.psClientSecret = value();
                break;
            case "--ps-session-idle-seconds":
                out.psSessionIdleSeconds = num(value(), flag, 1);
                break;
            case "--https":
                out.https = true;
                break;
            case "--rate-per-second":
                out.ratePerSecond = num(value(), flag, 1);
                break;
            case "--rate-per-hour":
                out.ratePerHour = num(value(), flag, 1);
                break;
            case "--latency": {
                out.latencyMs = num(value(), flag, 0);
                if (out.latencyMs > MAX_LATENCY_MS) throw new Error(`--latency must be at most ${MAX_LATENCY_MS} ms (10 minutes)`);
                break;
            }
            case "--token-ttl":
                out.tokenTtlSeconds = num(value(), flag, 1);
                break;
            case "--verbose":
                out.verbose = true;
                break;
            case "--help":
            case "-h":
                out.help = true;
                break;
            default:
                throw new Error(`unknown option ${argv[i]}`);
        }
    }
    return out;
}

async function main(): Promise<void> {
    let opts: ReturnType<typeof parseArgs>;
    try {
        opts = parseArgs(process.argv.slice(2));
    } catch (err) {
        process.stderr.write(`bt-simulator: ${(err as Error).message}\n\n${USAGE}`);
        process.exit(2);
    }
    if (opts.help) {
        process.stdout.write(USAGE);
        return;
    }
    const sim = await startSimulator({
        ...opts,
        log: opts.verbose ? (line) => process.stderr.write(`bt-simulator: ${line}\n`) : undefined,
    });
    process.stdout.write(sim.lines.join("\n") + "\n");

    let stopping = false;
    const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        if (opts.verbose) process.stderr.write(`bt-simulator: ${signal}, stopping\n`);
        sim.close().then(
            () => process.exit(0),
            (err) => {
                process.stderr.write(`bt-simulator: error while stopping: ${(err as Error).message}\n`);
                process.exit(1);
            },
        );
    };
    process.on("SIGINT", () => stop("SIGINT"));
    process.on("SIGTERM", () => stop("SIGTERM"));
}

if (require.main === module) {
    main().catch((err) => {
        process.stderr.write(`bt-simulator: ${(err as Error).message}\n`);
        process.exit(1);
    });
}
