import { Random } from '../random.js';
import {
  type Draft,
  adminConsole,
  backupPipeline,
  blockchainNode,
  ciDeploy,
  internetScanner,
  newCountryLogin,
  officeApi,
  securityHubControl,
  vulnScanner,
} from './benign.js';
import type { Emission, SimFinding } from './finding-spec.js';
import { attackSteps, hardNegativeSteps, type IncidentStep } from './incidents.js';
import { ATTACKS, type AttackKind, HARD_NEGATIVES, type HardNegativeKind, groupOf } from './labels.js';
import { type TenantWorld, tenantWorld } from './world.js';

export interface ScenarioConfig {
  seed: number;
  /** Tenants present from the start; the late tenant comes on top. */
  tenants: number;
  learningDays: number;
  measurementDays: number;
  /** Benign emissions per tenant and day (new findings and updates of earlier ones). */
  findingsPerDay: number;
  /** How many times each attack and each hard negative occurs in each phase. */
  incidentRounds: number;
  /** Chance per tenant and day that its admin signs in from a country never seen. */
  unknowablePerTenantDay: number;
  /** Simulated midnight (UTC) that starts day 0. */
  startAt: Date;
}

export type Phase = 'learning' | 'measurement';

export interface Scenario {
  config: ScenarioConfig;
  worlds: TenantWorld[];
  /** Every finding, in the order it was generated. */
  findings: SimFinding[];
  /** Every version of every finding, in simulated time order. */
  emissions: Emission[];
}

const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;

export const totalDays = (c: ScenarioConfig) => c.learningDays + c.measurementDays;
export const phaseOf = (c: ScenarioConfig, day: number): Phase =>
  day < c.learningDays ? 'learning' : 'measurement';
export const dayStart = (c: ScenarioConfig, day: number) => new Date(c.startAt.getTime() + day * DAY_MS);

type Generate = (random: Random, world: TenantWorld) => Draft;

/** Shares of the benign stream, and the hours (UTC) each behaviour keeps. */
const BENIGN: readonly {
  generate: Generate;
  weight: number;
  hours: [number, number];
  tenantSpecific?: true;
}[] = [
  { generate: internetScanner, weight: 40, hours: [0, 23] },
  { generate: ciDeploy, weight: 15, hours: [7, 20] },
  { generate: backupPipeline, weight: 12, hours: [0, 5] },
  { generate: vulnScanner, weight: 8, hours: [1, 4] },
  { generate: securityHubControl, weight: 8, hours: [0, 23] },
  { generate: blockchainNode, weight: 4, hours: [0, 23] },
  { generate: officeApi, weight: 8, hours: [8, 18], tenantSpecific: true },
  { generate: adminConsole, weight: 5, hours: [7, 19], tenantSpecific: true },
];

/** Archetypes whose findings GuardDuty / Security Hub keep updating (the same finding seen again). */
const REPEATING = new Set(['benign/internet-scanner', 'benign/vuln-scanner', 'benign/blockchain-node']);
const REPEAT_CHANCE = 0.25;

class Builder {
  readonly findings: SimFinding[] = [];
  readonly emissions: Emission[] = [];

  constructor(private readonly ids: Random) {}

  create(world: TenantWorld, day: number, at: Date, draft: Draft): SimFinding {
    const { accountId, region, detectorId } = world;
    const control = draft.spec.product === 'securityhub-control';
    const shortId = control
      ? `${this.ids.hex(8)}-${this.ids.hex(4)}-4${this.ids.hex(3)}-a${this.ids.hex(3)}-${this.ids.hex(12)}`
      : this.ids.hex(32);
    const id =
      draft.spec.product === 'securityhub-control'
        ? `arn:aws:securityhub:${region}:${accountId}:security-control/${draft.spec.controlId}/finding/${shortId}`
        : `arn:aws:guardduty:${region}:${accountId}:detector/${detectorId}/finding/${shortId}`;
    const finding: SimFinding = {
      id,
      shortId,
      tenant: world.label,
      accountId,
      region,
      detectorId,
      day,
      format: control ? 'asff' : world.guardDutyVia,
      label: draft.label,
      spec: draft.spec,
      createdAt: at,
      versions: [{ updatedAt: at, count: 1 }],
    };
    this.findings.push(finding);
    this.emissions.push({ at, finding, version: 0 });
    return finding;
  }

