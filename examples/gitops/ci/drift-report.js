#!/usr/bin/env node
// Names what drifted, field by field, from a `pulumi preview --refresh --json` plan (CI), or from
// the same steps gathered from engine events (run-local.ts). After a refresh a step's old inputs are
// what the appliance holds and its new inputs what the program declares, so every field that
// differs is one that was changed outside the pipeline.
//
//   pulumi preview --refresh --expect-no-changes --json > drift.json; node ci/drift-report.js drift.json
//
// Exit code 0 when nothing drifted, 1 when something did (with one line per resource and field).
"use strict";
const fs = require("fs");

const CHANGES = new Set(["create", "update", "replace", "delete", "create-replacement", "delete-replaced"]);
const HIDDEN = new Set(["__provider"]);

function same(a, b) {
    return JSON.stringify(a ?? null) === JSON.stringify(b ?? null);
}

function show(v) {
    if (v && typeof v === "object" && ("4dabf18193072939515e22adb298388d" in v || "ciphertext" in v)) return "[secret]";
    const text = JSON.stringify(v ?? null);
    return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** steps: [{op, urn, oldInputs, newInputs}] → [{resource, type, op, fields: [{name, live, declared}]}] */
function driftOf(steps) {
    const out = [];
    for (const s of steps) {
        if (!CHANGES.has(s.op)) continue;
        // urn:pulumi:<stack>::<project>::<type>::<name>
        const parts = String(s.urn).split("::");
        const type = (parts[2] ?? "").split("$").pop();
        const name = parts.slice(3).join("::");
        const oldIn = s.oldInputs ?? {};
        const newIn = s.newInputs ?? {};
        const fields = [];
        for (const k of new Set([...Object.keys(oldIn), ...Object.keys(newIn)])) {
            if (HIDDEN.has(k) || same(oldIn[k], newIn[k])) continue;
            fields.push({ name: k, live: oldIn[k], declared: newIn[k] });
        }
        out.push({ resource: name || s.urn, type: type.split(":").pop(), op: s.op, fields });
    }
    return out;
}

function format(drift) {
    return drift.map((d) => {
        const what = d.op === "create" ? "is gone from the appliance (deleted outside the pipeline)" : d.op === "delete" ? "exists only in state" : `${d.op}:`;
        const fields = d.fields.filter(() => d.op !== "create" && d.op !== "delete").map((f) => `${f.name} is ${show(f.live)} on the appliance, ${show(f.declared)} in code`);
        return `DRIFT ${d.type} "${d.resource}" ${what} ${fields.join("; ")}`.trimEnd();
    });
}

/** The steps of a `pulumi preview --json` plan. */
function stepsOfPlan(plan) {
    return (plan.steps ?? []).map((s) => ({ op: s.op, urn: s.urn, oldInputs: s.oldState?.inputs, newInputs: s.newState?.inputs }));
}

module.exports = { driftOf, format, stepsOfPlan };

if (require.main === module) {
    const file = process.argv[2];
    if (!file) {
        console.error("usage: drift-report.js <pulumi preview --refresh --json output>");
        process.exit(2);
    }
    const text = fs.readFileSync(file, "utf8");
    let plan;
    try {
        plan = JSON.parse(text.slice(text.indexOf("{")));
    } catch (err) {
        console.error(`::error::could not read the plan in ${file}: ${err.message}`);
        process.exit(2);
    }
    const lines = format(driftOf(stepsOfPlan(plan)));
    if (lines.length === 0) {
        console.log("No drift: the appliance matches the code.");
        process.exit(0);
    }
    for (const l of lines) console.log(process.env.GITHUB_ACTIONS ? `::error title=BeyondTrust drift::${l}` : l);
    console.log(`\n${lines.length} resource(s) drifted. Either revert the change on the appliance (run the deploy job, which puts the code's values back) or make it in code through a pull request.`);
    process.exit(1);
}
