// Table cells every benchmark prints the same way, so the PRA and EPM tables read alike.

/** "POST 100, GET 3", or "-" when no call was made. */
export function byMethodCell(calls: Record<string, number>): string {
    return (
        Object.entries(calls)
            .filter(([, v]) => v > 0)
            .map(([k, v]) => `${k} ${v}`)
            .join(", ") || "-"
    );
}

/**
 * The bound and wall/bound cells: the calls the work needs (refused 429s excluded) at the API's
 * sustained rate (requests per second), and how far the wall time is from it.
 */
export function boundCells(calls: number, rateLimited: number, wallSeconds: number, perSecond: number): [string, string] {
    const bound = (calls - rateLimited) / perSecond;
    return [bound.toFixed(2), bound > 0 ? (wallSeconds / bound).toFixed(2) : "-"];
}
