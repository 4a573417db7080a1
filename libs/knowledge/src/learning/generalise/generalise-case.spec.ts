import { allHold, type Fingerprint, type Predicate } from '../../patterns/predicate.js';
import { type CaseLesson, type Generalisation, generaliseCase, learntConfidence } from './generalise-case.js';
import { blockOf } from './generalise-predicates.js';
import type { LearningFinding } from './learning-finding.js';

const API_TYPE = 'Discovery:IAMUser/AnomalousBehavior';
const PROBE_TYPE = 'Recon:EC2/PortProbeUnprotectedPort';

/** A CI deploy role listing buckets from a runner, as the fingerprint writes it. */
function deployCall(n: number, patch: Fingerprint = {}): Fingerprint {
  return {
    findingType: API_TYPE,
    findingTypeFamily: 'Discovery:IAMUser',
    severityLabel: 'MEDIUM',
    region: 'eu-west-1',
    awsAccountId: '710000000001',
    actionType: 'AWS_API_CALL',
    apiAction: 's3:ListBuckets',
    apiService: 's3',
    callerType: 'Remote IP',
    userAgentFamily: 'aws-cli',
    userAgentMajor: 2,
    remoteIp: `198.51.100.${n}`,
    remoteScope: 'public',
    remoteAsn: 7922,
    remoteAsnOrg: 'COMCAST-7922',
    remoteCountry: 'US',
    remoteHosting: false,
    remoteTor: false,
    principalKind: 'assumed-role',
    principalType: 'AssumedRole',
    principalName: 'deploy',
    principalKey: '710000000001:role/deploy',
    ciProvider: 'github-actions',
    credentials: 'temporary',
    resourceType: 'AwsIamAccessKey',
    resourceTypes: ['AwsIamAccessKey'],
    resourceId: `AWS::IAM::AccessKey:ASIA${n}`,
    resourceTagged: false,
    resourceTagKeys: [],
    localPorts: [],
    newCountry: n === 1,
    newAsn: n === 1,
    newUserAgentFamily: n === 1,
    newApiAction: n === 1,
    cloudtrailErrors: n,
    threatCategories: [],
    ...patch,
  };
}

/** An internet scanner probing the bastion's SSH port. */
function probe(n: number, patch: Fingerprint = {}): Fingerprint {
  return {
    findingType: PROBE_TYPE,
    severityLabel: 'LOW',
    region: 'eu-west-1',
    actionType: 'PORT_PROBE',
    remoteIp: `203.0.113.${n}`,
    remoteScope: 'public',
    remoteCountry: 'NL',
    remoteHosting: false,
    resourceType: 'AwsEc2Instance',
    resourceId: 'arn:aws:ec2:eu-west-1:710000000001:instance/i-0bastion',
    resourceTagged: true,
    resourceTagKeys: ['Environment', 'Name', 'Team'],
    resourceEnvironment: 'production',
    localPort: 22,
    localPorts: ['22'],
    direction: 'INBOUND',
    protocol: 'TCP',
    blocked: n % 2 === 0,
    ...patch,
  };
}

const lesson: CaseLesson = {
  caseKey: 'ACME-42',
  summary: 'Nightly deploy lists buckets',
  disposition: 'BENIGN_EXPECTED',
};

function findings(type: string, fingerprints: Fingerprint[]): LearningFinding[] {
  return fingerprints.map((fingerprint, i) => ({
    id: `00000000-0000-4000-8000-${String(i + 1).padStart(12, '0')}`,
    findingType: type,
    severityLabel: String(fingerprint.severityLabel ?? 'LOW'),
    fingerprint,
  }));
}

function pattern(result: Generalisation[], type: string) {
  const found = result.find((g) => g.findingType === type);
  if (found?.kind !== 'PATTERN') throw new Error(`no pattern for ${type}: ${JSON.stringify(found)}`);
  return found.definition;
}

