// The importer: a live appliance in, a Pulumi program out (`npx pulumi-beyondtrust import`).
// read.ts lists every kind through the specs' ObjectApi.list; emit.ts writes the program from the
// specs' field tables; names.ts makes the names. No kind has code of its own here.
import * as fs from "fs";
import * as path from "path";
import { generate, Generated } from "./emit";
import { Estate, readEstate, ReadOptions } from "./read";

export { readEstate, type Estate, type ReadOptions, type ImportedObject, type Progress } from "./read";
export { generate, type Generated, type SecretKey } from "./emit";

export interface ImportOptions extends ReadOptions {
    /** Folder to write the program to. */
    outDir: string;
    /** Pulumi project name; default "beyondtrust-estate". */
    project?: string;
    /** Overwrite a program already in outDir. */
    force?: boolean;
}

export interface ImportResult {
    estate: Estate;
    program: Generated;
    outDir: string;
}

export function packageVersion(): string {
    for (const rel of ["../../package.json", "../../../package.json"]) {
        const file = path.resolve(__dirname, rel);
        try {
            const pkg = JSON.parse(fs.readFileSync(file, "utf8"));
            if (pkg.name === "pulumi-beyondtrust") return String(pkg.version);
        } catch {
            // not there: try the next layout (sources vs dist)
        }
    }
    return "0.1.0";
}

export async function importEstate(opts: ImportOptions): Promise<ImportResult> {
    const outDir = path.resolve(opts.outDir);
    if (!opts.force && fs.existsSync(path.join(outDir, "estate.ts"))) {
        throw new Error(`${path.join(outDir, "estate.ts")} exists; use --force to overwrite it (or another --out)`);
    }
    const estate = await readEstate(opts);
    const program = generate(estate.objects, {
        product: estate.conn.product,
        project: opts.project ?? "beyondtrust-estate",
        origin: estate.conn.origin,
        packageVersion: packageVersion(),
        skipped: estate.skipped,
    });
    fs.mkdirSync(outDir, { recursive: true });
    for (const [name, text] of Object.entries(program.files)) fs.writeFileSync(path.join(outDir, name), text);
    return { estate, program, outDir };
}
