import { generateScenario, phaseOf } from '../scenario/generator.js';
import type { SimFinding } from '../scenario/finding-spec.js';
import { incidentOf, isHostile } from '../scenario/labels.js';
import { computeMetrics, raisedBecause } from './metrics.js';
import type { ObservedCase, ObservedFinding } from './observation.js';
import { oracleCases } from './oracle.js';
import { archetypeTable, summary } from './report.js';

const scenario = generateScenario({
  seed: 11,
  tenants: 3,
  learningDays: 2,
  measurementDays: 2,
  findingsPerDay: 100,
  incidentRounds: 1,
  unknowablePerTenantDay: 0.5,
  startAt: new Date('2026-11-01T00:00:00.000Z'),
});
const measured = scenario.findings.filter((f) => phaseOf(scenario.config, f.day) === 'measurement');
const unknowable = measured.filter((f) => f.label.category === 'unknowable-benign');
const incidents = [...new Set(measured.map((f) => incidentOf(f.label)).filter((i) => i !== undefined))];

const suppressed = (scope: 'TENANT' | 'GLOBAL' = 'TENANT'): ObservedFinding => ({
  verdict: 'SUPPRESSED',
  patternScope: scope,
  explanation: 'suppressed by pattern',
});
const raised: ObservedFinding = {
  verdict: 'RAISED',
  patternScope: null,
  explanation: 'Raised: no known-good pattern covers this finding (HIGH)',
};

/** What a perfect triage would leave: the oracle's cases, everything else suppressed. */
function perfect() {
  const findings = new Map<string, ObservedFinding>();
  for (const f of scenario.findings) {
    findings.set(
      f.id,
      isHostile(f.label) || f.label.category === 'unknowable-benign' ? raised : suppressed(),
    );
  }
  const cases: ObservedCase[] = [
    ...incidents.map((incident) => ({
      id: `case-${incident}`,
      findingIds: measured.filter((f) => incidentOf(f.label) === incident).map((f) => f.id),
      inMeasurement: true,
    })),
    ...unknowable.map((f) => ({ id: `case-${f.id}`, findingIds: [f.id], inMeasurement: true })),
    // Learning-phase cases never count.
    { id: 'case-learning', findingIds: [scenario.findings[0].id], inMeasurement: false },
  ];
  return { findings, cases };
}

describe('oracleCases', () => {
  it('counts one case per incident and one per unknowable benign finding', () => {
    expect(incidents.length).toBe(6);
    expect(unknowable.length).toBeGreaterThan(0);
    expect(oracleCases(measured)).toBe(6 + unknowable.length);
  });
});

describe('computeMetrics', () => {
  it('gives a perfect triage the oracle ratio, every attack surfaced and every knowable benign suppressed', () => {
    const m = computeMetrics(scenario, perfect());
    expect(m.findings).toBe(measured.length);
    expect(m.casesRaised).toBe(m.oracleCases);
    expect(m.noiseRatio).toBeCloseTo(m.oracleRatio);
    expect(m.ratioVsOracle).toBeCloseTo(1);
    expect(m.surfaced).toBe(m.hostile);
    expect(m.hostile).toBe(measured.filter((f) => isHostile(f.label)).length);
    expect(m.benignSuppressed).toBe(m.benign - unknowable.length);
    expect(m.versions).toBeGreaterThan(m.findings);
  });

  it('does not count a case the analyst opened to split benign context off as raised', () => {
    const observation = perfect();
    const split = { id: 'case-split', findingIds: [], inMeasurement: true, openedByAnalyst: true };
    const raisedBySieve = { id: 'case-extra', findingIds: [], inMeasurement: true };
    expect(
      computeMetrics(scenario, { ...observation, cases: [...observation.cases, split] }).casesRaised,
    ).toBe(computeMetrics(scenario, observation).casesRaised);
    expect(
      computeMetrics(scenario, { ...observation, cases: [...observation.cases, raisedBySieve] }).casesRaised,
    ).toBe(computeMetrics(scenario, observation).casesRaised + 1);
  });

  it('counts a suppressed precursor as missed unless it is attached to its incident case', () => {
    const observation = perfect();
    const precursor = measured.find((f) => f.label.category === 'precursor')!;
    const findings = new Map(observation.findings).set(precursor.id, suppressed());
    const ownCase = `case-${incidentOf(precursor.label)}`;

    const attached = computeMetrics(scenario, { findings, cases: observation.cases });
    expect(attached.surfaced).toBe(attached.hostile);

    const detached = observation.cases.map((c) =>
      c.id === ownCase ? { ...c, findingIds: c.findingIds.filter((id) => id !== precursor.id) } : c,
    );
    const m = computeMetrics(scenario, { findings, cases: detached });
    expect(m.surfaced).toBe(m.hostile - 1);
    expect(m.missed).toEqual([
      {
        id: precursor.id,
        tenant: precursor.tenant,
        group: `precursor/${'kind' in precursor.label ? precursor.label.kind : ''}`,
        verdict: 'SUPPRESSED',
      },
    ]);
  });

  it('does not count a hostile finding as surfaced when its case holds only suppressed findings', () => {
    const observation = perfect();
    const attack: SimFinding = measured.find((f) => f.label.category === 'hard-negative')!;
    const findings = new Map(observation.findings).set(attack.id, suppressed());
    expect(computeMetrics(scenario, { findings, cases: observation.cases }).surfaced).toBe(
      measured.filter((f) => isHostile(f.label)).length - 1,
    );
  });

  it("measures the late tenant's first day by global suppressions only", () => {
    const observation = perfect();
    const firstDay = measured.filter(
      (f) => f.tenant === 'late' && f.day === scenario.config.learningDays && !isHostile(f.label),
    );
    const findings = new Map(observation.findings);
    firstDay.forEach((f, i) => findings.set(f.id, suppressed(i % 4 === 0 ? 'TENANT' : 'GLOBAL')));
    const m = computeMetrics(scenario, { findings, cases: observation.cases });
    expect(m.coldstart.findings).toBe(firstDay.length);
    expect(m.coldstart.suppressedGlobal).toBe(firstDay.filter((_, i) => i % 4 !== 0).length);
  });

  it('counts benign findings re-labelled by retro-correlation', () => {
    const observation = perfect();
    const benign = measured.filter((f) => f.label.category === 'benign').slice(0, 3);
    const findings = new Map(observation.findings);
    for (const f of benign) {
      findings.set(f.id, {
        verdict: 'RAISED',
        patternScope: null,
        explanation: 'Raised (correlated): precedes X',
      });
    }
    const m = computeMetrics(scenario, { findings, cases: observation.cases });
    expect(m.benignCorrelated).toBe(3);
    expect(m.benignSuppressed).toBe(m.benign - unknowable.length - 3);
  });
});

