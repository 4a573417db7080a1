/**
 * V8 flags the API process runs with, wherever it is started (`npm start`, the benchmarks; the deployment's
 * command line when it exists). A GraphQL page of 50 cases allocates a few hundred kilobytes of short-lived
 * objects (rows, dates, views, the result tree, its JSON); with V8's default young generation (16 MB
 * semi-spaces) the API spent ~12 % of its CPU in scavenges under the queue benchmark. 64 MB semi-spaces
 * scavenge a quarter as often (GC ~6.5 % of the CPU in the same profile): `npm run bench:api` went from
 * 183–226 to 254–262 req/s on the same machine (docs/benchmarks.md), for up to ~100 MB more resident memory.
 */
export const API_NODE_FLAGS: readonly string[] = ['--max-semi-space-size=64'];