  repeat(finding: SimFinding, at: Date): void {
    const last = finding.versions[finding.versions.length - 1];
    finding.versions.push({ updatedAt: at, count: last.count + 1 });
    this.emissions.push({ at, finding, version: finding.versions.length - 1 });
  }
}

function timeIn(random: Random, config: ScenarioConfig, day: number, hours: [number, number]): Date {
  const minute = random.int(hours[0] * 60, hours[1] * 60 + 59);
  return new Date(dayStart(config, day).getTime() + minute * MINUTE_MS + random.int(0, 59_999));
}

function benignDay(builder: Builder, config: ScenarioConfig, world: TenantWorld, day: number): void {
  const random = new Random(config.seed).fork(`benign/${world.label}/${day}`);
  const kinds = BENIGN.filter((b) => !(b.tenantSpecific && world.late));
  const planned = Array.from({ length: config.findingsPerDay }, () => {
    const kind = random.weighted(kinds.map((k) => [k, k.weight] as const));
    return { kind, at: timeIn(random, config, day, kind.hours) };
  }).sort((a, b) => a.at.getTime() - b.at.getTime());
  const today = new Map<string, SimFinding[]>();
  for (const { kind, at } of planned) {
    const draft = kind.generate(random, world);
    const group = groupOf(draft.label);
    const earlier = today.get(group) ?? [];
    if (REPEATING.has(group) && earlier.length > 0 && random.chance(REPEAT_CHANCE)) {
      builder.repeat(random.pick(earlier), at);
      continue;
    }
    earlier.push(builder.create(world, day, at, draft));
    today.set(group, earlier);
  }
  if (random.chance(config.unknowablePerTenantDay)) {
    const draft = newCountryLogin(random, world);
    if (draft) builder.create(world, day, timeIn(random, config, day, [6, 22]), draft);
  }
}

/** Each attack and hard negative `incidentRounds` times per phase, on a random active tenant and day. */
function incidents(builder: Builder, config: ScenarioConfig, worlds: readonly TenantWorld[]): void {
  const random = new Random(config.seed).fork('incidents');
  const phases: [Phase, number, number][] = [
    ['learning', 0, config.learningDays - 1],
    ['measurement', config.learningDays, totalDays(config) - 1],
  ];
  const kinds: (AttackKind | HardNegativeKind)[] = [...ATTACKS, ...HARD_NEGATIVES];
  for (const [phase, first, last] of phases) {
    if (last < first) continue;
    const active = worlds.filter((w) => phase === 'measurement' || !w.late);
    for (let round = 0; round < config.incidentRounds; round++) {
      for (const kind of kinds) {
        const world = random.pick(active);
        const day = random.int(first, last);
        const incident = `${phase}-${kind}-${round + 1}`;
        const steps: IncidentStep[] = (ATTACKS as readonly string[]).includes(kind)
          ? attackSteps(random, world, kind as AttackKind, incident)
          : hardNegativeSteps(random, world, kind as HardNegativeKind, incident);
        // Started early enough in the day that the last step is still on it.
        const start = timeIn(random, config, day, [2, 19]);
        for (const step of steps) {
          builder.create(world, day, new Date(start.getTime() + step.offsetMinutes * MINUTE_MS), step.draft);
        }
      }
    }
  }
}

/** The whole run, deterministic in `config` (same seed and start: same findings, ids and times). */
export function generateScenario(config: ScenarioConfig): Scenario {
  const random = new Random(config.seed);
  const worlds = [
    ...Array.from({ length: config.tenants }, (_, i) => tenantWorld(random.fork(`world/${i}`), i, false)),
    tenantWorld(random.fork('world/late'), config.tenants, true),
  ];
  const builder = new Builder(random.fork('ids'));
  for (let day = 0; day < totalDays(config); day++) {
    for (const world of worlds) {
      if (world.late && phaseOf(config, day) === 'learning') continue;
      benignDay(builder, config, world, day);
    }
  }
  incidents(builder, config, worlds);
  const emissions = [...builder.emissions].sort((a, b) => a.at.getTime() - b.at.getTime());
  return { config, worlds, findings: builder.findings, emissions };
}
