import { allHold, type Fingerprint, predicateHolds } from './predicate.js';

const fp: Fingerprint = {
  findingType: 'Recon:EC2/PortProbeUnprotectedPort',
  remoteAsn: 16509,
  userAgentFamily: 'terraform',
  localPorts: ['22', '443'],
  resourceTagged: true,
};

describe('predicates', () => {
  it.each([
    [{ feature: 'remoteAsn', op: 'equals', value: 16509 }, true],
    [{ feature: 'remoteAsn', op: 'equals', value: '16509' }, false],
    [{ feature: 'userAgentFamily', op: 'in', values: ['aws-cli', 'terraform'] }, true],
    [{ feature: 'findingType', op: 'prefix', value: 'Recon:' }, true],
    [{ feature: 'findingType', op: 'prefix', value: 'UnauthorizedAccess:' }, false],
    [{ feature: 'remoteAsn', op: 'range', min: 16000, max: 17000 }, true],
    [{ feature: 'remoteAsn', op: 'range', max: 100 }, false],
    [{ feature: 'localPorts', op: 'equals', value: '443' }, true],
    [{ feature: 'localPorts', op: 'in', values: ['3389'] }, false],
    [{ feature: 'country', op: 'absent' }, true],
    [{ feature: 'country', op: 'equals', value: 'US' }, false],
    [{ feature: 'resourceTagged', op: 'present' }, true],
  ] as const)('%j → %s', (predicate, expected) => {
    expect(predicateHolds(predicate, fp)).toBe(expected);
  });

  it('requires every predicate of a pattern', () => {
    expect(
      allHold(
        [
          { feature: 'userAgentFamily', op: 'equals', value: 'terraform' },
          { feature: 'remoteAsn', op: 'equals', value: 16509 },
        ],
        fp,
      ),
    ).toBe(true);
    expect(
      allHold(
        [
          { feature: 'userAgentFamily', op: 'equals', value: 'terraform' },
          { feature: 'remoteAsn', op: 'equals', value: 14061 },
        ],
        fp,
      ),
    ).toBe(false);
  });
});
