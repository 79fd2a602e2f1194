// A tiny path router: patterns like "/jumpoint/{id}". Knowing every method registered for a path
// lets it answer 405 with an Allow header, and OPTIONS, the way the appliance does.
import { methodNotAllowed } from "./errors";

export type Params = Record<string, string>;

interface Route<H> {
    segments: string[];
    handlers: Map<string, H>;
}

export interface RouteMatch<H> {
    handler: H;
    params: Params;
    pattern: string;
}

export class Router<H> {
    private routes: Route<H>[] = [];

    add(method: string, pattern: string, handler: H): void {
        const segments = split(pattern);
        let route = this.routes.find((r) => r.segments.join("/") === segments.join("/"));
        if (!route) {
            route = { segments, handlers: new Map() };
            this.routes.push(route);
        }
        route.handlers.set(method.toUpperCase(), handler);
    }

    /** Whether this exact pattern already has a handler for the method. */
    has(method: string, pattern: string): boolean {
        const key = split(pattern).join("/");
        return this.routes.some((r) => r.segments.join("/") === key && r.handlers.has(method.toUpperCase()));
    }

    /** undefined = no such path (404); throws 405 when the path exists without this method. */
    match(method: string, path: string): RouteMatch<H> | undefined {
        const parts = split(path);
        // Literal segments beat parameters, so "/jump-item/shell-jump" is not read as "/jump-item/{id}".
        const candidates = this.routes
            .map((r) => ({ r, params: matchSegments(r.segments, parts) }))
            .filter((c) => c.params !== undefined)
            .sort((a, b) => paramCount(a.r) - paramCount(b.r));
        if (candidates.length === 0) return undefined;
        const { r, params } = candidates[0];
        const m = method.toUpperCase();
        const handler = r.handlers.get(m) ?? (m === "HEAD" ? r.handlers.get("GET") : undefined);
        if (!handler) throw methodNotAllowed(this.allowed(r));
        return { handler, params: params!, pattern: "/" + r.segments.join("/") };
    }

    allowedMethods(path: string): string[] | undefined {
        const parts = split(path);
        const r = this.routes.filter((route) => matchSegments(route.segments, parts) !== undefined).sort((a, b) => paramCount(a) - paramCount(b))[0];
        return r ? this.allowed(r) : undefined;
    }

    private allowed(r: Route<H>): string[] {
        const methods = [...r.handlers.keys()];
        if (methods.includes("GET")) methods.push("HEAD");
        methods.push("OPTIONS");
        return methods;
    }
}

function split(path: string): string[] {
    return path.split("/").filter((s) => s !== "");
}

function paramCount(r: Route<unknown>): number {
    return r.segments.filter((s) => s.startsWith("{")).length;
}

function matchSegments(pattern: string[], parts: string[]): Params | undefined {
    if (pattern.length !== parts.length) return undefined;
    const params: Params = {};
    for (let i = 0; i < pattern.length; i++) {
        const p = pattern[i];
        if (p.startsWith("{") && p.endsWith("}")) params[p.slice(1, -1)] = parts[i];
        else if (p !== parts[i]) return undefined;
    }
    return params;
}
