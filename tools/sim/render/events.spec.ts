import { type NormalizedFinding, parseEventBridgePayload } from '@sieve/findings';
import { generateScenario } from '../scenario/generator.js';
import type { SimFinding } from '../scenario/finding-spec.js';
import { groupOf, incidentOf } from '../scenario/labels.js';
import { eventsOf } from './events.js';

const scenario = generateScenario({
  seed: 7,
  tenants: 2,
  learningDays: 2,
  measurementDays: 1,
  findingsPerDay: 150,
  incidentRounds: 1,
  unknowablePerTenantDay: 1,
  startAt: new Date('2026-11-01T00:00:00.000Z'),
});

/** What Sieve makes of the events: every finding normalised, keyed by its id. */
function ingest(events: unknown[]): Map<string, NormalizedFinding[]> {
  const byId = new Map<string, NormalizedFinding[]>();
  for (const event of parseEventBridgePayload(events)) {
    if (!event.ok) throw new Error(`event refused: ${event.reason}`);
    for (const result of event.findings) {
      if (!result.ok) throw new Error(`finding refused: ${result.errors.join('; ')}`);
      byId.set(result.finding.findingId, [...(byId.get(result.finding.findingId) ?? []), result.finding]);
    }
  }
  return byId;
}

describe('eventsOf', () => {
  const events = eventsOf(scenario.emissions);
  const ingested = ingest(events);

  it('produces events Sieve accepts, every finding and every version of it', () => {
    expect(ingested.size).toBe(scenario.findings.length);
    for (const f of scenario.findings) expect(ingested.get(f.id)).toHaveLength(f.versions.length);
  });

  it('uses both EventBridge formats', () => {
    const kinds = new Set(events.map((e) => e['detail-type']));
    expect(kinds).toEqual(new Set(['GuardDuty Finding', 'Security Hub Findings - Imported']));
  });

  it('is read back with the GuardDuty type (or control id), account, times and count of each version', () => {
    for (const f of scenario.findings) {
      const versions = ingested.get(f.id)!;
      const type = f.spec.product === 'guardduty' ? f.spec.type : f.spec.controlId;
      versions.forEach((n, i) => {
        expect(n.findingType).toBe(type);
        expect(n.awsAccountId).toBe(f.accountId);
        expect(new Date(n.updatedAt).getTime()).toBe(f.versions[i].updatedAt.getTime());
        expect(new Date(n.createdAt).getTime()).toBe(f.createdAt.getTime());
      });
    }
  });

  /** The observables triage fingerprints, which must not depend on the path a finding took. */
  const observed = (n: NormalizedFinding) => ({
    actionType: n.observables.actionType,
    api: n.observables.apiCall?.api,
    callerType: n.observables.apiCall?.callerType,
    userAgent: n.observables.userAgent,
    remote: n.observables.remote && {
      ip: n.observables.remote.ip,
      asn: n.observables.remote.asn,
      countryCode: n.observables.remote.countryCode,
    },
    localPorts: n.observables.localPorts,
    direction: n.observables.direction,
    domain: n.observables.domain,
    principal: n.observables.principal && {
      type: n.observables.principal.type,
      userName: n.observables.principal.userName,
      principalId: n.observables.principal.principalId,
      accessKeyId: n.observables.principal.accessKeyId,
    },
    resources: n.resources.map((r) => ({ type: r.type, id: r.id, tags: r.tags })),
    severity: [n.severityLabel, n.severityNormalized],
  });

  it('says the same thing natively and as ASFF', () => {
    // One GuardDuty finding of each kind (label row), sent both ways.
    const samples = new Map<string, SimFinding>();
    for (const f of scenario.findings) {
      if (f.spec.product === 'guardduty' && !samples.has(groupOf(f.label))) samples.set(groupOf(f.label), f);
    }
    expect(samples.size).toBeGreaterThanOrEqual(15);
    const readAs = (f: SimFinding, format: SimFinding['format']) =>
      ingest(eventsOf([{ at: f.createdAt, finding: { ...f, format }, version: 0 }])).get(f.id)![0];
    for (const f of samples.values()) {
      expect(observed(readAs(f, 'asff'))).toEqual(observed(readAs(f, 'guardduty')));
    }
  });

  it('carries the remote network and the principal where the finding has them', () => {
    const probe = scenario.findings.find((f) => groupOf(f.label) === 'benign/internet-scanner')!;
    const n = ingested.get(probe.id)![0];
    expect(n.observables.remote?.asn).toBeGreaterThan(0);
    expect(n.observables.localPorts.length).toBe(1);
    const ci = scenario.findings.find((f) => groupOf(f.label) === 'benign/ci-deploy')!;
    expect(ingested.get(ci.id)![0].observables.principal?.principalId).toMatch(/:GitHubActions$/);
  });

  it('never carries the truth: no label, archetype row or incident id in what is pushed', () => {
    const sent = JSON.stringify(events);
    const secrets = new Set<string>(['hard-negative', 'precursor', 'unknowable', 'incident']);
    for (const f of scenario.findings) {
      secrets.add(groupOf(f.label));
      const incident = incidentOf(f.label);
      if (incident) secrets.add(incident);
    }
    for (const secret of secrets) expect(sent).not.toContain(secret);
  });
});
