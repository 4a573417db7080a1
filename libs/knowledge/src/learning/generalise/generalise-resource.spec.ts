import { type Fingerprint } from '../../patterns/predicate.js';
import { PROBE_TYPE, probe, lesson, findings, pattern, features } from '../../testing/case-lessons.js';
import { generaliseCase } from './generalise-case.js';

describe('generalising a resolved case: the resource', () => {
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
});
