// Drives Pulumi's real dynamic-provider plugin (@pulumi/pulumi/cmd/dynamic-provider) over gRPC,
// the way the engine does, without a CLI: spawn it, read its port, call Configure/Check/Diff/
// Create/Read/Update/Delete with Structs that carry the serialized provider in __provider.
import { ChildProcess, spawn } from "child_process";
import * as path from "path";
import { shimFor } from "../../sdk/shim";

// The proto modules and google-protobuf 3.x that @pulumi/pulumi itself uses.
const grpc = require("@grpc/grpc-js");
const providerGrpc = require("@pulumi/pulumi/proto/provider_grpc_pb");
const providerPb = require("@pulumi/pulumi/proto/provider_pb");
const structPb = require("google-protobuf/google/protobuf/struct_pb");

const SECRET_SIG = "4dabf18193072939515e22adb298388d";
export const secret = (value: unknown) => ({ [SECRET_SIG]: "1b47061264138c4ac30d75fd1eb44270", value });

export type Props = Record<string, unknown>;

export class PluginError extends Error {
    constructor(
        message: string,
        readonly code: number,
        readonly details: boolean,
    ) {
        super(message);
    }
}

export interface Plugin {
    logs(): string;
    configure(config: Props): Promise<void>;
    check(kind: string, olds: Props, news: Props): Promise<{ inputs: Props; failures: Array<{ property: string; reason: string }> }>;
    diff(kind: string, id: string, olds: Props, news: Props): Promise<{ changes: number; replaces: string[]; deleteBeforeReplace: boolean }>;
    create(kind: string, props: Props): Promise<{ id: string; props: Props }>;
    read(kind: string, id: string, props: Props): Promise<{ id: string; props: Props; inputs: Props }>;
    update(kind: string, id: string, olds: Props, news: Props): Promise<Props>;
    delete(kind: string, id: string, props: Props): Promise<void>;
    stop(): Promise<void>;
}

/** The __provider text for a kind, exactly as the SDK's resource classes store it. */
export async function providerText(kind: string): Promise<string> {
    return shimFor(kind);
}

export async function startPlugin(cwd: string, env: Record<string, string | undefined> = {}): Promise<Plugin> {
    const script = require.resolve("@pulumi/pulumi/cmd/dynamic-provider", { paths: [cwd] });
    const child: ChildProcess = spawn(process.execPath, [script, "127.0.0.1:1"], {
        cwd,
        env: { ...process.env, PULUMI_NODEJS_PROJECT: "proj", ...env },
        stdio: ["ignore", "pipe", "pipe"],
    });
    let output = "";
    child.stderr!.on("data", (d) => (output += d));
    const port = await new Promise<string>((resolve, reject) => {
        let buf = "";
        // Loading @pulumi/pulumi takes seconds on a loaded machine: 45 s, inside the suite's 120 s.
        const timer = setTimeout(() => reject(new Error(`plugin did not print a port: ${buf}${output}`)), 45_000);
        const onData = (d: Buffer) => {
            buf += d;
            const m = /^(\d+)\s*$/m.exec(buf);
            if (m) {
                clearTimeout(timer);
                child.stdout!.off("data", onData);
                child.stdout!.on("data", (x) => (output += x));
                resolve(m[1]);
            }
        };
        child.stdout!.on("data", onData);
        child.once("exit", (code) => {
            clearTimeout(timer);
            reject(new Error(`plugin exited (${code}): ${output}`));
        });
    });
    const client = new providerGrpc.ResourceProviderClient(`127.0.0.1:${port}`, grpc.credentials.createInsecure());
    const struct = (o: Props) => structPb.Struct.fromJavaScript(JSON.parse(JSON.stringify(o)));
    const urn = (kind: string) => `urn:pulumi:test::proj::pulumi-nodejs:dynamic/beyondtrust/${kind.replace(":", ":")}::r`;
    const call = <T>(method: string, req: unknown): Promise<T> =>
        new Promise((resolve, reject) =>
            client[method](req, (err: any, res: T) => {
                if (err) reject(new PluginError(err.details ?? err.message, err.code, Boolean(err.metadata?.get("grpc-status-details-bin")?.length)));
                else resolve(res);
            }),
        );
    // A caller may pass its own __provider (e.g. the text an older release stored); otherwise the current one.
    const withProvider = async (kind: string, props: Props) => ({ __provider: await providerText(kind), ...props });

    return {
        logs: () => output,
        async configure(config) {
            const req = new providerPb.ConfigureRequest();
            req.setArgs(struct(config));
            req.setAcceptsecrets(true);
            await call("configure", req);
        },
        async check(kind, olds, news) {
            const req = new providerPb.CheckRequest();
            req.setUrn(urn(kind));
            req.setOlds(struct(olds));
            req.setNews(struct(await withProvider(kind, news)));
            const res: any = await call("check", req);
            return {
                inputs: res.getInputs()?.toJavaScript() ?? {},
                failures: res.getFailuresList().map((f: any) => ({ property: f.getProperty(), reason: f.getReason() })),
            };
        },
        async diff(kind, id, olds, news) {
            const req = new providerPb.DiffRequest();
            req.setId(id);
            req.setUrn(urn(kind));
            req.setOlds(struct(await withProvider(kind, olds)));
            req.setNews(struct(await withProvider(kind, news)));
            const res: any = await call("diff", req);
            return { changes: res.getChanges(), replaces: res.getReplacesList(), deleteBeforeReplace: res.getDeletebeforereplace() };
        },
        async create(kind, props) {
            const req = new providerPb.CreateRequest();
            req.setUrn(urn(kind));
            req.setProperties(struct(await withProvider(kind, props)));
            const res: any = await call("create", req);
            return { id: res.getId(), props: res.getProperties().toJavaScript() };
        },
        async read(kind, id, props) {
            const req = new providerPb.ReadRequest();
            req.setId(id);
            req.setUrn(urn(kind));
            req.setProperties(struct(await withProvider(kind, props)));
            const res: any = await call("read", req);
            return { id: res.getId(), props: res.getProperties()?.toJavaScript() ?? {}, inputs: res.getInputs()?.toJavaScript() ?? {} };
        },
        async update(kind, id, olds, news) {
            const req = new providerPb.UpdateRequest();
            req.setId(id);
            req.setUrn(urn(kind));
            req.setOlds(struct(await withProvider(kind, olds)));
            req.setNews(struct(await withProvider(kind, news)));
            const res: any = await call("update", req);
            return res.getProperties().toJavaScript();
        },
        async delete(kind, id, props) {
            const req = new providerPb.DeleteRequest();
            req.setId(id);
            req.setUrn(urn(kind));
            req.setProperties(struct(await withProvider(kind, props)));
            await call("delete", req);
        },
        async stop() {
            client.close();
            child.kill("SIGTERM");
            await new Promise((r) => (child.exitCode !== null ? r(null) : child.once("exit", r)));
        },
    };
}

export const DIFF_NONE = 1;
export const DIFF_SOME = 2;
export { path };
