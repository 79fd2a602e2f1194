// Loads an official OpenAPI spec from shared/reference (never copied into the repo) and checks
// simulator replies against it with Ajv: status documented (or a common status from the spec's
// overview), body schema, declared headers, and no writeOnly property in any response.
import { strict as assert } from "node:assert";
import * as fs from "node:fs";
import * as path from "node:path";
import Ajv, { ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import * as yaml from "js-yaml";
import type { Reply } from "../simulator/client";

export const SPEC_FILES = {
    pra: path.resolve(__dirname, "../../../shared/reference/pra-configuration.openapi.yaml"),
    rs: path.resolve(__dirname, "../../../shared/reference/rs-configuration.openapi.yaml"),
};

/**
 * Where the official spec contradicts itself, the simulator follows the evident intent and the
 * check uses the schema named here instead. Each entry says why; docs/simulator.md lists them.
 */
export const SPEC_DEFECTS: Record<string, { why: string; schema: any }> = {
    "GET /vault/account-group 200": {
        why: "the list's 200 schema is a single VaultAccountGroup, but it is a paginated list: items are checked",
        schema: { type: "array", items: { $ref: "spec#/components/schemas/VaultAccountGroup" } },
    },
    "GET /vault/account-policy 200": {
        why: "as GET /vault/account-group: the paginated list's 200 schema is a single VaultAccountPolicy; items are checked",
        schema: { type: "array", items: { $ref: "spec#/components/schemas/VaultAccountPolicy" } },
    },
    "GET /group-policy/{id}/vault-account-group/{account_group_id} 200": {
        why: "the 200 schema is GroupPolicyVaultAccount (requires account_id), evidently meant GroupPolicyVaultAccountGroup",
        schema: { $ref: "spec#/components/schemas/GroupPolicyVaultAccountGroup" },
    },
};

/**
 * Where a simulator field table (simulator/pra/kinds, grant-kinds.ts) knowingly differs from the
 * spec's component schema: test/contract/field-tables.contract.test.ts fails on any other
 * difference. Keyed "<table> <field>: <what differs>"; each says why and its source, and applies to
 * both products unless `products` names one. docs/simulator.md lists them.
 */
export const FIELD_TABLE_DIFFERENCES: Record<string, { why: string; source: string; products?: Array<"pra" | "rs"> }> = {
    "group-policy/{id}/member group_policy_id: not in the spec's schema": {
        why: "sent in the body as well as the path: the operation lists it among the required fields of every member kind, though the GroupPolicyMember schema lacks it",
        source: "the spec's POST /group-policy/{id}/member description (every case: 'requires the following fields: group_policy_id, security_provider_id, ...')",
    },
    "group-policy/{id}/member security_provider_id: required on create": {
        why: "every kind of member names its security provider; the schema lists no required property",
        source: "the spec's POST /group-policy/{id}/member description",
    },
    "group-policy/{id}/member distinguished_name: max length": {
        why: "the schema bounds the string with minimum 1 / maximum 1024, which only a length can mean: the table says it as a length",
        source: "the spec's GroupPolicyMember.distinguished_name",
    },
    "group-policy/{id}/member group_name: max length": {
        why: "the schema bounds the string with minimum 1 / maximum 64, which only a length can mean: the table says it as a length",
        source: "the spec's GroupPolicyMember.group_name",
    },
    "jump-client/installer allow_override_max_offline_minutes: not in the spec's schema": {
        why: "accepted on create and answered: the vendor's provider sends it on every installer POST (with max_offline_minutes), which live appliances take",
        source: "vendor Terraform provider api/models.go JumpClientInstaller (no omitempty) and its fixture test-tf-files/{pra,rs}/jump_items/jump_client_installer",
    },
    "vault/account last_checkout_timestamp: nullable": {
        why: "null until the account is first checked out, though the schema does not mark it nullable (see LIVE_NULLABLE)",
        source: "vendor Terraform provider: models it as a nullable string and sends null back",
    },
    "vault/account private_key_passphrase: min length": {
        why: "an empty passphrase is accepted and means none (the schema: minLength 1)",
        source: 'vendor Terraform acceptance fixtures (test-tf-files/{pra,rs}/vault/ssh_account): every key is sent with private_key_passphrase = ""',
    },
    "vault/account (ssh_ca) private_key: required on create": {
        why: "an ssh_ca account may be created without a key: the appliance generates the CA key (a plain ssh account still needs one)",
        source: "vendor Terraform acceptance fixture stand_alone_ca (test-tf-files/{pra,rs}/vault/ssh_account): name, username and type only",
    },
    "jump-item/remote-rdp secure_app_type: enum": {
        why: '"" is accepted and kept as sent: the schema\'s description says "If blank then SecureApp technology will not be used"',
        source: 'the spec\'s RemoteRdpJumpItem.secure_app_type description; the vendor Terraform provider validates "" and sends it for every Remote RDP without SecureApp',
        products: ["pra"],
    },
    // The three tunnel kinds that listen locally: the schema has no pattern; its description has the rule.
    ...Object.fromEntries(
        ["protocol-tunnel-jump", "psql-tunnel-jump", "mysql-tunnel-jump"].map((k) => [
            `jump-item/${k} tunnel_listen_address: pattern`,
            {
                why: "the address must lie in 127.0.0.0/24: the table says so as a pattern (an empty value keeps the default)",
                source: 'the spec\'s schema description: "The value must be within the 127.0.0.0/24 subnet."',
                products: ["pra" as const],
            },
        ]),
    ),
    "group-policy/{id}/jumpoint jumpoint_id: required on create": {
        why: "the schema lists no required property, but the operation adds the Jumpoint the body names: without the id there is nothing to add (422)",
        source: 'the spec\'s POST /group-policy/{id}/jumpoint: "Adds the Jumpoint with the {jumpoint_id} given in the request body"',
    },
    "group-policy/{id}/jump-group jump_group_id: required on create": {
        why: "the schema lists no required property; the operation's description calls jump_item_role_id and jump_policy_id optional, not the Jump Group's id",
        source: 'the spec\'s POST /group-policy/{id}/jump-group: "Adds a Jump Group with the jump_group_id given in the request body ... Optionally ... jump_item_role_id"',
    },
};

/**
 * Component schemas that cannot validate what they describe; the check patches them as named. Each
 * entry says why; docs/simulator.md lists them.
 */
export const SCHEMA_DEFECTS: Record<string, { why: string; patch: (schema: any) => void }> = {
    NetworkTunnelJumpItemFilterRuleIPAddressList: {
        why: "it requires nothing, so {cidr} and {range} values match it too and the rule's oneOf fails for them: `list` is required, as the other members require their key",
        patch: (s) => (s.required = ["list"]),
    },
    NetworkTunnelJumpItemFilterRulePortList: {
        why: "as NetworkTunnelJumpItemFilterRuleIPAddressList: a {range} of ports matches both members of the oneOf",
        patch: (s) => (s.required = ["list"]),
    },
};

/**
 * Where live appliances (as the vendor's own clients and acceptance tests show) answer other than
 * the spec's letter, the simulator follows them and the check uses the schema named here.
 * docs/simulator.md lists each with its source.
 */
export const LIVE_BEHAVIOUR: Record<string, { why: string; schema: any }> = {
    "POST /group-policy/{id}/jumpoint 201": {
        why: "the spec documents no body; the vendor's Terraform provider decodes the grant from a JSON body",
        schema: { $ref: "spec#/components/schemas/GroupPolicyJumpoint" },
    },
    "POST /group-policy/{id}/jump-group 201": {
        why: "the spec documents no body; the vendor's Terraform provider decodes the grant from a JSON body",
        schema: { $ref: "spec#/components/schemas/GroupPolicyJumpGroup" },
    },
};

/**
 * Properties the spec does not mark nullable that live appliances answer with null when unset
 * (the vendor's Terraform provider models them as nullable and sends null back).
 */
export const LIVE_NULLABLE: Record<string, string> = {
    last_checkout_timestamp: "null until the account is first checked out (vendor Terraform provider: *string, sent as null)",
};

// Statuses the spec's overview says any operation may return even where it is not listed.
const COMMON: Record<number, any> = {
    401: { anyOf: [{ $ref: "spec#/components/schemas/OAuthErrorResponse" }, { $ref: "spec#/components/schemas/ErrorMessageResponse" }] },
    403: { $ref: "spec#/components/schemas/ErrorMessageResponse" },
    404: { $ref: "spec#/components/responses/404NotFound/content/application~1json/schema" },
    405: { $ref: "spec#/components/schemas/ErrorMessageResponse" },
    422: { $ref: "spec#/components/responses/422UnprocessableEntity/content/application~1json/schema" },
};

export class Spec {
    readonly doc: any;
    private ajv: Ajv;
    private cache = new Map<string, ValidateFunction>();
    readonly exercised = new Set<string>();

    private constructor(file: string) {
        this.doc = yaml.load(fs.readFileSync(file, "utf8"));
        this.ajv = new Ajv({ strict: false, allErrors: true });
        addFormats(this.ajv);
        // Parameters are left out: their "required: true" is OpenAPI, not JSON Schema.
        const { schemas, responses, headers } = structuredClone(this.doc.components);
        const components = { schemas, responses, headers };
        dropWriteOnlyFromRequired(components, (ref) => this.resolve(ref));
        markLiveNullable(components);
        for (const [name, defect] of Object.entries(SCHEMA_DEFECTS)) if (components.schemas[name]) defect.patch(components.schemas[name]);
        this.ajv.addSchema({ $id: "spec", components });
    }

    static load(product: "pra" | "rs"): Spec | undefined {
        return fs.existsSync(SPEC_FILES[product]) ? new Spec(SPEC_FILES[product]) : undefined;
    }

    operation(method: string, template: string): any {
        const op = this.doc.paths[template]?.[method.toLowerCase()];
        assert.ok(op, `the spec has no ${method} ${template}`);
        return op;
    }

    /** Validates one reply of `METHOD template`; returns the reply for chaining. */
    check(method: string, template: string, reply: Reply): Reply {
        this.exercised.add(`${method} ${template}`);
        const op = this.operation(method === "HEAD" ? "GET" : method, template);
        const key = `${method} ${template} ${reply.status}`;
        let response = op.responses?.[String(reply.status)];
        if (response?.$ref) response = this.resolve(response.$ref);

        let schema: any;
        const override = SPEC_DEFECTS[key] ?? LIVE_BEHAVIOUR[key];
        if (override) schema = override.schema;
        else if (response) {
            const content = response.content?.["application/json"];
            const other = Object.keys(response.content ?? {}).find((t) => t !== "application/json");
            if (!content && other) {
                // A download (an installer): the spec's content type, and some bytes.
                assert.equal(String(reply.headers["content-type"]).split(";")[0], other, `${key}: content-type`);
                assert.ok(reply.text.length > 0, `${key}: the spec documents a ${other} body, got none`);
            } else if (!content) {
                assert.equal(reply.text, "", `${key}: the spec documents no body, got ${reply.text.slice(0, 200)}`);
            } else {
                schema = rewriteRefs(content.schema);
            }
            for (const [name, h] of Object.entries<any>(response.headers ?? {})) {
                const value = reply.headers[name.toLowerCase()];
                assert.ok(value !== undefined, `${key}: missing declared header ${name}`);
                const hs = rewriteRefs((h.$ref ? this.resolve(h.$ref) : h).schema ?? this.resolve(`#/components/headers/${name}`)?.schema);
                if (hs && hs.type !== "string") this.validate(hs, Number(value), `${key} header ${name}`);
            }
        } else {
            assert.ok(COMMON[reply.status], `${key}: status not documented for this operation nor a common status`);
            schema = COMMON[reply.status];
        }
        if (schema && method !== "HEAD") {
            assert.match(String(reply.headers["content-type"]), /application\/json/, `${key}: content-type`);
            this.validate(schema, reply.body, key);
            const writeOnly = this.writeOnlyNames(schema);
            for (const name of writeOnly) assert.ok(!JSON.stringify(reply.body).includes(`"${name}":`), `${key}: writeOnly ${name} returned`);
        }
        return reply;
    }

    private validate(schema: any, value: unknown, label: string): void {
        const id = JSON.stringify(schema);
        let fn = this.cache.get(id);
        if (!fn) {
            fn = this.ajv.compile(schema);
            this.cache.set(id, fn);
        }
        if (!fn(value)) {
            assert.fail(`${label}: body does not match the spec: ${this.ajv.errorsText(fn.errors)}\n${JSON.stringify(value).slice(0, 600)}`);
        }
    }

    private resolve(ref: string): any {
        const parts = ref
            .replace(/^(spec)?#\//, "")
            .split("/")
            .map((p) => p.replace(/~1/g, "/").replace(/~0/g, "~"));
        return parts.reduce((o, p) => o?.[p], this.doc);
    }

    private writeOnlyNames(schema: any, seen = new Set<any>()): Set<string> {
        const out = new Set<string>();
        const walk = (s: any) => {
            if (!s || typeof s !== "object" || seen.has(s)) return;
            seen.add(s);
            if (typeof s.$ref === "string") walk(this.resolve(s.$ref));
            for (const [name, p] of Object.entries<any>(s.properties ?? {})) {
                const prop = p?.$ref ? this.resolve(p.$ref) : p;
                if (prop?.writeOnly) out.add(name);
            }
            for (const k of ["oneOf", "anyOf", "allOf"]) (s[k] ?? []).forEach(walk);
            walk(s.items);
        };
        walk(schema);
        return out;
    }
}

/** Spec-internal "#/components/..." refs point into the schema registered as "spec". */
function rewriteRefs(s: any): any {
    if (Array.isArray(s)) return s.map(rewriteRefs);
    if (!s || typeof s !== "object") return s;
    const out: any = {};
    for (const [k, v] of Object.entries(s)) out[k] = k === "$ref" && typeof v === "string" && v.startsWith("#/") ? `spec${v}` : rewriteRefs(v);
    return out;
}

/**
 * OpenAPI 3.0: a required property that is writeOnly is required in requests only. Only
 * responses are validated here, so such names leave every `required` list.
 */
function dropWriteOnlyFromRequired(node: any, resolve: (ref: string) => any, seen = new Set<any>()): void {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (Array.isArray(node.required) && node.properties && typeof node.properties === "object") {
        node.required = node.required.filter((name: string) => {
            const p = node.properties[name];
            const prop = p?.$ref ? resolve(p.$ref) : p;
            return !prop?.writeOnly;
        });
    }
    for (const v of Object.values(node)) dropWriteOnlyFromRequired(v, resolve, seen);
}

/** Applies LIVE_NULLABLE to every schema property of those names. */
function markLiveNullable(node: any, seen = new Set<any>()): void {
    if (!node || typeof node !== "object" || seen.has(node)) return;
    seen.add(node);
    if (node.properties && typeof node.properties === "object") {
        for (const name of Object.keys(LIVE_NULLABLE)) {
            const p = node.properties[name];
            if (p && typeof p === "object" && !p.$ref) p.nullable = true;
        }
    }
    for (const v of Object.values(node)) markLiveNullable(v, seen);
}
