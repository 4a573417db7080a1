import { TruePositiveIndex, type TruePositiveView } from './true-positive-index.js';

const PROBE = 'Recon:EC2/PortProbeUnprotectedPort';
const tp = (patch: Partial<TruePositiveView>): TruePositiveView => ({
  tenantId: 't',
  findingId: 'f',
  findingType: PROBE,
  fingerprint: { localPorts: ['22'], remoteAsn: 14061 },
  verdictPatternId: null,
  verdictPatternScope: null,
  ...patch,
});

describe('true positives against pooled patterns', () => {
  const index = new TruePositiveIndex([
    tp({ findingId: 'probe' }),
    tp({
      findingId: 'suppressed',
      findingType: 'Other',
      fingerprint: {},
      verdictPatternId: 'g-1',
      verdictPatternScope: 'GLOBAL',
    }),
  ]);

  it('finds the one whose fingerprint the predicates match, of the same finding type only', () => {
    const predicates = [
      { feature: 'localPorts', op: 'equals', value: '22' },
      { feature: 'remoteAsn', op: 'asn', asns: [14061] },
    ] as const;
    expect(index.contradicting({ findingType: PROBE, predicates: [...predicates] })?.findingId).toBe('probe');
    expect(index.contradicting({ findingType: 'Other', predicates: [...predicates] })).toBeUndefined();
    expect(
      index.contradicting({
        findingType: PROBE,
        predicates: [{ feature: 'localPorts', op: 'equals', value: '443' }],
      }),
    ).toBeUndefined();
  });

  it('finds the one a global pattern suppressed, whatever its fingerprint', () => {
    const predicates = [{ feature: 'localPorts', op: 'equals', value: '3389' }] as const;
    expect(
      index.contradicting({ globalPatternId: 'g-1', findingType: 'Other', predicates: [...predicates] })
        ?.findingId,
    ).toBe('suppressed');
    expect(
      index.contradicting({ globalPatternId: 'g-2', findingType: 'Other', predicates: [...predicates] }),
    ).toBeUndefined();
  });
});
