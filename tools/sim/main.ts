/**
 * The scenario simulator (issue 6): a multi-tenant stream of GuardDuty and Security Hub findings with known
 * truth, played against a real Sieve (one API and one worker from dist/, on a database, Redis prefix and AWS
 * emulator of its own) through its public interfaces, then measured.
 *
 *   npm run sim
 *
 * Knobs (environment): SIM_TENANTS (4), SIM_LEARNING_DAYS (5), SIM_MEASUREMENT_DAYS (2), SIM_FINDINGS_PER_DAY
 * (200 per tenant), SIM_SEED (1), SIM_INCIDENT_ROUNDS (1), SIM_UNKNOWABLE_RATE (0.3), SIM_TICKS_PER_DAY (6),
 * SIM_GROUPING_WINDOW_MINUTES (240), SIM_SETTLE_MS (2000), SIM_POOL_WAIT_SECONDS (45), SIM_POOLING_EVERY_SECONDS (10).
 * Diagnosis: SIM_KEEP_DATABASE=1 keeps the run's database; SIM_LABELS_OUT=file writes every finding's label and
 * verdict as JSON lines.
 * The last line printed is machine-readable.
 */
import { writeFile } from 'node:fs/promises';
import { type RunningAwsEmulator, startAwsEmulator } from '../../apps/aws-emulator/src/index.js';
import { emulatorEnv } from '../../bench/emulator.js';
import { type BenchEnvironment, createEnvironment, destroyEnvironment } from '../../bench/environment.js';
import { type BenchProcess, startApi, startWorker } from '../../bench/processes.js';
import { simConfig } from './config.js';
import { computeMetrics } from './metrics/metrics.js';
import { archetypeTable, summary } from './metrics/report.js';
import { type RunResult, runSimulation } from './run.js';
import { groupOf } from './scenario/labels.js';

const log = (line: string) => console.log(`[sim ${new Date().toISOString().slice(11, 19)}] ${line}`);

let env: BenchEnvironment | undefined;
let emulator: RunningAwsEmulator | undefined;
const processes: BenchProcess[] = [];
let cleaning: Promise<void> | undefined;
/** Diagnosis: keep the database (drop it by hand) to read fingerprints, patterns and verdicts with SQL. */
const keepDatabase = process.env.SIM_KEEP_DATABASE === '1';

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const p of [...processes].reverse()) await p.stop().catch(() => undefined);
    await emulator?.close().catch(() => undefined);
    if (env && keepDatabase) {
      console.error(`SIM_KEEP_DATABASE: database ${env.database} and Redis prefix ${env.redisPrefix} kept`);
    } else if (env) {
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

/** How long a simulated day took, and the grouping window (on the findings' own, simulated, times). */
function timeNote(result: RunResult, windowMinutes: number): string {
  const wall = result.days.reduce((sum, d) => sum + d.wallMs, 0) / result.days.length;
  return (
    `Compressed time: one simulated day took ${(wall / 1000).toFixed(1)} s of real time on average; grouping and ` +
    `retro-correlation window on the findings' own times: ${windowMinutes} simulated minutes.`
  );
}

async function main(): Promise<void> {
  const config = simConfig(process.env);
  const t0 = Date.now();
  env = await createEnvironment();
  log(`database ${env.database}, Redis prefix ${env.redisPrefix}`);
  emulator = await startAwsEmulator({ port: 0 });
  const processEnv = {
    ...env.processEnv,
    ...emulatorEnv(emulator),
    CASE_GROUPING_WINDOW_MINUTES: String(config.groupingWindowMinutes),
    POOLING_EVERY_SECONDS: String(config.poolingEverySeconds),
  };
  const api = await startApi(processEnv);
  processes.push(api);
  processes.push(await startWorker(processEnv));
  log(`API on ${api.url} and worker started; config ${JSON.stringify(config)}`);

  const result = await runSimulation(config, {
    apiUrl: api.url,
    cliEnv: processEnv,
    emulator,
    log,
    check: () => {
      for (const p of processes) {
        if (p.child.exitCode !== null)
          throw new Error(`${p.name} exited with ${p.child.exitCode}: ${p.stderr()}`);
      }
    },
  });
  const metrics = computeMetrics(result.scenario, result.observation);
  if (process.env.SIM_LABELS_OUT) {
    // Diagnosis: the truth beside what Sieve said, one JSON line per finding (joins with a kept database).
    const lines = result.scenario.findings.map((f) =>
      JSON.stringify({
        findingId: f.id,
        tenant: f.tenant,
        day: f.day,
        group: groupOf(f.label),
        ...result.observation.findings.get(f.id),
      }),
    );
    await writeFile(process.env.SIM_LABELS_OUT, `${lines.join('\n')}\n`);
  }

  console.log('');
  console.log('Patterns at the end (tenant active/proposed/retired; global active as the tenant sees them):');
  for (const p of result.patterns) {
    console.log(
      `  ${p.slug.padEnd(16)} tenant ${p.tenant.active}/${p.tenant.proposed}/${p.tenant.retired}  global ${p.global.active}`,
    );
  }
  console.log(`Active global patterns when the late tenant joined: ${result.globalBeforeLateTenant}`);
  const { pool } = result;
  console.log(
    `Anonymisation: ${pool.patterns} pooled patterns (every status) scanned for ${pool.identifiers} identifiers ` +
      `of the tenants (ids, names, addresses, own images, buckets, team and purpose tags): ` +
      (pool.leaks.length === 0 ? 'none found' : `${pool.leaks.length} FOUND`),
  );
  for (const leak of pool.leaks.slice(0, 20)) {
    console.log(`  ${leak.pattern}: ${leak.tenant}'s ${leak.kind} ${leak.value}`);
  }
  console.log(timeNote(result, config.groupingWindowMinutes));
  console.log('');
  console.log('Measurement phase, by kind of finding:');
  console.log(archetypeTable(metrics));
  console.log('');
  console.log(`Total run time ${((Date.now() - t0) / 1000).toFixed(0)} s`);
  for (const line of summary(metrics)) console.log(line);
}

let failed = false;
try {
  await main();
} catch (error) {
  failed = true;
  console.error('simulation failed:', error);
  for (const p of processes) {
    if (p.stderr()) console.error(`--- ${p.name} stderr (tail) ---\n${p.stderr().slice(-4000)}`);
  }
} finally {
  await cleanup();
}
process.exit(failed ? 1 : 0);
