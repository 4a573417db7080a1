/**
 * V8 flags the worker process runs with, wherever it is started (`npm start`, the benchmarks; the
 * deployment's command line when it exists). A triage batch of hundreds of findings allocates several megabytes of
 * short-lived objects (claimed rows, finding views, enrichment, fingerprints, the JSON of the verdict
 * statement); with V8's default 16 MB semi-spaces the worker spent ~12 % of its busy time in scavenges under
 * the pipeline benchmark. With 64 MB semi-spaces the worker's CPU per finding fell in each of three
 * back-to-back pairs of `npm run bench:pipeline` runs (183 → 176, 163 → 160, 173 → 148 µs;
 * docs/benchmarks.md), for up to ~100 MB more resident memory.
 */
export const WORKER_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
