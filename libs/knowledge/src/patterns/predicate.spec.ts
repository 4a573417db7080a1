import { allHold, type Fingerprint, type Predicate, predicateHolds } from './predicate.js';

const fp: Fingerprint = {
  findingType: 'Recon:EC2/PortProbeUnprotectedPort',
  remoteAsn: 16509,
  remoteIp: '203.0.113.77',
  userAgentFamily: 'terraform',
  localPort: 22,
  localPorts: ['22', '443'],
  resourceTagged: true,
  resourceTagKeys: ['Environment', 'Team'],
  resourceTags: ['Environment=production', 'Team=payments'],
};

const v6: Fingerprint = { remoteIp: '2001:db8:abcd:12::1' };
const mapped: Fingerprint = { remoteIp: '::ffff:198.51.100.9' };
const untaggedResource: Fingerprint = { resourceTagged: false, resourceTagKeys: [] };

describe('predicates', () => {
  it.each<[Predicate, boolean]>([
    // equals: strict on type, any element of a list
    [{ feature: 'remoteAsn', op: 'equals', value: 16509 }, true],
    [{ feature: 'remoteAsn', op: 'equals', value: '16509' }, false],
    [{ feature: 'localPorts', op: 'equals', value: '443' }, true],
    [{ feature: 'resourceTagged', op: 'equals', value: true }, true],
    [{ feature: 'resourceTagged', op: 'equals', value: false }, false],
    // in-set
    [{ feature: 'userAgentFamily', op: 'in', values: ['aws-cli', 'terraform'] }, true],
    [{ feature: 'localPorts', op: 'in', values: ['3389'] }, false],
    [{ feature: 'localPorts', op: 'in', values: [] }, false],
    // prefix
    [{ feature: 'findingType', op: 'prefix', value: 'Recon:' }, true],
    [{ feature: 'findingType', op: 'prefix', value: 'UnauthorizedAccess:' }, false],
    [{ feature: 'remoteAsn', op: 'prefix', value: '165' }, false],
    // numeric range, bounds inclusive
    [{ feature: 'remoteAsn', op: 'range', min: 16000, max: 17000 }, true],
    [{ feature: 'localPort', op: 'range', min: 22, max: 22 }, true],
    [{ feature: 'localPort', op: 'range', min: 23 }, false],
    [{ feature: 'remoteAsn', op: 'range', max: 100 }, false],
    [{ feature: 'localPorts', op: 'range', min: 0, max: 100 }, false],
    // CIDR over IPv4
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['203.0.113.0/24'] }, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['203.0.113.64/26'] }, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['203.0.113.128/25', '10.0.0.0/8'] }, false],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['0.0.0.0/0'] }, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['203.0.113.77/32'] }, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['2001:db8::/32'] }, false],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['not-a-block'] }, false],
    // ASN
    [{ feature: 'remoteAsn', op: 'asn', asns: [8075, 16509] }, true],
    [{ feature: 'remoteAsn', op: 'asn', asns: [14061] }, false],
    // tags
    [{ op: 'tagPresent', key: 'Team' }, true],
    [{ op: 'tagPresent', key: 'Owner' }, false],
    [{ op: 'tagAbsent', key: 'Owner' }, true],
    [{ op: 'tagAbsent', key: 'Team' }, false],
    [{ op: 'tagEquals', key: 'Environment', value: 'production' }, true],
    [{ op: 'tagEquals', key: 'Environment', value: 'staging' }, false],
    // presence
    [{ feature: 'remoteCountry', op: 'absent' }, true],
    [{ feature: 'remoteCountry', op: 'equals', value: 'US' }, false],
    [{ feature: 'resourceTagged', op: 'present' }, true],
    [{ feature: 'resourceTagged', op: 'absent' }, false],
  ])('%j → %s', (predicate, expected) => {
    expect(predicateHolds(predicate, fp)).toBe(expected);
  });

  it.each<[Predicate, Fingerprint, boolean]>([
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['2001:db8::/32'] }, v6, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['2001:db8:abcd:12::/64'] }, v6, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['2001:db8:abcd:13::/64'] }, v6, false],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['::/0'] }, v6, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['203.0.113.0/24'] }, v6, false],
    // An IPv4-mapped IPv6 address is the IPv4 address it carries, in either spelling of the block.
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['198.51.100.0/24'] }, mapped, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['::ffff:198.51.100.0/120'] }, mapped, true],
    [{ feature: 'remoteIp', op: 'cidr', blocks: ['198.51.101.0/24'] }, mapped, false],
    // tagAbsent needs the resource's tags to be known: a finding without a resource is not "untagged".
    [{ op: 'tagAbsent', key: 'Team' }, untaggedResource, true],
    [{ op: 'tagAbsent', key: 'Team' }, {}, false],
    [{ op: 'tagPresent', key: 'Team' }, untaggedResource, false],
  ])('%j on %j → %s', (predicate, fingerprint, expected) => {
    expect(predicateHolds(predicate, fingerprint)).toBe(expected);
  });

  it('requires every predicate of a pattern', () => {
    expect(
      allHold(
        [
          { feature: 'userAgentFamily', op: 'equals', value: 'terraform' },
          { feature: 'remoteAsn', op: 'asn', asns: [16509] },
        ],
        fp,
      ),
    ).toBe(true);
    expect(
      allHold(
        [
          { feature: 'userAgentFamily', op: 'equals', value: 'terraform' },
          { feature: 'remoteAsn', op: 'asn', asns: [14061] },
        ],
        fp,
      ),
    ).toBe(false);
  });
});
