// A small stand-in for Pulumi's step generation, driving provider handlers the way the engine does
// (check → diff → create / update / replace; refresh → read → diff), for the provider layer and
// benchmarks. The real engine is exercised by the plugin and end-to-end layers.
import * as assert from "assert";
import { handler } from "../../provider";
import { kindInfo } from "../../provider/registry";

type Props = Record<string, unknown>;

export interface Tracked {
    kind: string;
    id: string;
    inputs: Props;
    outs: Props;
}

export type Step = "create" | "update" | "replace" | "same";

export class MiniEngine {
    readonly state = new Map<string, Tracked>();

    async check(kind: string, olds: Props, news: Props): Promise<Props> {
        const r = await handler(kind).check(olds, news);
        if (r.failures?.length) {
            throw new Error(`check failed: ${r.failures.map((f) => `${f.property}: ${f.reason}`).join("; ")}`);
        }
        return r.inputs!;
    }

    /** Declares `name` with `inputs`, as `pulumi up` would for one resource. */
    async up(name: string, kind: string, inputs: Props): Promise<{ step: Step; tracked: Tracked; replaces?: string[] }> {
        const h = handler(kind);
        const prior = this.state.get(name);
        if (!prior) {
            const checked = await this.check(kind, {}, inputs);
            const { id, outs } = await h.create(checked);
            const tracked = { kind, id, inputs: checked, outs };
            this.state.set(name, tracked);
            return { step: "create", tracked };
        }
        const checked = await this.check(kind, prior.inputs, inputs);
        const d = await h.diff(prior.id, prior.outs, checked);
        if (!d.changes) {
            prior.inputs = checked;
            return { step: "same", tracked: prior };
        }
        if (d.replaces.length > 0) {
            const fresh = await this.check(kind, {}, inputs);
            if (d.deleteBeforeReplace) await h.delete(prior.id, prior.outs);
            const { id, outs } = await h.create(fresh);
            if (!d.deleteBeforeReplace) await h.delete(prior.id, prior.outs);
            const tracked = { kind, id, inputs: fresh, outs };
            this.state.set(name, tracked);
            return { step: "replace", tracked, replaces: d.replaces };
        }
        const { outs } = await h.update(prior.id, prior.outs, checked);
        assert.ok(outs && Object.keys(outs).length > 0, "update must return complete outputs");
        Object.assign(prior, { inputs: checked, outs });
        return { step: "update", tracked: prior };
    }

    /** `pulumi refresh` for one resource: the fields whose live values differ from the program, or "deleted". */
    async refresh(name: string, program?: Props): Promise<string[] | "deleted"> {
        const prior = this.state.get(name)!;
        const h = handler(prior.kind);
        const r = await h.read(prior.id, prior.outs);
        if (!r.id) {
            this.state.delete(name);
            return "deleted";
        }
        Object.assign(prior, { outs: r.props, inputs: r.inputs });
        const desired = program ? await this.check(prior.kind, prior.inputs, program) : prior.inputs;
        const drift: string[] = [];
        const fields = kindInfo(prior.kind).fields;
        for (const [k, v] of Object.entries(desired)) {
            // As the provider's diff: a field only some products have, absent from what the appliance
            // reports, is one its product lacks (with no product configured, check applies every product's defaults).
            if (fields[k]?.products && !(k in r.props!)) continue;
            if (k !== "connection" && JSON.stringify(r.props![k] ?? null) !== JSON.stringify(v ?? null)) drift.push(k);
        }
        return drift;
    }

    async destroy(name: string): Promise<void> {
        const prior = this.state.get(name);
        if (!prior) return;
        await handler(prior.kind).delete(prior.id, prior.outs);
        this.state.delete(name);
    }

    async destroyAll(): Promise<void> {
        // Reverse creation order: dependents first, as the engine does.
        for (const name of [...this.state.keys()].reverse()) await this.destroy(name);
    }
}
