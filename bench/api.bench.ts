/**
 * The MSSP analyst's queue under load (issue 5): `caseQueue(first: 50)` with finding count, assignee, SLA state
 * and last comment, against one API process built in dist/, with BENCH_API_CASES (100,000) cases in the
 * database over BENCH_API_TENANTS (20) tenants, all assigned to the analyst.
 *
 *   npm run bench:api
 *
 * Knobs (environment): BENCH_API_CASES, BENCH_API_TENANTS, BENCH_API_CONCURRENCY (requests in flight, 16),
 * BENCH_API_SECONDS (measured duration, 15). SQL statements per request come from the API's own
 * `sieve_db_statements_total` (every statement its DataSource sent: authentication, the transaction and
 * the queue's queries). A baseline is measured in the same run: the cheapest authenticated query (`me`), the
 * ceiling of this stack on this machine, and the ratio printed. The last line is machine-readable.
 */
import { Agent, request } from 'node:http';
import { availableParallelism } from 'node:os';
import { SignJWT } from 'jose';
import pg from 'pg';
import { seedCases } from './api-seed.js';
import { describeCpu, sampleCpu } from './cpu-usage.js';
import { type BenchEnvironment, createEnvironment, destroyEnvironment } from './environment.js';
import { type BenchProcess, startApi } from './processes.js';
import { percentile, sleep } from './stats.js';

const int = (name: string, fallback: number) => {
  const v = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(v) || v <= 0) throw new Error(`${name} must be a positive integer`);
  return v;
};

const CASES = int('BENCH_API_CASES', 100_000);
const TENANTS = int('BENCH_API_TENANTS', 20);
const CONCURRENCY = int('BENCH_API_CONCURRENCY', 16);
const SECONDS = int('BENCH_API_SECONDS', 15);
// API processes sharing the port (the API's own API_PROCESSES setting, see the README).
const PROCESSES = int('BENCH_API_PROCESSES', 1);

const QUEUE_QUERY = `query Queue($first: Int!) {
  caseQueue(first: $first) {
    edges { node {
      id key title status severityLabel priority slaState slaDueAt findingCount lastActivityAt
      assignee { id displayName }
      lastComment { body createdAt authorId }
    } }
    pageInfo { hasNextPage endCursor }
  }
}`;

/**
 * The baseline measured in the same run: the cheapest authenticated request the API answers, through the same
 * HTTP server, authentication, Nest pipeline and Apollo execution as the queue, reading no table. What the
 * queue costs beyond it is the queue's own work; what the baseline costs is this stack on this machine.
 */
const BASELINE_QUERY = `query Me { me { kind assignedTenantIds } }`;

const fmt = (n: number) => Math.round(n).toLocaleString('en-US');
const log = (message: string) =>
  console.log(`[bench:api ${new Date().toISOString().slice(11, 19)}] ${message}`);

let env: BenchEnvironment | undefined;
let owner: pg.Client | undefined;
let api: (BenchProcess & { url: string }) | undefined;

async function statements(url: string): Promise<number> {
  const text = await (await fetch(`${url}/metrics`)).text();
  const match = /^sieve_db_statements_total (\d+)/m.exec(text);
  if (!match) throw new Error('the API exposes no sieve_db_statements_total');
  return Number(match[1]);
}

/**
 * The load client: node:http on kept-alive connections, one per request in flight. It reads and checks every
 * answer (status, no errors, 50 edges) but does no more than that: global fetch cost ~1.3 ms of CPU per
 * request here, taken from the same two cores as the API and PostgreSQL it measures.
 */
const agent = new Agent({ keepAlive: true, maxSockets: 64 });

interface Answer {
  data?: { caseQueue?: { edges: unknown[] }; me?: { kind: string } };
  errors?: unknown[];
}

/** The queue's page must hold 50 cases; the baseline's answer must name the analyst's credentials. */
const complete = {
  queue: (a: Answer) => a.data?.caseQueue?.edges.length === 50,
  baseline: (a: Answer) => a.data?.me?.kind === 'user',
};

