// The CLI helpers serve the end-to-end tests and `npm run demo` alike; they live with the scripts.
export * from "../../scripts/lib/pulumi-cli";
