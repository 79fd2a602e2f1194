import type { ConfigApiProduct } from "../core/product";
import type { ApiClient } from "../core/api-client";
import type { ConnectionInput, ResolvedConnection } from "../core/connection";
import type { Product } from "../core/errors";
import type { Failure, FieldTable } from "./fields";

/** An object as the API returns it (snake_case JSON). */
export type ApiObject = Record<string, unknown>;

/** What the engine knows when it calls the API for one resource. */
export interface CallContext {
    client: ApiClient;
    conn: ResolvedConnection;
    /** The resource's checked inputs in API shape (snake_case), product-specific fields already dropped. */
    body: ApiObject;
    /** The resource's checked inputs, camelCase, as the program declared them. */
    inputs: Record<string, unknown>;
    /**
     * On update only: the values the object had before (state's, or the adopted object's), in API
     * shape, for APIs that must rebuild an object and put it back if that fails (grants).
     */
    previous?: ApiObject;
}

/**
 * How one kind of object is stored on the appliance. Most kinds are REST collections
 * (collectionApi); group-policy grants are memberships with composite ids and no PATCH.
 */
export interface ObjectApi {
    create(ctx: CallContext): Promise<{ id: string; live: ApiObject }>;
    /** undefined when the object no longer exists. */
    read(ctx: Omit<CallContext, "body">, id: string): Promise<ApiObject | undefined>;
    /** `changed` holds only the API fields whose values differ from state. */
    update(ctx: CallContext, id: string, changed: ApiObject): Promise<ApiObject>;
    /** Must treat "already gone" as success. */
    delete(ctx: Omit<CallContext, "body">, id: string): Promise<void>;
    /** The existing object that `adopt` takes over, by id or natural key. */
    find(ctx: CallContext, adopt: true | string): Promise<{ id: string; live: ApiObject } | undefined>;
    /**
     * For REST collections: where the list lives and whether it returns the same objects as GET by
     * id. Lookups (provider/engine/lookup.ts) are derived from it.
     */
    readonly collection?: { path: string; listHoldsFullObjects: boolean };
    /** Every object of the kind on the appliance, each as GET by id returns it (the importer). */
    list?(ctx: ListContext): Promise<Array<{ id: string; live: ApiObject }>>;
}

/** What `ObjectApi.list` gets: the client, and a list-to-the-end that a run shares between kinds. */
export interface ListContext {
    client: ApiClient;
    /** GET a paginated collection to its last page; the same path is fetched once per run. */
    listAll(path: string): Promise<ApiObject[]>;
}

export interface ResourceSpec {
    /** Stable kind name, e.g. "pra:ShellJump": the provider entry point and the SDK agree on it. */
    kind: string;
    product: Product;
    /** Path prefix of the product's API, e.g. "/api/config/v1". */
    apiPrefix: string;
    /** Human name for messages. */
    title: string;
    /**
     * Only these products have the kind at all (Web Jump is absent from Remote Support): check
     * fails, and create refuses, on any other. Absent: every product of the API.
     */
    products?: ReadonlyArray<ConfigApiProduct>;
    fields: FieldTable;
    /** Read-only values the API computes, as property name → API name. */
    outputs: Record<string, string>;
    /** Outputs that are secrets (an installer's key): secret in state, and never shown in a log or an error. */
    secretOutputs?: readonly string[];
    /** Cross-field rules, run after each field passed its own checks. */
    refine?: (inputs: Record<string, unknown>) => Failure[];
    /** Extra API fields sent on create and stripped from reads (e.g. a vault account's type). */
    fixedBody?: (inputs: Record<string, unknown>) => Record<string, unknown>;
    /**
     * Whether create-then-delete would collide with the old object (e.g. a unique name kept across a
     * replacement); then the old one is deleted first.
     */
    deleteBeforeReplace?: (olds: Record<string, unknown>, news: Record<string, unknown>) => boolean;
    /**
     * Objects the appliance ships and will not delete (the default vault account group): the
     * importer leaves them out, since a program that owned them could never destroy them.
     */
    builtIn?: (live: ApiObject) => boolean;
    /** Objects in one user's personal list (jump items, vault accounts): the importer skips them unless asked. */
    personal?: (live: ApiObject) => boolean;
    api: ObjectApi;
    resolveConnection(input: ConnectionInput | undefined): ResolvedConnection;
    client(conn: ResolvedConnection): ApiClient;
}
