// The BeyondTrust guardrails policy pack. `new PolicyPack()` starts the analyzer's gRPC server and
// prints its port for the Pulumi CLI, so this file does nothing else; the rules live in rules.ts.
import { PolicyPack } from "@pulumi/policy";
import { policies } from "./rules";

new PolicyPack("beyondtrust-guardrails", {
    // Rules carry their own levels; this applies only to a rule without one.
    enforcementLevel: "advisory",
    policies,
});
