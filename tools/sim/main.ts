/**
 * The scenario simulator (issue 6): a multi-tenant stream of GuardDuty and Security Hub findings with known
 * truth, played against a real Sieve (one API and one worker from dist/, on a database, Redis prefix and AWS
 * emulator of its own) through its public interfaces, then measured.
 *
 *   npm run sim
 *
 * Knobs (environment): SIM_TENANTS (4), SIM_LEARNING_DAYS (5), SIM_MEASUREMENT_DAYS (2), SIM_FINDINGS_PER_DAY
 * (200 per tenant), SIM_SEED (1), SIM_INCIDENT_ROUNDS (1), SIM_UNKNOWABLE_RATE (0.3), SIM_TICKS_PER_DAY (6),
 * SIM_GROUPING_WINDOW_MINUTES (1), SIM_SETTLE_MS (2000), SIM_POOL_WAIT_SECONDS (45), SIM_POOLING_EVERY_SECONDS (10).
 * The last line printed is machine-readable.
 */
import { type RunningAwsEmulator, startAwsEmulator } from '../../apps/aws-emulator/src/index.js';
import { emulatorEnv } from '../../bench/emulator.js';
import { type BenchEnvironment, createEnvironment, destroyEnvironment } from '../../bench/environment.js';
import { type BenchProcess, startApi, startWorker } from '../../bench/processes.js';
import { simConfig } from './config.js';
import { computeMetrics } from './metrics/metrics.js';
import { archetypeTable, summary } from './metrics/report.js';
import { type RunResult, runSimulation } from './run.js';

const log = (line: string) => console.log(`[sim ${new Date().toISOString().slice(11, 19)}] ${line}`);

let env: BenchEnvironment | undefined;
let emulator: RunningAwsEmulator | undefined;
const processes: BenchProcess[] = [];
let cleaning: Promise<void> | undefined;

function cleanup(): Promise<void> {
  cleaning ??= (async () => {
    for (const p of [...processes].reverse()) await p.stop().catch(() => undefined);
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

/** How the real clock of the server met the compressed simulated time. */
function timeNote(result: RunResult, windowMinutes: number): string {
  const wall = result.days.reduce((sum, d) => sum + d.wallMs, 0) / result.days.length;
  const windowDays = (windowMinutes * 60_000) / wall;
  return (
    `Compressed time: one simulated day took ${(wall / 1000).toFixed(1)} s of real time on average, so the ` +
    `server's ${windowMinutes}-minute grouping and retro-correlation window (real time) spanned about ` +
    `${windowDays.toFixed(1)} simulated days (${(windowDays * 24).toFixed(0)} simulated hours).`
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

  console.log('');
  console.log('Patterns at the end (tenant active/proposed/retired; global active as the tenant sees them):');
  for (const p of result.patterns) {
    console.log(
      `  ${p.slug.padEnd(16)} tenant ${p.tenant.active}/${p.tenant.proposed}/${p.tenant.retired}  global ${p.global.active}`,
    );
  }
  console.log(`Active global patterns when the late tenant joined: ${result.globalBeforeLateTenant}`);
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