const features = (predicates: readonly Predicate[]) =>
  predicates.map((p) => ('feature' in p ? p.feature : `tag:${p.key}`));

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

  it('describes a probed resource by its tags and ports rather than by its id', () => {
    const definition = pattern(
      generaliseCase(lesson, findings(PROBE_TYPE, [probe(1), probe(2), probe(3)])),
      PROBE_TYPE,
    );
    expect(definition.predicates).toEqual(
      expect.arrayContaining([
        { feature: 'localPorts', op: 'in', values: ['22'] },
        { op: 'tagPresent', key: 'Environment' },
        { op: 'tagPresent', key: 'Name' },
        { op: 'tagPresent', key: 'Team' },
        { feature: 'resourceEnvironment', op: 'equals', value: 'production' },
      ]),
    );
    // No ASN was known for the scanners: their addresses become the one /24 that holds them.
    expect(definition.predicates).toContainEqual({
      feature: 'remoteIp',
      op: 'cidr',
      blocks: ['203.0.113.0/24'],
    });
    expect(features(definition.predicates)).not.toEqual(
      expect.arrayContaining(['resourceId', 'blocked', 'localPort']),
    );
    expect(definition.support).toMatchObject({ localPorts: ['22'], tagged: true, countries: ['NL'] });
  });

  it('keeps the image of an instance that acted (a scanner appliance), not of one acted upon', () => {
    const SCAN_TYPE = 'Recon:EC2/Portscan';
    const scan = (n: number) =>
      probe(n, {
        findingType: SCAN_TYPE,
        actionType: 'NETWORK_CONNECTION',
        resourceRole: 'ACTOR',
        direction: 'OUTBOUND',
        remoteIp: `10.1.2.${n}`,
        remoteScope: 'private',
        localPorts: [],
        resourceImage: 'ami-0a7f3c9e51d2b6840',
      });
    const actor = pattern(
      generaliseCase(lesson, findings(SCAN_TYPE, [scan(1), scan(2), scan(3)])),
      SCAN_TYPE,
    );
    expect(actor.predicates).toContainEqual({
      feature: 'resourceImage',
      op: 'equals',
      value: 'ami-0a7f3c9e51d2b6840',
    });

    const target = pattern(
      generaliseCase(
        lesson,
        findings(
          PROBE_TYPE,
          [1, 2, 3].map((n) => probe(n, { resourceRole: 'TARGET', resourceImage: 'ami-0123456789abcdef0' })),
        ),
      ),
      PROBE_TYPE,
    );
    expect(features(target.predicates)).not.toContain('resourceImage');
  });

  it('keeps "the bucket serves a website" when every finding of the case says so', () => {
    const CONTROL = 'S3.8';
    const control = (n: number, website?: true) => ({
      findingType: CONTROL,
      severityLabel: 'HIGH',
      region: 'eu-west-1',
      resourceType: 'AwsS3Bucket',
      resourceTypes: ['AwsS3Bucket'],
      resourceId: `arn:aws:s3:::acme-www-${n}`,
      resourceTagged: true,
      resourceTagKeys: ['DataClassification', 'Purpose'],
      ...(website ? { resourceWebsite: website } : {}),
    });
    const all = pattern(
      generaliseCase(lesson, findings(CONTROL, [control(1, true), control(2, true)])),
      CONTROL,
    );
    expect(all.predicates).toContainEqual({ feature: 'resourceWebsite', op: 'equals', value: true });
    const some = pattern(generaliseCase(lesson, findings(CONTROL, [control(1, true), control(2)])), CONTROL);
    expect(features(some.predicates)).not.toContain('resourceWebsite');
  });

  it('keeps a resource id only when nothing else describes the resource', () => {
    const untagged = (n: number) =>
      probe(n, { resourceTagged: false, resourceTagKeys: [], resourceEnvironment: undefined as never });
    const strip = (fp: Fingerprint) =>
      Object.fromEntries(Object.entries(fp).filter(([, v]) => v !== undefined));
    const definition = pattern(
      generaliseCase(lesson, findings(PROBE_TYPE, [strip(untagged(1)), strip(untagged(2))])),
      PROBE_TYPE,
    );
    expect(definition.predicates).toEqual(
      expect.arrayContaining([
        {
          feature: 'resourceId',
          op: 'equals',
          value: 'arn:aws:ec2:eu-west-1:710000000001:instance/i-0bastion',
        },
        { feature: 'resourceTagged', op: 'equals', value: false },
      ]),
    );
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
