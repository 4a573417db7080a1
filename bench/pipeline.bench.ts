/**
 * End-to-end benchmark of the push pipeline (issue 4): POST /ingest/events → PostgreSQL → triage worker →
 * verdict, against one API and one worker process built in dist/, on a database and Redis prefix of its own.
 *
 *   npm run bench:pipeline
 *
 * Knobs (environment): BENCH_FINDINGS (throughput, default 20000), BENCH_TENANTS (tenants the throughput and
 * latency loads are spread over, default 4), BENCH_CLIENTS (concurrent HTTP clients, default 4),
 * BENCH_RATE (offered load of the latency test, findings/s, default 500), BENCH_LATENCY_SECONDS (default 10),
 * BENCH_FLOOD (fairness flood, default 100000), BENCH_FLOOD_BEFORE_CRITICAL (findings of the flood pushed
 * before tenant B's CRITICAL one, default 20000). Before the worker starts, the ingest ceiling: BENCH_FINDINGS / 2
 * findings pushed with no triage running. The last line is machine-readable.
 */
import pg from 'pg';
import { type RunningAwsEmulator, startAwsEmulator } from '../apps/aws-emulator/src/index.js';
import { availableParallelism } from 'node:os';
import { describeCpu, sampleCpu } from './cpu-usage.js';
import { deployBenchRole, emulatorEnv } from './emulator.js';
import { type BenchEnvironment, createEnvironment, destroyEnvironment } from './environment.js';
import { type BenchProcess, startApi, startWorker } from './processes.js';
import {
  FINDINGS_PER_REQUEST,
  type PushResult,
  prepareAll,
  pushAll,
  pushBatch,
  sendAll,
} from './push-client.js';
import { measureRawBaseline } from './raw-baseline.js';
import { type BenchTenant, seedTenant, seedWebProbePattern } from './seed.js';
import { percentile, sleep } from './stats.js';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};
const FINDINGS = int('BENCH_FINDINGS', 20_000);
const TENANTS = int('BENCH_TENANTS', 4);
const CLIENTS = int('BENCH_CLIENTS', 4);
const RATE = int('BENCH_RATE', 500);
const LATENCY_SECONDS = int('BENCH_LATENCY_SECONDS', 10);
const FLOOD = int('BENCH_FLOOD', 100_000);
const FLOOD_BEFORE_CRITICAL = Math.min(int('BENCH_FLOOD_BEFORE_CRITICAL', 20_000), FLOOD);
/** No phase may wait longer than this for its verdicts. */
const PHASE_TIMEOUT_MS = 150_000;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const log = (line: string) => console.log(`[bench ${new Date().toISOString().slice(11, 19)}] ${line}`);

let env: BenchEnvironment | undefined;
let owner: pg.Client | undefined;
let emulator: RunningAwsEmulator | undefined;
const processes: BenchProcess[] = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const p of processes.reverse()) await p.stop().catch(() => undefined);
    await owner?.end().catch(() => undefined);
    await emulator?.close().catch(() => undefined);
    if (env) {
      await destroyEnvironment(env).catch((e: unknown) =>
        console.error(`cleanup failed, drop database ${env?.database} by hand: ${(e as Error).message}`),
      );
    }
  })();
  return cleaning;
}

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    console.error(`${signal}: cleaning up`);
    void cleanup().finally(() => process.exit(130));
  });
}

