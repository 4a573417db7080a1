import { MAX_TENANTS } from './scenario/world.js';

/** The simulator's knobs, from the environment (see docs/benchmarks.md, "Scenario simulator"). */
export interface SimConfig {
  seed: number;
  tenants: number;
  learningDays: number;
  measurementDays: number;
  findingsPerDay: number;
  incidentRounds: number;
  unknowablePerTenantDay: number;
  /** Pushes per simulated day (plus one before each attack); each waits for the verdicts of the previous one. */
  ticksPerDay: number;
  /**
   * CASE_GROUPING_WINDOW_MINUTES of the API and worker. Grouping and retro-correlation window on the
   * findings' own times, so these are simulated minutes: 4 hours by default, which holds a precursor and
   * its attack (1 to 3 hours apart) and not yesterday's unrelated activity on the same resource.
   */
  groupingWindowMinutes: number;
  /** After each day's dispositions: how long the tenants' pattern counts must stay unchanged (learning done). */
  settleMs: number;
  /** Longest wait for pooled patterns to appear before the late tenant joins. */
  poolWaitSeconds: number;
  /** POOLING_EVERY_SECONDS of the worker: how often tenant patterns are pooled (real seconds). */
  poolingEverySeconds: number;
}

type Env = Readonly<Record<string, string | undefined>>;

function integer(env: Env, name: string, fallback: number, min: number, max: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isInteger(value) || value < min || value > max) {
    throw new Error(`${name} must be an integer from ${min} to ${max}, got ${JSON.stringify(raw)}`);
  }
  return value;
}

function fraction(env: Env, name: string, fallback: number): number {
  const raw = env[name];
  const value = raw === undefined || raw === '' ? fallback : Number(raw);
  if (!Number.isFinite(value) || value < 0 || value > 1) {
    throw new Error(`${name} must be a number from 0 to 1, got ${JSON.stringify(raw)}`);
  }
  return value;
}

export function simConfig(env: Env): SimConfig {
  return {
    seed: integer(env, 'SIM_SEED', 1, 0, 0xffffffff),
    tenants: integer(env, 'SIM_TENANTS', 4, 3, MAX_TENANTS),
    learningDays: integer(env, 'SIM_LEARNING_DAYS', 5, 1, 60),
    measurementDays: integer(env, 'SIM_MEASUREMENT_DAYS', 2, 1, 30),
    findingsPerDay: integer(env, 'SIM_FINDINGS_PER_DAY', 200, 10, 100_000),
    incidentRounds: integer(env, 'SIM_INCIDENT_ROUNDS', 1, 1, 100),
    unknowablePerTenantDay: fraction(env, 'SIM_UNKNOWABLE_RATE', 0.3),
    ticksPerDay: integer(env, 'SIM_TICKS_PER_DAY', 6, 1, 1440),
    groupingWindowMinutes: integer(env, 'SIM_GROUPING_WINDOW_MINUTES', 240, 1, 43_200),
    settleMs: integer(env, 'SIM_SETTLE_MS', 2000, 0, 600_000),
    poolWaitSeconds: integer(env, 'SIM_POOL_WAIT_SECONDS', 45, 0, 3600),
    poolingEverySeconds: integer(env, 'SIM_POOLING_EVERY_SECONDS', 10, 10, 86_400),
  };
}
