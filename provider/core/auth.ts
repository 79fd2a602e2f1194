// How a request proves who sends it, per product: PRA/RS send an OAuth bearer token; Password Safe
// signs in once and sends its session cookie. The API client only asks an Authenticator for the
// headers of the next request and tells it when the appliance answered 401, so retries, limits and
// paging stay the same whatever the product's sign-in looks like.
import type { RawResponse } from "./http";
import type { TokenSource } from "./oauth";

/** The credentials one request carried, as an authenticator handed them out. */
export interface Credentials {
    headers: Record<string, string>;
    /** What a 401 refers to (a token, a session id): renewal replaces it only if it is still current. */
    handle: string;
}

export interface Authenticator {
    /**
     * Prepares credentials before the limiter's wait (minting or signing in is not an API call the
     * limiter admits), so the admitted request leaves at once.
     */
    prepare(): Promise<void>;
    /** Credentials for the request about to be sent (renewed first when known to be stale). */
    credentials(): Promise<Credentials>;
    /**
     * The appliance answered 401 to a request that carried `used`: true when renewing can help (the
     * request is then replayed once the next credentials() renews), false for a real refusal.
     */
    refused(used: Credentials, res: RawResponse): boolean;
    /** A request's round trip, for renewal margins. */
    observeRoundTrip(ms: number): void;
}

/** PRA/RS: `Authorization: Bearer <token>` from a shared, single-flight token source. */
export function bearer(tokens: TokenSource): Authenticator & { tokens: TokenSource } {
    return {
        tokens,
        async prepare() {
            await tokens.get();
        },
        async credentials() {
            const token = await tokens.get();
            return { headers: { authorization: `Bearer ${token}` }, handle: token };
        },
        refused(used) {
            tokens.refuse(used.handle); // the replay's credentials() mints the replacement (or reports why not)
            return true;
        },
        observeRoundTrip(ms) {
            tokens.observeRoundTrip(ms);
        },
    };
}
