#!/usr/bin/env node
// Makes `require("pulumi-beyondtrust")` resolve inside this repository the way it does in a user's
// project: the examples, the demo and the Pulumi plugin (started in the repo or an example folder)
// then load the compiled package exactly as an installed one. Run by `npm install` (prepare).
const fs = require("fs");
const path = require("path");

const root = path.resolve(__dirname, "..");
const link = path.join(root, "node_modules", "pulumi-beyondtrust");
fs.mkdirSync(path.dirname(link), { recursive: true });
try {
    if (fs.realpathSync(link) === root) process.exit(0);
    fs.rmSync(link, { recursive: true, force: true });
} catch {
    // absent: create it below
}
fs.symlinkSync(path.relative(path.dirname(link), root), link, "dir");
