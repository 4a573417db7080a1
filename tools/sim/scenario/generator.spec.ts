import { type ScenarioConfig, generateScenario, phaseOf } from './generator.js';
import { groupOf, isHostile } from './labels.js';

const config: ScenarioConfig = {
  seed: 42,
  tenants: 3,
  learningDays: 3,
  measurementDays: 2,
  findingsPerDay: 120,
  incidentRounds: 1,
  unknowablePerTenantDay: 0.5,
  startAt: new Date('2026-11-01T00:00:00.000Z'),
};

describe('generateScenario', () => {
  const scenario = generateScenario(config);

  it('is deterministic: the same seed gives the same findings, ids and times', () => {
    const again = generateScenario(config);
    expect(again.findings.map((f) => [f.id, f.createdAt.toISOString(), groupOf(f.label)])).toEqual(
      scenario.findings.map((f) => [f.id, f.createdAt.toISOString(), groupOf(f.label)]),
    );
    const other = generateScenario({ ...config, seed: 43 });
    expect(other.findings.map((f) => f.id)).not.toEqual(scenario.findings.map((f) => f.id));
  });

  it('gives every finding a unique id and keeps emissions in time order', () => {
    expect(new Set(scenario.findings.map((f) => f.id)).size).toBe(scenario.findings.length);
    const times = scenario.emissions.map((e) => e.at.getTime());
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it('emits one benign emission per planned slot, per tenant and day', () => {
    const benign = scenario.emissions.filter(
      (e) => e.finding.label.category === 'benign' || e.finding.label.category === 'tenant-benign',
    );
    // 3 tenants x 5 days + the late tenant x 2 measurement days.
    expect(benign).toHaveLength(config.findingsPerDay * (3 * 5 + 2));
  });

  it('repeats some findings with the same id, a newer UpdatedAt and Count+1', () => {
    const repeated = scenario.findings.filter((f) => f.versions.length > 1);
    expect(repeated.length).toBeGreaterThan(10);
    for (const f of repeated) {
      for (let i = 1; i < f.versions.length; i++) {
        expect(f.versions[i].updatedAt.getTime()).toBeGreaterThanOrEqual(
          f.versions[i - 1].updatedAt.getTime(),
        );
        expect(f.versions[i].count).toBe(f.versions[i - 1].count + 1);
      }
      expect(scenario.emissions.filter((e) => e.finding === f)).toHaveLength(f.versions.length);
    }
  });

  it('keeps the late tenant out of the learning phase and without tenant-specific behaviour', () => {
    const late = scenario.findings.filter((f) => f.tenant === 'late');
    expect(late.length).toBeGreaterThan(0);
    expect(late.every((f) => phaseOf(config, f.day) === 'measurement')).toBe(true);
    expect(
      late.some((f) => f.label.category === 'tenant-benign' || f.label.category === 'unknowable-benign'),
    ).toBe(false);
    const archetypes = new Set(
      late.filter((f) => f.label.category === 'benign').map((f) => groupOf(f.label)),
    );
    expect(archetypes.size).toBe(6);
  });

  it('plays every attack and hard negative in each phase, with precursors before their attack', () => {
    const hostile = scenario.findings.filter((f) => isHostile(f.label));
    const groups = (phase: string) =>
      new Set(hostile.filter((f) => phaseOf(config, f.day) === phase).map((f) => groupOf(f.label)));
    const expected = [
      'attack/credential-exfiltration',
      'attack/crypto-mining',
      'attack/brute-force-login',
      'precursor/credential-exfiltration',
      'precursor/crypto-mining',
      'precursor/brute-force-login',
      'hard-negative/stolen-ci-credentials',
      'hard-negative/unexposed-port-probe',
      'hard-negative/untagged-mining',
    ];
    expect([...groups('learning')].sort()).toEqual([...expected].sort());
    expect([...groups('measurement')].sort()).toEqual([...expected].sort());
    for (const attack of hostile.filter((f) => f.label.category === 'attack')) {
      const incident = 'incident' in attack.label ? attack.label.incident : '';
      const precursor = hostile.find(
        (f) => f.label.category === 'precursor' && 'incident' in f.label && f.label.incident === incident,
      )!;
      expect(precursor.createdAt.getTime()).toBeLessThan(attack.createdAt.getTime() - 59 * 60_000);
      expect(precursor.day).toBe(attack.day);
      expect(precursor.tenant).toBe(attack.tenant);
    }
  });

  it('makes hard negatives differ from their archetype only in the tell-tale signal', () => {
    const probe = scenario.findings.find((f) => groupOf(f.label) === 'hard-negative/unexposed-port-probe')!;
    const spec = probe.spec as Extract<typeof probe.spec, { product: 'guardduty' }>;
    if (spec.resource.kind !== 'instance' || spec.action.kind !== 'port-probe')
      throw new Error('not a probe');
    expect(spec.resource.instance.exposedPorts).not.toContain(spec.action.port);
    const mining = scenario.findings.find((f) => groupOf(f.label) === 'hard-negative/untagged-mining')!;
    const miningSpec = mining.spec as Extract<typeof mining.spec, { product: 'guardduty' }>;
    expect(miningSpec.resource.kind === 'instance' && miningSpec.resource.instance.tags).toEqual({});
  });

  it('lets each admin travel to a country only once (an unknowable login is never a repeat)', () => {
    for (const world of scenario.worlds) {
      expect(new Set(world.travelledTo).size).toBe(world.travelledTo.length);
    }
    expect(scenario.findings.some((f) => f.label.category === 'unknowable-benign')).toBe(true);
  });

  it('sends GuardDuty natively for some tenants and as ASFF for others, controls always as ASFF', () => {
    const formats = new Set(scenario.findings.map((f) => `${f.spec.product}:${f.format}`));
    expect(formats).toEqual(new Set(['guardduty:guardduty', 'guardduty:asff', 'securityhub-control:asff']));
  });
});