function post(url: string, token: string, query: string, check: (a: Answer) => boolean): Promise<void> {
  const body = JSON.stringify({ query, variables: { first: 50 } });
  return new Promise((resolve, reject) => {
    const req = request(
      `${url}/graphql`,
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': Buffer.byteLength(body),
          authorization: `Bearer ${token}`,
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('error', reject);
        res.on('end', () => {
          const text = Buffer.concat(chunks).toString('utf8');
          try {
            const answer = JSON.parse(text) as Answer;
            if (res.statusCode !== 200 || answer.errors || !check(answer)) {
              throw new Error(`${query.slice(0, 20)}… answered ${res.statusCode}: ${text.slice(0, 500)}`);
            }
            resolve();
          } catch (error) {
            reject(error as Error);
          }
        });
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

/** `concurrency` loops sending the query back to back until `until`; latency of each request. */
async function load(
  url: string,
  token: string,
  concurrency: number,
  until: number,
  what: 'queue' | 'baseline' = 'queue',
): Promise<number[]> {
  const query = what === 'queue' ? QUEUE_QUERY : BASELINE_QUERY;
  const latencies: number[] = [];
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (Date.now() < until) {
        const start = performance.now();
        await post(url, token, query, complete[what]);
        latencies.push(performance.now() - start);
      }
    }),
  );
  return latencies;
}

async function main(): Promise<void> {
  env = await createEnvironment();
  log(`database ${env.database}`);
  owner = new pg.Client({ connectionString: env.ownerUrl });
  await owner.connect();
  const seedStart = Date.now();
  const data = await seedCases(owner, TENANTS, CASES);
  const { rows } = await owner.query<{ open: number; findings: number; comments: number }>(
    `SELECT (SELECT count(*)::int FROM cases WHERE status NOT IN ('RESOLVED', 'CLOSED')) AS open,
            (SELECT count(*)::int FROM case_findings) AS findings, (SELECT count(*)::int FROM case_comments) AS comments`,
  );
  log(
    `seeded ${fmt(data.cases)} cases (${fmt(rows[0].open)} open) over ${TENANTS} tenants, ${fmt(rows[0].findings)} linked ` +
      `findings, ${fmt(rows[0].comments)} comments in ${fmt((Date.now() - seedStart) / 1000)} s`,
  );

  // The API as deployed: NODE_ENV=production (graphql-js and Express skip their development checks), which
  // wants the platform's AWS principal set (never used here: the queue calls no AWS API).
  api = await startApi({
    ...env.processEnv,
    NODE_ENV: 'production',
    AWS_PLATFORM_PRINCIPAL_ARN: 'arn:aws:iam::000000000000:role/sieve-bench',
    IP_DATASET: 'none',
    API_PROCESSES: String(PROCESSES),
  });
  const now = Math.floor(Date.now() / 1000);
  const token = await new SignJWT({})
    .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
    .setSubject(data.analystId)
    .setIssuer('sieve')
    .setAudience('sieve-api')
    .setIssuedAt(now)
    .setExpirationTime(now + 3600)
    .sign(new TextEncoder().encode(env.processEnv.JWT_SECRET));

  // Warm-up: JIT, connection pool, PostgreSQL caches.
  await load(api.url, token, CONCURRENCY, Date.now() + 3_000);
  await load(api.url, token, CONCURRENCY, Date.now() + 1_000, 'baseline');
  await sleep(200);

  // The baseline first, for a third of the queue's time, on the same connections and concurrency.
  const baselineStart = Date.now();
  const baseline = await load(api.url, token, CONCURRENCY, baselineStart + (SECONDS * 1000) / 3, 'baseline');
  const baselineRps = baseline.length / ((Date.now() - baselineStart) / 1000);
  await sleep(200);

  const before = await statements(api.url);
  const clientCpu = process.cpuUsage();
  // With several API processes the primary's pid holds only its own share: CPU per request is printed for one.
  const cpuBefore = PROCESSES === 1 ? sampleCpu({ api: api.child.pid }) : null;
  const start = Date.now();
  const latencies = await load(api.url, token, CONCURRENCY, start + SECONDS * 1000);
  const cpuAfter = cpuBefore ? sampleCpu({ api: api.child.pid }) : null;
  const elapsed = (Date.now() - start) / 1000;
  const { user, system } = process.cpuUsage(clientCpu);
  const clientUsPerRequest = (user + system) / latencies.length;
  const sqlPerRequest = ((await statements(api.url)) - before) / latencies.length;
  const rps = latencies.length / elapsed;
  const p50 = percentile(latencies, 50);
  const p99 = percentile(latencies, 99);

  console.log('');
  console.log(
    `caseQueue(first: 50), ${CONCURRENCY} in flight, ${SECONDS} s, ${PROCESSES} API process${PROCESSES > 1 ? 'es' : ''}`,
  );
  console.log(`Requests                      ${fmt(latencies.length)}`);
  console.log(`Throughput                    ${fmt(rps)} req/s (target >= 1,000)`);
  console.log(
    `Latency                       p50 ${p50.toFixed(1)} ms, p99 ${p99.toFixed(1)} ms (target p99 <= 50 ms)`,
  );
  console.log(
    `SQL statements per request    ${sqlPerRequest.toFixed(1)} (all of them: authentication, transaction, queue)`,
  );
  console.log(`Load client CPU per request   ${Math.round(clientUsPerRequest)} µs (on the same cores)`);
  if (cpuBefore && cpuAfter) {
    console.log(
      `CPU per request               ${describeCpu(cpuBefore, cpuAfter, latencies.length, availableParallelism())}`,
    );
  }
  console.log(
    `Baseline (same run)           ${fmt(baselineRps)} req/s, p50 ${percentile(baseline, 50).toFixed(1)} ms, ` +
      `p99 ${percentile(baseline, 99).toFixed(1)} ms: \`me\`, authenticated, no table read`,
  );
  console.log(`Ratio caseQueue / baseline    ${(rps / baselineRps).toFixed(2)}`);
  console.log(
    `rps=${Math.round(rps)} p50_ms=${p50.toFixed(1)} p99_ms=${p99.toFixed(1)} sql_per_request=${sqlPerRequest.toFixed(1)} cases=${data.cases}`,
  );
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error('benchmark failed:', error);
  if (api?.stderr()) console.error(`--- api stderr (tail) ---\n${api.stderr().slice(-4000)}`);
} finally {
  await api?.stop().catch(() => undefined);
  await owner?.end().catch(() => undefined);
  if (env)
    await destroyEnvironment(env).catch((e: unknown) =>
      console.error(`cleanup failed: ${(e as Error).message}`),
    );
}
process.exit(failed ? 1 : 0);
