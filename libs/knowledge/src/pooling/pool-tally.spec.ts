import type { Predicate } from '../patterns/predicate.js';
import { PoolTally } from './pool-tally.js';

const PROBE = 'Recon:EC2/PortProbeUnprotectedPort';
const scanners = (port: string, extra: Predicate[] = []) => ({
  findingType: PROBE,
  predicates: [
    { feature: 'localPorts', op: 'equals', value: port },
    { feature: 'remoteAsn', op: 'asn', asns: [398324] },
    ...extra,
  ] as Predicate[],
  support: { findings: 2, localPorts: [port] },
  confidence: 0.9,
});

describe('the tally of one cycle', () => {
  it('counts each tenant once per shape, however many of its patterns give it', () => {
    const tally = new PoolTally();
    tally.addTenant([
      scanners('22'),
      scanners('22', [{ feature: 'principalName', op: 'equals', value: 'bastion' }]),
      scanners('443'),
    ]);
    tally.addTenant([scanners('22')]);
    expect(tally.contributors).toBe(2);
    expect(tally.size).toBe(2);
    expect(tally.confirmed(2)).toHaveLength(1);
    const [ssh] = tally.confirmed(2);
    expect(ssh.tenants).toBe(2);
    expect(ssh.supports.map((s) => s.findings)).toEqual([4, 2]);
    expect(tally.tenantsOf(ssh.shape.key)).toBe(2);
    expect(tally.confirmed(3)).toEqual([]);
  });

  it('keeps the least confidence of the patterns behind a shape', () => {
    const tally = new PoolTally();
    tally.addTenant([{ ...scanners('22'), confidence: 0.6 }]);
    tally.addTenant([scanners('22')]);
    expect(tally.confirmed(2)[0].confidence).toBeCloseTo(0.6);
  });
});
