/**
 * The Terraform side of the benchmark's peer comparison needs a `terraform` binary and BeyondTrust's
 * Terraform provider (terraform-provider-sra, built from its public source; nothing of it is part of
 * this repository). Returns why the comparison cannot run here, or undefined when it can.
 */
import { execFileSync } from "child_process";
import * as fs from "fs";

export function terraformSkipReason(): string | undefined {
    let version: string;
    try {
        version = execFileSync("terraform", ["version"], {
            encoding: "utf8",
            env: { ...process.env, TF_CLI_CONFIG_FILE: "/dev/null" },
            stdio: ["ignore", "pipe", "ignore"],
        }).split("\n")[0];
    } catch {
        return "no `terraform` on PATH";
    }
    const provider = process.env.BT_TF_PROVIDER;
    if (!provider)
        return `${version} found, but no BeyondTrust Terraform provider: set BT_TF_PROVIDER to a terraform-provider-sra binary built from github.com/BeyondTrust/terraform-provider-sra`;
    if (!fs.existsSync(provider)) return `BT_TF_PROVIDER=${provider} does not exist`;
    return "the Terraform runner is not part of this benchmark yet; see docs/performance.md for the figures from issue 16";
}