describe('report', () => {
  it('ends with the machine-readable line of the issue', () => {
    const m = computeMetrics(scenario, perfect());
    const last = summary(m).at(-1)!;
    expect(last).toMatch(
      /^noise_ratio=\d+\.\d oracle_ratio=\d+\.\d ratio_vs_oracle=1\.00 benign_suppressed_pct=\d+\.\d attacks_surfaced=(\d+)\/\1 coldstart_suppressed_pct=\d+\.\d findings=\d+$/,
    );
  });

  it('prints infinity, not a crash, when no case was raised', () => {
    const observation = perfect();
    const m = computeMetrics(scenario, { findings: observation.findings, cases: [] });
    expect(summary(m).at(-1)).toContain('noise_ratio=inf ');
  });

  it('lists one table row per finding kind, with why the raised ones were raised', () => {
    const observation = perfect();
    const probes = measured.filter(
      (f) => f.label.category === 'benign' && f.label.archetype === 'internet-scanner',
    );
    const findings = new Map(observation.findings);
    findings.set(probes[0].id, {
      ...raised,
      explanation: 'Raised (correlated): precedes X on the same resource',
    });
    findings.set(probes[1].id, {
      ...raised,
      explanation: 'Raised: P-3 would suppress it, but new country JP',
    });
    findings.set(probes[2].id, raised);
    const table = archetypeTable(computeMetrics(scenario, { findings, cases: observation.cases })).split(
      '\n',
    );
    expect(table[0]).toMatch(
      /^finding kind\s+in\s+suppressed\s+by global\s+raised\s+correlated\s+vetoed\s+no pattern\s+no verdict\s+suppressed %$/,
    );
    const row = table.find((l) => l.startsWith('benign/internet-scanner'))!.split(/\s+/);
    expect(row.slice(1, 10)).toEqual([
      String(probes.length),
      String(probes.length - 3),
      '0',
      '3',
      '1',
      '1',
      '1',
      '0',
      ((100 * (probes.length - 3)) / probes.length).toFixed(1),
    ]);
    expect(
      table.some((l) => /^precursor\/crypto-mining\s+1\s+0\s+0\s+1\s+0\s+0\s+1\s+0\s+0\.0$/.test(l)),
    ).toBe(true);
    expect(table.slice(-2)).toEqual([
      'A vetoed one of each kind:',
      '  benign/internet-scanner: Raised: P-3 would suppress it, but new country JP',
    ]);
  });
});

describe('raisedBecause', () => {
  it('reads the reason from the explanation', () => {
    expect(
      raisedBecause(
        'Raised (correlated): precedes CryptoCurrency:EC2/BitcoinTool.B!DNS on the same resource',
      ),
    ).toBe('correlated');
    expect(
      raisedBecause('Raised: no known-good pattern covers this Recon:EC2/Portscan finding (MEDIUM)'),
    ).toBe('uncovered');
    expect(raisedBecause(null)).toBe('uncovered');
    expect(raisedBecause('Raised: P-4 (tenant) matched but was vetoed: hosting ASN 24940')).toBe('vetoed');
  });
});
