import { allHold, type Fingerprint } from '../../patterns/predicate.js';
import {
  API_TYPE,
  PROBE_TYPE,
  deployCall,
  probe,
  lesson,
  findings,
  pattern,
  features,
} from '../../testing/case-lessons.js';
import { generaliseCase, learntConfidence } from './generalise-case.js';
import { blockOf } from './generalise-predicates.js';

describe('generalising a resolved case', () => {
  it('learns no network for probes that came from many networks: the internet is not a trait', () => {
    const asns = [14061, 16276, 63949, 398324];
    const definition = pattern(
      generaliseCase(
        lesson,
        findings(
          PROBE_TYPE,
          asns.map((asn, i) => probe(i + 1, { remoteAsn: asn })),
        ),
      ),
      PROBE_TYPE,
    );
    expect(features(definition.predicates)).not.toContain('remoteAsn');
    expect(features(definition.predicates)).not.toContain('remoteIp');
  });

  it('turns exact addresses into their ASNs and user agents into family and major version', () => {
    const definition = pattern(
      generaliseCase(
        lesson,
        findings(API_TYPE, [deployCall(1), deployCall(2, { remoteAsn: 7018, remoteIp: '192.0.2.9' })]),
      ),
      API_TYPE,
    );
    expect(definition.predicates).toEqual(
      expect.arrayContaining([
        { feature: 'remoteAsn', op: 'asn', asns: [7018, 7922] },
        { feature: 'userAgentFamily', op: 'equals', value: 'aws-cli' },
        { feature: 'userAgentMajor', op: 'range', min: 2 },
        { feature: 'principalKey', op: 'equals', value: '710000000001:role/deploy' },
        { feature: 'apiAction', op: 'equals', value: 's3:ListBuckets' },
      ]),
    );
    expect(features(definition.predicates)).not.toContain('remoteIp');
  });

  it('turns addresses without an ASN into their /24 (IPv4) or /48 (IPv6) block', () => {
    const noAsn = (n: number, ip: string) => deployCall(n, { remoteAsn: undefined as never, remoteIp: ip });
    const strip = (fp: Fingerprint) =>
      Object.fromEntries(Object.entries(fp).filter(([, v]) => v !== undefined));
    const definition = pattern(
      generaliseCase(
        lesson,
        findings(API_TYPE, [
          strip(noAsn(1, '198.51.100.7')),
          strip(noAsn(2, '198.51.100.200')),
          strip(noAsn(3, '2001:db8:12:34::1')),
        ]),
      ),
      API_TYPE,
    );
    expect(definition.predicates).toContainEqual({
      feature: 'remoteIp',
      op: 'cidr',
      blocks: ['198.51.100.0/24', '2001:db8:12:0:0:0:0:0/48'],
    });
    expect(blockOf('::ffff:198.51.100.9')).toBe('198.51.100.0/24');
    expect(blockOf('not an address')).toBeUndefined();
  });

  it('keeps the API actions and SDKs seen as sets, and drops what varies or is volatile', () => {
    const definition = pattern(
      generaliseCase(
        lesson,
        findings(API_TYPE, [
          deployCall(1),
          deployCall(2, {
            apiAction: 'sts:GetCallerIdentity',
            userAgentFamily: 'boto3',
            userAgentMajor: 1,
            region: 'us-east-1',
          }),
        ]),
      ),
      API_TYPE,
    );
    expect(definition.predicates).toEqual(
      expect.arrayContaining([
        { feature: 'apiAction', op: 'in', values: ['s3:ListBuckets', 'sts:GetCallerIdentity'] },
        { feature: 'userAgentFamily', op: 'in', values: ['aws-cli', 'boto3'] },
      ]),
    );
    const kept = features(definition.predicates);
    // Two families: their major versions say nothing together.
    expect(kept).not.toContain('userAgentMajor');
    // Region varied; the rest is volatile whatever the findings show.
    for (const dropped of [
      'region',
      'apiService',
      'userAgentMajor',
      'severityLabel',
      'resourceId',
      'remoteCountry',
      'remoteHosting',
      'remoteAsnOrg',
      'newCountry',
      'newAsn',
      'cloudtrailErrors',
      'threatCategories',
      'findingType',
    ]) {
      expect(kept).not.toContain(dropped);
    }
    // Shared by both: kept.
    expect(kept).toEqual(
      expect.arrayContaining(['awsAccountId', 'ciProvider', 'credentials', 'resourceType']),
    );
  });

  it('generalises several actions of one service to the service, keeping the exact actions in the support', () => {
    const definition = pattern(
      generaliseCase(
        lesson,
        findings(API_TYPE, [
          deployCall(1, { apiAction: 'iam:CreateRole', apiService: 'iam' }),
          deployCall(2, { apiAction: 'iam:AttachRolePolicy', apiService: 'iam' }),
          deployCall(3, { apiAction: 'cloudformation:CreateChangeSet', apiService: 'cloudformation' }),
        ]),
      ),
      API_TYPE,
    );
    expect(definition.predicates).toContainEqual({
      feature: 'apiService',
      op: 'in',
      values: ['cloudformation', 'iam'],
    });
    expect(features(definition.predicates)).not.toContain('apiAction');
    expect(definition.support?.apiActions).toEqual([
      'cloudformation:CreateChangeSet',
      'iam:AttachRolePolicy',
      'iam:CreateRole',
    ]);
    const tomorrow = deployCall(4, { apiAction: 'iam:PutRolePolicy', apiService: 'iam' });
    expect(allHold(definition.predicates, tomorrow)).toBe(true);
    expect(allHold(definition.predicates, { ...tomorrow, apiService: 'ec2' })).toBe(false);
  });

  it('keeps a single user-agent family with its lowest major version as a floor: upgrades stay covered', () => {
    const definition = pattern(
      generaliseCase(
        lesson,
        findings(API_TYPE, [
          deployCall(1, { userAgentFamily: 'terraform', userAgentMajor: 1 }),
          deployCall(2, { userAgentFamily: 'terraform', userAgentMajor: 1 }),
        ]),
      ),
      API_TYPE,
    );
    expect(definition.predicates).toEqual(
      expect.arrayContaining([
        { feature: 'userAgentFamily', op: 'equals', value: 'terraform' },
        { feature: 'userAgentMajor', op: 'range', min: 1 },
      ]),
    );
    const upgraded = deployCall(3, { userAgentFamily: 'terraform', userAgentMajor: 2 });
    expect(allHold(definition.predicates, upgraded)).toBe(true);
    // Another tool (the stolen session's Boto3) is not covered, whatever its version.
    expect(allHold(definition.predicates, { ...upgraded, userAgentFamily: 'boto3' })).toBe(false);
  });

  it('records the support the novelty vetoes read: countries, ASNs, UA families, actions, ports, hosting, tags', () => {
    const definition = pattern(
      generaliseCase(
        lesson,
        findings(API_TYPE, [
          deployCall(1),
          deployCall(2, {
            remoteCountry: 'CA',
            remoteAsn: 16509,
            remoteHosting: true,
            remoteHostingProvider: 'Amazon AWS',
          }),
          deployCall(3, { userAgentFamily: 'boto3', apiAction: 's3:GetObject' }),
        ]),
      ),
      API_TYPE,
    );
    expect(definition.support).toEqual({
      findings: 3,
      countries: ['CA', 'US'],
      asns: [7922, 16509],
      userAgentFamilies: ['aws-cli', 'boto3'],
      apiActions: ['s3:GetObject', 's3:ListBuckets'],
      localPorts: [],
      hostingProviders: ['Amazon AWS'],
      tor: false,
      tagged: false,
    });
    expect(definition.confidence).toBe(learntConfidence(3));
    expect(definition.allowCritical).toBe(false);
    expect(definition.name).toBe('Learnt from ACME-42: Nightly deploy lists buckets');
    expect(definition.description).toContain('BENIGN_EXPECTED in ACME-42, generalised from 3 findings');
  });

  it('proposes one pattern per finding type, each from its own findings, and each covers them', () => {
    const all = [...findings(API_TYPE, [deployCall(1), deployCall(2)]), ...findings(PROBE_TYPE, [probe(1)])];
    const result = generaliseCase(lesson, all);
    expect(result.map((g) => [g.findingType, g.kind, g.findingIds.length])).toEqual([
      [API_TYPE, 'PATTERN', 2],
      [PROBE_TYPE, 'PATTERN', 1],
    ]);
    for (const finding of all) {
      expect(allHold(pattern(result, finding.findingType).predicates, finding.fingerprint!)).toBe(true);
    }
  });

  it('learns nothing from findings that share no actor, action, counterpart or target', () => {
    const vague = (n: number, port: string, ip: string): Fingerprint => ({
      findingType: PROBE_TYPE,
      actionType: 'PORT_PROBE',
      direction: 'INBOUND',
      localPorts: [port],
      remoteIp: ip,
      resourceType: 'AwsEc2Instance',
      resourceId: `i-${n}`,
    });
    const ports = Array.from({ length: 25 }, (_, i) => vague(i, String(1000 + i), `10.${i}.0.1`));
    const [result] = generaliseCase(lesson, findings(PROBE_TYPE, ports));
    expect(result).toMatchObject({ kind: 'NOT_LEARNT', reason: expect.stringContaining('share no actor') });
  });

  it('learns nothing from findings that were never judged', () => {
    const [result] = generaliseCase(lesson, [
      { id: 'x', findingType: PROBE_TYPE, severityLabel: 'LOW', fingerprint: null },
    ]);
    expect(result).toMatchObject({ kind: 'NOT_LEARNT', reason: 'none of its findings was judged yet' });
  });

  it('grows more confident with more findings, never as sure as a hand-written pattern', () => {
    expect([1, 2, 4, 50].map(learntConfidence)).toEqual([0.6, 0.7, 0.9, 0.9]);
  });
});
