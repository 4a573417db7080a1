import type { RunningAwsEmulator } from '../../apps/aws-emulator/src/index.js';
import type { SimConfig } from './config.js';
import { type AnalystTally, workQueue } from './driver/analyst.js';
import {
  type SimPeople,
  type SimTenant,
  assignAnalyst,
  createPeople,
  onboardTenant,
} from './driver/onboarding.js';
import { type ScopeCounts, patternCounts, waitForLearning, waitForPool } from './driver/patterns.js';
import { pushEmissions } from './driver/push.js';
import { observedCases, readCases, readFindings, readGlobalPatterns } from './driver/readback.js';
import { type PoolLeak, identifiersOf, poolLeaks } from './metrics/pool-leaks.js';
import { waitForVerdicts } from './driver/verdicts.js';
import type { Observation, ObservedFinding } from './metrics/observation.js';
import type { Emission } from './scenario/finding-spec.js';
import { type Scenario, dayStart, generateScenario, phaseOf, totalDays } from './scenario/generator.js';
import type { FindingLabel } from './scenario/labels.js';

export interface RunEnvironment {
  apiUrl: string;
  /** Environment of the operator CLI (the API's database and JWT secret). */
  cliEnv: Readonly<Record<string, string>>;
  emulator: RunningAwsEmulator;
  /** Throws if the API or the worker died. */
  check(): void;
  log(line: string): void;
}

export interface DayLog {
  day: number;
  pushed: number;
  /** Real time the day took: pushes and verdicts, then the analyst's work. */
  wallMs: number;
  ingestMs: number;
  analystMs: number;
  analyst: AnalystTally;
}

export interface RunResult {
  scenario: Scenario;
  observation: Observation;
  days: DayLog[];
  patterns: { slug: string; tenant: ScopeCounts; global: ScopeCounts }[];
  globalBeforeLateTenant: number;
  /** Every pooled pattern read back and scanned for every tenant's identifiers. */
  pool: { patterns: number; identifiers: number; leaks: PoolLeak[] };
}

const VERDICT_TIMEOUT_MS = 180_000;
/** Longest wait for the day's learning to settle. */
const LEARNING_TIMEOUT_MS = 30_000;
const DAY_MS = 86_400_000;

/** The simulated midnight that starts day 0: the run ends today, so no timestamp is in the future. */
export function simulatedStart(now: Date, days: number): Date {
  const midnight = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return new Date(midnight - days * DAY_MS);
}

/**
 * The day's pushes: `ticks` slices of simulated time, in order, each further cut just before an attack
 * finding, so that its precursor (an hour or more earlier) has its verdict before the attack arrives, as it
 * would in real time, however coarse the ticks.
 */
export function ticksOf(emissions: readonly Emission[], start: Date, ticks: number): Emission[][] {
  const slices: Emission[][] = Array.from({ length: ticks }, () => []);
  for (const e of emissions) {
    const slot = Math.floor(((e.at.getTime() - start.getTime()) / DAY_MS) * ticks);
    slices[Math.min(ticks - 1, Math.max(0, slot))].push(e);
  }
  return slices.flatMap((slice) => {
    const pushes: Emission[][] = [[]];
    for (const e of slice) {
      if (e.finding.label.category === 'attack' && e.version === 0 && pushes.at(-1)!.length > 0)
        pushes.push([]);
      pushes.at(-1)!.push(e);
    }
    return pushes;
  });
}

/**
 * Plays the scenario against a running Sieve through its public interfaces only: onboarding over GraphQL,
 * findings over POST /ingest/events, dispositions over GraphQL, and reads everything back over GraphQL.
 */
