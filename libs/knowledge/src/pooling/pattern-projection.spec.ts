import { allHold, type Fingerprint, type Predicate } from '../patterns/predicate.js';
import { MAX_COMBINATIONS, projectPattern, shapeKey, specificEnough } from './pattern-projection.js';

const PROBE = 'Recon:EC2/PortProbeUnprotectedPort';
const API = 'UnauthorizedAccess:IAMUser/MaliciousIPCaller';

const project = (predicates: Predicate[], findingType = PROBE) => projectPattern({ findingType, predicates });

describe('projecting a tenant pattern onto the pool', () => {
  it('keeps generalised predicates and drops every one over an identifying feature', () => {
    const shapes = project([
      { feature: 'awsAccountId', op: 'equals', value: '123456789012' },
      { feature: 'principalName', op: 'equals', value: 'acme-deployer' },
      { feature: 'principalKey', op: 'prefix', value: '123456789012:role/' },
      { feature: 'resourceId', op: 'equals', value: 'i-0a1b2c3d4e5f60718' },
      { feature: 'domain', op: 'equals', value: 'vpn.acme.example' },
      { feature: 'resourceOwner', op: 'equals', value: 'alice@acme.example' },
      { feature: 'region', op: 'equals', value: 'eu-west-3' },
      { op: 'cidr', feature: 'remoteIp', blocks: ['198.51.100.0/24'] },
      { op: 'tagEquals', key: 'Team', value: 'payments' },
      { op: 'tagPresent', key: 'acme-cost-code' },
      { feature: 'newAsn', op: 'equals', value: false },
      { feature: 'localPorts', op: 'equals', value: '22' },
      { feature: 'remoteAsn', op: 'asn', asns: [398324] },
      { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      { op: 'tagPresent', key: 'Environment' },
    ]);
    expect(shapes).toHaveLength(1);
    expect(shapes[0]).toEqual({
      key: expect.stringMatching(/^[0-9a-f]{64}$/),
      findingType: PROBE,
      predicates: [
        { feature: 'localPorts', op: 'equals', value: '22' },
        { feature: 'remoteAsn', op: 'asn', asns: [398324] },
        { op: 'tagPresent', key: 'Environment' },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      ],
    });
  });

  it('drops a poolable predicate whole when one of its values has the shape of an identifier', () => {
    const shapes = project(
      [
        { feature: 'apiAction', op: 'in', values: ['s3:GetObject', 'arn:aws:s3:::acme-payroll'] },
        { feature: 'remoteAsnOrg', op: 'equals', value: 'ops@acme.example' },
        { feature: 'userAgentFamily', op: 'prefix', value: '10.1.2.3' },
        { feature: 'ciProvider', op: 'equals', value: 'github-actions' },
        { feature: 'servicePrincipal', op: 'equals', value: 'cloudformation.amazonaws.com' },
      ],
      API,
    );
    expect(shapes.map((s) => s.predicates)).toEqual([
      [
        { feature: 'ciProvider', op: 'equals', value: 'github-actions' },
        { feature: 'servicePrincipal', op: 'equals', value: 'cloudformation.amazonaws.com' },
      ],
    ]);
  });

  it('lets a bare AMI id through under resourceImage only, as an anchor; no other resource id', () => {
    const SCAN = 'Recon:EC2/Portscan';
    const shapes = project(
      [
        { feature: 'resourceImage', op: 'equals', value: 'ami-0a7f3c9e51d2b6840' },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
        { feature: 'direction', op: 'equals', value: 'OUTBOUND' },
      ],
      SCAN,
    );
    expect(shapes.map((s) => s.predicates)).toEqual([
      [
        { feature: 'direction', op: 'equals', value: 'OUTBOUND' },
        { feature: 'resourceImage', op: 'equals', value: 'ami-0a7f3c9e51d2b6840' },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      ],
    ]);
    // Anything but an AMI id under resourceImage, and an AMI id under any other feature, stays out.
    expect(
      project(
        [
          {
            feature: 'resourceImage',
            op: 'equals',
            value: 'ami-0a7f3c9e51d2b6840 arn:aws:ec2::123456789012:image',
          },
          { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
          { feature: 'direction', op: 'equals', value: 'OUTBOUND' },
        ],
        SCAN,
      ),
    ).toEqual([]);
    expect(
      project(
        [
          { feature: 'remoteAsnOrg', op: 'equals', value: 'ami-0a7f3c9e51d2b6840' },
          { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
          { feature: 'localPorts', op: 'equals', value: '22' },
        ],
        SCAN,
      ).map((s) => s.predicates),
    ).toEqual([
      [
        { feature: 'localPorts', op: 'equals', value: '22' },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      ],
    ]);
  });

  it('pools "S3.8 on a bucket that serves a website": the website is what the bucket is for', () => {
    const shapes = project(
      [
        { feature: 'resourceType', op: 'equals', value: 'AwsS3Bucket' },
        { feature: 'resourceWebsite', op: 'equals', value: true },
        { op: 'tagPresent', key: 'DataClassification' },
      ],
      'S3.8',
    );
    expect(shapes.map((s) => s.predicates)).toEqual([
      [
        { feature: 'resourceType', op: 'equals', value: 'AwsS3Bucket' },
        { feature: 'resourceWebsite', op: 'equals', value: true },
      ],
    ]);
  });

  it('pools nothing of a finding type that has the shape of an identifier', () => {
    expect(
      project(
        [
          { feature: 'localPorts', op: 'equals', value: '22' },
          { feature: 'remoteAsn', op: 'asn', asns: [1] },
        ],
        'Custom/arn:aws:securityhub:eu-west-3:123456789012:product/acme',
      ),
    ).toEqual([]);
  });

  it.each<[string, Predicate[]]>([
    ['only the resource type', [{ feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' }]],
    [
      'only what restates the type',
      [
        { feature: 'findingTypeFamily', op: 'equals', value: 'Recon:EC2' },
        { feature: 'severityLabel', op: 'equals', value: 'LOW' },
        { feature: 'localPorts', op: 'equals', value: '22' },
      ],
    ],
    [
      'no anchor',
      [
        { feature: 'direction', op: 'equals', value: 'INBOUND' },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      ],
    ],
    [
      'an anchor only by presence',
      [
        { feature: 'remoteAsn', op: 'present' },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      ],
    ],
    [
      'a port once its identifying network is gone',
      [
        { feature: 'localPorts', op: 'equals', value: '22' },
        { op: 'cidr', feature: 'remoteIp', blocks: ['198.51.100.0/24'] },
        { feature: 'principalName', op: 'equals', value: 'bastion' },
      ],
    ],
  ])('does not pool a projection left with %s', (_what, predicates) => {
    expect(project(predicates)).toEqual([]);
  });

  it('gives equivalent patterns of two tenants the same key, whatever their order and form', () => {
    const a = project([
      { feature: 'remoteAsn', op: 'equals', value: 398324 },
      { feature: 'localPorts', op: 'in', values: ['22'] },
      { feature: 'principalName', op: 'equals', value: 'tenant-a-only' },
    ]);
    const b = project([
      { feature: 'localPorts', op: 'equals', value: '22' },
      { feature: 'localPorts', op: 'equals', value: '22' },
      { feature: 'remoteAsn', op: 'in', values: [398324, 398324] },
    ]);
    expect(a.map((s) => s.key)).toEqual(b.map((s) => s.key));
    expect(a[0].key).toBe(
      shapeKey(PROBE, [
        { feature: 'localPorts', op: 'equals', value: '22' },
        { feature: 'remoteAsn', op: 'asn', asns: [398324] },
      ]),
    );
    expect(
      project([
        { feature: 'localPorts', op: 'equals', value: '443' },
        { feature: 'remoteAsn', op: 'asn', asns: [398324] },
      ])[0].key,
    ).not.toBe(a[0].key);
  });

  it('splits sets into their combinations, so tenants whose sets overlap meet on what they share', () => {
    const shapes = project([
      { feature: 'localPorts', op: 'in', values: ['443', '22'] },
      { feature: 'remoteAsn', op: 'asn', asns: [2, 1] },
    ]);
    expect(shapes.map((s) => s.predicates.map((p) => JSON.stringify(p)).join(' '))).toEqual([
      '{"feature":"localPorts","op":"equals","value":"22"} {"feature":"remoteAsn","op":"asn","asns":[1]}',
      '{"feature":"localPorts","op":"equals","value":"22"} {"feature":"remoteAsn","op":"asn","asns":[2]}',
      '{"feature":"localPorts","op":"equals","value":"443"} {"feature":"remoteAsn","op":"asn","asns":[1]}',
      '{"feature":"localPorts","op":"equals","value":"443"} {"feature":"remoteAsn","op":"asn","asns":[2]}',
    ]);
    const other = project([
      { feature: 'localPorts', op: 'equals', value: '22' },
      { feature: 'remoteAsn', op: 'asn', asns: [1, 3] },
    ]);
    expect(other.map((s) => s.key)).toContain(shapes[0].key);
  });

  it('keeps sets whole past the combination limit', () => {
    const actions = Array.from({ length: MAX_COMBINATIONS + 1 }, (_, i) => `ec2:Action${i}`);
    const shapes = project(
      [
        { feature: 'apiAction', op: 'in', values: actions },
        { feature: 'ciProvider', op: 'equals', value: 'github-actions' },
      ],
      API,
    );
    expect(shapes).toHaveLength(1);
    expect(shapes[0].predicates[0]).toEqual({ feature: 'apiAction', op: 'in', values: [...actions].sort() });
  });

  it('is a weakening: every fingerprint the tenant pattern matches, one of its shapes matches', () => {
    const tenant: Predicate[] = [
      { feature: 'localPorts', op: 'in', values: ['22', '443'] },
      { feature: 'remoteAsn', op: 'asn', asns: [398324, 14061] },
      { op: 'cidr', feature: 'remoteIp', blocks: ['198.51.100.0/24'] },
      { feature: 'principalName', op: 'equals', value: 'bastion' },
      { op: 'tagPresent', key: 'Environment' },
    ];
    const shapes = project(tenant);
    const fingerprints: Fingerprint[] = [];
    for (const port of ['22', '443', '80'])
      for (const asn of [398324, 14061, 1])
        for (const tags of [['Environment'], []])
          fingerprints.push({
            localPorts: [port],
            remoteAsn: asn,
            remoteIp: '198.51.100.4',
            principalName: 'bastion',
            resourceTagKeys: tags,
          });
    for (const fp of fingerprints) {
      if (allHold(tenant, fp)) expect(shapes.some((s) => allHold(s.predicates, fp))).toBe(true);
    }
    expect(fingerprints.filter((fp) => allHold(tenant, fp))).toHaveLength(4);
  });

  it('calls a shape specific enough with two pinned features, one of them an anchor', () => {
    expect(
      specificEnough([
        { feature: 'apiAction', op: 'equals', value: 's3:ListBuckets' },
        { feature: 'userAgentFamily', op: 'equals', value: 'aws-cli' },
      ]),
    ).toBe(true);
    expect(specificEnough([{ feature: 'apiAction', op: 'equals', value: 's3:ListBuckets' }])).toBe(false);
  });
});