async function verdictCount(where = 'TRUE', params: unknown[] = []): Promise<number> {
  const { rows } = await owner!.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM findings WHERE verdict IS NOT NULL AND (${where})`,
    params,
  );
  return rows[0].n;
}

/**
 * Verdicts so far, counted only once nothing is left to judge: whether anything is pending is one read of the
 * small partial index triage claims from, while the count reads every finding (30 ms, polled every 100 ms,
 * took a sixth of the machine away from the pipeline it measures).
 */
async function verdictCountWhenDrained(): Promise<number> {
  const { rows } = await owner!.query<{ pending: boolean }>(
    `SELECT EXISTS (SELECT 1 FROM findings WHERE triage_status IN ('PENDING', 'ERROR')) AS pending`,
  );
  return rows[0].pending ? 0 : verdictCount();
}

/** Polls until `count()` reaches `target`; fails after PHASE_TIMEOUT_MS or if a process died. */
async function waitFor(
  what: string,
  target: number,
  count: () => Promise<number>,
  everyMs = 100,
): Promise<number> {
  const deadline = Date.now() + PHASE_TIMEOUT_MS;
  for (;;) {
    if (await count().then((n) => n >= target)) return Date.now();
    for (const p of processes) {
      if (p.child.exitCode !== null)
        throw new Error(`${p.name} exited with ${p.child.exitCode}: ${p.stderr()}`);
    }
    if (Date.now() > deadline) throw new Error(`${what}: not done after ${PHASE_TIMEOUT_MS / 1000} s`);
    await sleep(everyMs);
  }
}

async function main(): Promise<void> {
  const t0 = Date.now();
  env = await createEnvironment();
  log(`database ${env.database}, Redis prefix ${env.redisPrefix}`);
  owner = new pg.Client({ connectionString: env.ownerUrl });
  await owner.connect();

  // The local AWS emulator, so that the worker's writeback (AssumeRole + BatchUpdateFindings) is part of the
  // load, as in production. It holds none of the pushed findings: it answers each update with "not found",
  // which costs the worker what a real writeback costs (one request per 100 findings, one UPDATE per run).
  emulator = await startAwsEmulator({ port: 0 });
  const aws = (accountId: string) => deployBenchRole(emulator!, accountId);
  const tenants: BenchTenant[] = [];
  for (let i = 0; i < TENANTS; i++)
    tenants.push(await seedTenant(owner, `t${i}`, aws(`41000000000${i}`.slice(-12))));
  const floodTenant = await seedTenant(owner, 'flood-a', aws('420000000001'));
  const criticalTenant = await seedTenant(owner, 'critical-b', aws('420000000002'));
  const processEnv = { ...env.processEnv, ...emulatorEnv(emulator) };

  // (4) Raw PostgreSQL baseline, measured first while nothing else runs.
  log(`raw baseline: ${fmt(FINDINGS)} rows into (id text PRIMARY KEY, raw jsonb)`);
  const raw = await measureRawBaseline(owner, env.ownerUrl, tenants[0].accountId, FINDINGS);
  log(
    `raw baseline: ${raw.avgRowBytes} bytes/row; psql \\copy ${raw.psqlCopyPerS === null ? 'n/a' : fmt(raw.psqlCopyPerS)} rows/s; ` +
      `INSERT ... jsonb_to_recordset ${fmt(raw.insertRecordsetPerS)} rows/s; baseline = ${raw.method}`,
  );

  const api = await startApi(processEnv);
  processes.push(api);
  for (const t of [...tenants, floodTenant, criticalTenant]) await seedWebProbePattern(api.url, t);

  // (5) Ingest ceiling: the same pushes with no worker running, so API + PostgreSQL have the machine to
  // themselves. End to end can never beat it: it bounds what any triage could reach on this machine.
  const ceilingFindings = Math.max(FINDINGS_PER_REQUEST * TENANTS, Math.round(FINDINGS / 2));
  await sendAll(api.url, prepareAll(tenants, 'ceilwarm', FINDINGS_PER_REQUEST * TENANTS), CLIENTS);
  const ceilingRequests = prepareAll(tenants, 'ceil', ceilingFindings);
  const ceilingStart = Date.now();
  await sendAll(api.url, ceilingRequests, CLIENTS);
  const ceilingMs = Date.now() - ceilingStart;
  const ceilingPerS = ceilingFindings / (ceilingMs / 1000);
  log(
    `ingest ceiling: ${fmt(ceilingFindings)} findings pushed with no worker running in ` +
      `${fmt(ceilingMs)} ms = ${fmt(ceilingPerS)} findings/s (${(ceilingPerS / raw.bestPerS).toFixed(2)} of the raw baseline)`,
  );

  processes.push(await startWorker(processEnv));
  log(`API on ${api.url} and worker started`);

  // Warm-up: one request per tenant, until every finding has its verdict (JIT, pools, queues); the worker
  // first clears what the ceiling phase left.
  let expected = ceilingFindings + FINDINGS_PER_REQUEST * TENANTS;
  for (const t of tenants) {
    await pushBatch(api.url, t, 'warm', 0, FINDINGS_PER_REQUEST);
    expected += FINDINGS_PER_REQUEST;
  }
  await waitFor('warm-up', expected, verdictCountWhenDrained);
  log(`warm-up done (${expected} findings)`);

  // (1) Sustained throughput: push FINDINGS as fast as CLIENTS allow, until every one has a verdict.
  log(
    `throughput: ${fmt(FINDINGS)} findings, ${CLIENTS} clients, ${FINDINGS_PER_REQUEST}/request, ${TENANTS} tenants`,
  );
  // The requests are built before the clock starts (as the raw baseline's CSV file is written before its
  // clock): a real sender runs on another machine, and building 3 KB findings is not the pipeline's work.
  const prepared = prepareAll(tenants, 'tp', FINDINGS);
  const pids = { api: api.child.pid, worker: processes[1].child.pid };
  const cpuBefore = sampleCpu(pids);
  const tpStart = Date.now();
  await sendAll(api.url, prepared, CLIENTS);
  const ingestMs = Date.now() - tpStart;
  expected += FINDINGS;
  const tpEnd = await waitFor('throughput', expected, verdictCountWhenDrained);
  const cpuAfter = sampleCpu(pids);
  const findingsPerS = FINDINGS / ((tpEnd - tpStart) / 1000);
  log(
    `throughput: all pushed (202) in ${fmt(ingestMs)} ms = ${fmt(FINDINGS / (ingestMs / 1000))} findings/s ingested; ` +
      `all verdicts after ${fmt(tpEnd - tpStart)} ms = ${fmt(findingsPerS)} findings/s end to end`,
  );
  // The bench's own share is the load client and the AWS emulator answering the writeback.
  if (cpuBefore && cpuAfter)
    log(`throughput: CPU per finding: ${describeCpu(cpuBefore, cpuAfter, FINDINGS, availableParallelism())}`);

  // (2) Latency at a fixed offered load: RATE findings/s in requests of 100, paced, for LATENCY_SECONDS.
  const requests = Math.round((RATE * LATENCY_SECONDS) / FINDINGS_PER_REQUEST);
  const intervalMs = (1000 * FINDINGS_PER_REQUEST) / RATE;
  log(
    `latency: ${RATE} findings/s for ${LATENCY_SECONDS} s (${requests} requests, one every ${intervalMs} ms)`,
  );
  const sentAt = new Map<string, number>();
  const inflight: Promise<PushResult>[] = [];
  const latStart = Date.now();
  for (let i = 0; i < requests; i++) {
    const due = latStart + i * intervalMs;
    if (due > Date.now()) await sleep(due - Date.now());
    const p = pushBatch(
      api.url,
      tenants[i % tenants.length],
      'lat',
      i * FINDINGS_PER_REQUEST,
      FINDINGS_PER_REQUEST,
    );
    inflight.push(p.then((r) => (r.ids.forEach((id) => sentAt.set(id, r.sentAt)), r)));
  }
  await Promise.all(inflight);
  const offeredMs = Date.now() - latStart;
  const latTotal = requests * FINDINGS_PER_REQUEST;
  await waitFor('latency', latTotal, () => verdictCount(`finding_id LIKE '%/finding/lat-%'`));
  const { rows: latRows } = await owner.query<{ finding_id: string; at: string }>(
    `SELECT finding_id, (extract(epoch FROM verdict_at) * 1000)::float8 AS at FROM findings WHERE finding_id LIKE '%/finding/lat-%'`,
  );
  const latencies = latRows.map((r) => Number(r.at) - sentAt.get(r.finding_id)!);
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);
  log(
    `latency: ${fmt(latTotal)} findings offered in ${fmt(offeredMs)} ms (${fmt(latTotal / (offeredMs / 1000))}/s); ` +
      `push-to-verdict p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms, max ${fmt(Math.max(...latencies))} ms`,
  );

  // (3) Fairness: tenant A floods; once FLOOD_BEFORE_CRITICAL of it is pushed, tenant B pushes one CRITICAL.
  log(
    `fairness: tenant A floods ${fmt(FLOOD)} findings; B pushes 1 CRITICAL after ${fmt(FLOOD_BEFORE_CRITICAL)} of them`,
  );
  let stopFlood = false;
  let floodPushed = 0;
  let floodReady!: () => void;
  const ready = new Promise<void>((r) => (floodReady = r));
  const floodStart = Date.now();
  const flood = (async () => {
    // First part, then the rest; the rest stops as soon as B's verdict is measured.
    floodPushed += await pushAll(api.url, [floodTenant], 'flood', FLOOD_BEFORE_CRITICAL, CLIENTS);
    floodReady();
    const rest = FLOOD - FLOOD_BEFORE_CRITICAL;
    if (rest > 0)
      floodPushed += await pushAll(api.url, [floodTenant], 'flood2', rest, CLIENTS, () => stopFlood);
  })();
  flood.catch(() => undefined); // awaited below; never an unhandled rejection if B's wait fails first
  await Promise.race([ready, flood]);
  const { rows: backlogRows } = await owner.query<{ n: number }>(
    `SELECT count(*)::int AS n FROM findings WHERE tenant_id = $1 AND verdict IS NULL`,
    [floodTenant.id],
  );
  const critical = await pushBatch(api.url, criticalTenant, 'critical', 0, 1, {
    Label: 'CRITICAL',
    Normalized: 90,
  });
  await waitFor('fairness', 1, () => verdictCount('tenant_id = $1', [criticalTenant.id]), 10);
  const observedMs = Date.now() - critical.sentAt;
  const { rows: critRows } = await owner.query<{ at: number; verdict: string }>(
    `SELECT (extract(epoch FROM verdict_at) * 1000)::float8 AS at, verdict FROM findings WHERE tenant_id = $1`,
    [criticalTenant.id],
  );
  const fairnessMs = Number(critRows[0].at) - critical.sentAt;
  stopFlood = true;
  await flood;
  const floodVerdicts = await verdictCount('tenant_id = $1', [floodTenant.id]);
  log(
    `fairness: A's backlog without verdict when B pushed: ${fmt(backlogRows[0].n)}; B's CRITICAL finding got ` +
      `${critRows[0].verdict} ${fmt(fairnessMs)} ms after its push (seen by polling after ${fmt(observedMs)} ms); ` +
      `flood stopped at ${fmt(floodPushed)}/${fmt(FLOOD)} pushed (${fmt(floodPushed / ((Date.now() - floodStart) / 1000))}/s), ` +
      `${fmt(floodVerdicts)} of A's with a verdict`,
  );

  const ratio = findingsPerS / raw.bestPerS;
  console.log('');
  console.log(`Pipeline (1 API + 1 worker)   ${fmt(findingsPerS)} findings/s end to end (target >= 3,000)`);
  console.log(`Raw PostgreSQL baseline       ${fmt(raw.bestPerS)} rows/s (${raw.method})`);
  console.log(`Ratio pipeline / raw          ${ratio.toFixed(2)} (target >= 0.40)`);
  console.log(
    `Ingest alone (no worker)      ${fmt(ceilingPerS)} findings/s, ${(ceilingPerS / raw.bestPerS).toFixed(2)} of the raw baseline: the ceiling of end to end`,
  );
  console.log(
    `Latency at ${RATE}/s              p50 ${fmt(p50)} ms, p99 ${fmt(p99)} ms (target p99 <= 1,000 ms)`,
  );
  console.log(`Fairness, CRITICAL under flood ${fmt(fairnessMs)} ms (target <= 2,000 ms)`);
  const { rows: mix } = await owner.query<{
    suppressed: number;
    raised: number;
    cases: number;
    writeback: number;
  }>(
    `SELECT (SELECT count(*)::int FROM findings WHERE verdict = 'SUPPRESSED') AS suppressed,
            (SELECT count(*)::int FROM findings WHERE verdict = 'RAISED') AS raised,
            (SELECT count(*)::int FROM cases) AS cases,
            (SELECT count(*)::int FROM writeback_outbox WHERE sent_at IS NOT NULL) AS writeback`,
  );
  console.log(
    `Verdicts                      ${fmt(mix[0].suppressed)} suppressed, ${fmt(mix[0].raised)} raised into ` +
      `${fmt(mix[0].cases)} cases; ${fmt(mix[0].writeback)} writebacks sent`,
  );
  console.log(`Total run time                ${fmt((Date.now() - t0) / 1000)} s`);
  console.log(
    `findings_per_s=${Math.round(findingsPerS)} raw_copy_per_s=${Math.round(raw.bestPerS)} ratio=${ratio.toFixed(2)} ` +
      `p50_ms=${Math.round(p50)} p99_ms=${Math.round(p99)} fairness_critical_ms=${Math.round(fairnessMs)}`,
  );
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error('benchmark failed:', error);
  for (const p of processes)
    if (p.stderr()) console.error(`--- ${p.name} stderr (tail) ---\n${p.stderr().slice(-4000)}`);
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