export async function runSimulation(sim: SimConfig, env: RunEnvironment): Promise<RunResult> {
  const { apiUrl, log } = env;
  const scenario = generateScenario({
    ...sim,
    startAt: simulatedStart(new Date(), sim.learningDays + sim.measurementDays),
  });
  const { config } = scenario;
  const people: SimPeople = await createPeople(env.cliEnv);
  const tenants: SimTenant[] = [];
  const onboard = async (worlds: Scenario['worlds']) => {
    tenants.push(
      ...(await Promise.all(worlds.map((w) => onboardTenant(apiUrl, env.cliEnv, env.emulator, people, w)))),
    );
    await assignAnalyst(apiUrl, people, tenants);
  };
  await onboard(scenario.worlds.filter((w) => !w.late));
  log(
    `onboarded ${tenants.length} tenants; ${scenario.findings.length} findings over ${totalDays(config)} days to play`,
  );

  const byProviderId = new Map(scenario.findings.map((f) => [f.id, f]));
  const labelBySieveId = new Map<string, FindingLabel>();
  const providerIdOf = new Map<string, string>();
  let readUpTo = new Date(0);
  const readNewFindings = async () => {
    const since = readUpTo;
    readUpTo = new Date();
    for (const t of tenants) {
      for (const f of await readFindings(apiUrl, t.adminToken, since)) {
        const sim = byProviderId.get(f.findingId);
        if (!sim) throw new Error(`Sieve holds finding ${f.findingId}, which the simulator never sent`);
        labelBySieveId.set(f.id, sim.label);
        providerIdOf.set(f.id, f.findingId);
      }
    }
  };
  let refreshing: Promise<void> | undefined;
  const truth = {
    labelOf: (id: string) => labelBySieveId.get(id),
    // One read at a time, however many cases ask at once.
    refresh: () => (refreshing ??= readNewFindings().finally(() => (refreshing = undefined))),
  };

  const runStart = new Date(Date.now() - 1000);
  let measurementStartedAt = new Date(8.64e15);
  let globalBeforeLateTenant = 0;
  const days: DayLog[] = [];
  for (let day = 0; day < totalDays(config); day++) {
    if (day === config.learningDays) {
      globalBeforeLateTenant = await waitForPool(apiUrl, tenants[0].adminToken, {
        timeoutMs: sim.poolWaitSeconds * 1000,
        // Unchanged for a whole pooling cycle: the pool has taken in what the learning phase taught.
        stableMs: sim.poolingEverySeconds * 1000 + 2000,
      });
      log(`learning done; ${globalBeforeLateTenant} active global patterns; the late tenant joins`);
      await onboard(scenario.worlds.filter((w) => w.late));
      measurementStartedAt = new Date();
    }
    const started = Date.now();
    const today = scenario.emissions.filter(
      (e) => e.at >= dayStart(config, day) && e.at < dayStart(config, day + 1),
    );
    for (const tick of ticksOf(today, dayStart(config, day), sim.ticksPerDay)) {
      if (tick.length === 0) continue;
      await Promise.all(
        tenants.map((t) => {
          const mine = tick.filter((e) => e.finding.tenant === t.world.label);
          return mine.length > 0 ? pushEmissions(apiUrl, t.ingestKey, mine) : undefined;
        }),
      );
      await waitForVerdicts(apiUrl, people.platformToken, tenants, runStart, {
        timeoutMs: VERDICT_TIMEOUT_MS,
        check: env.check,
      });
    }
    const ingestMs = Date.now() - started;
    await truth.refresh();
    const analyst = await workQueue(apiUrl, people.analystToken, truth);
    const analystMs = Date.now() - started - ingestMs;
    await waitForLearning(
      apiUrl,
      tenants.map((t) => t.adminToken),
      { quietMs: sim.settleMs, timeoutMs: LEARNING_TIMEOUT_MS },
    );
    const entry: DayLog = {
      day,
      pushed: today.length,
      wallMs: Date.now() - started,
      ingestMs,
      analystMs,
      analyst,
    };
    days.push(entry);
    log(
      `day ${day + 1}/${totalDays(config)} (${phaseOf(config, day)}): ${today.length} versions pushed and judged ` +
        `in ${ingestMs} ms; ${analyst.truePositive + analyst.benign} cases resolved ` +
        `(${analyst.truePositive} true positive, ${analyst.splitOut} benign findings split out of them) ` +
        `in ${analystMs} ms`,
    );
  }

  const findings = new Map<string, ObservedFinding>();
  for (const t of tenants) {
    for (const f of await readFindings(apiUrl, t.adminToken)) {
      findings.set(f.findingId, {
        verdict: f.verdict,
        patternScope: f.patternScope,
        explanation: f.explanation,
      });
      providerIdOf.set(f.id, f.findingId);
    }
  }
  const cases = observedCases(
    await readCases(apiUrl, people.analystToken),
    providerIdOf,
    measurementStartedAt,
    new Set(days.flatMap((d) => d.analyst.splitCases)),
  );
  const patterns = await Promise.all(
    tenants.map(async (t) => ({ slug: t.world.slug, ...(await patternCounts(apiUrl, t.adminToken)) })),
  );
  const pooled = await readGlobalPatterns(apiUrl, tenants[tenants.length - 1].adminToken);
  const pool = {
    patterns: pooled.length,
    identifiers: scenario.worlds.reduce((n, w) => n + identifiersOf(w).length, 0),
    leaks: poolLeaks(scenario.worlds, pooled),
  };
  return { scenario, observation: { findings, cases }, days, patterns, globalBeforeLateTenant, pool };
}
