/**
 * Runs jobs with at most `width` in flight, as Pulumi's engine does with `--parallel`; results keep
 * the jobs' order. Shared by the benchmark and the tests that load the provider.
 */
export async function inParallel<T>(width: number, jobs: Array<() => Promise<T>>): Promise<T[]> {
    const results: T[] = new Array(jobs.length);
    let next = 0;
    await Promise.all(
        Array.from({ length: Math.min(width, jobs.length) }, async () => {
            while (next < jobs.length) {
                const i = next++;
                results[i] = await jobs[i]();
            }
        }),
    );
    return results;
}
