import { guardDutyCredentialExfiltrationAsff } from '../fixtures/guardduty-credential-exfiltration.asff.js';
import { guardDutyPortProbeAsff } from '../fixtures/guardduty-port-probe.asff.js';
import { inspectorCveAsff } from '../fixtures/inspector-cve.asff.js';
import { securityHubControlAsff } from '../fixtures/securityhub-control.asff.js';
import { thirdPartyAsff } from '../fixtures/third-party.asff.js';
import { REMOVE, variant } from '../fixtures/variant.js';
import { normalizeAsff } from './normalize-asff.js';
import type { NormalizedFinding } from './normalized-finding.js';

function normalized(raw: unknown): NormalizedFinding {
  const result = normalizeAsff(raw);
  if (!result.ok) throw new Error(`expected a finding, got: ${result.errors.join('; ')}`);
  return result.finding;
}

describe('normalizeAsff: fixtures', () => {
  it('GuardDuty port probe: key fields, GuardDuty type and probe observables', () => {
    const f = normalized(guardDutyPortProbeAsff);
    expect(f).toMatchObject({
      source: 'securityhub',
      productArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
      findingId: guardDutyPortProbeAsff.Id,
      productName: 'GuardDuty',
      companyName: 'Amazon',
      awsAccountId: '123456789012',
      region: 'us-east-1',
      findingType: 'Recon:EC2/PortProbeUnprotectedPort',
      // Label and Normalized disagree in this finding: the label is kept as given, so is Normalized.
      severityLabel: 'LOW',
      severityNormalized: 40,
      recordState: 'ACTIVE',
      workflowStatus: 'NEW',
    });
    expect(f.firstObservedAt.toISOString()).toBe('2026-11-22T04:00:00.000Z');
    expect(f.resources).toEqual([
      expect.objectContaining({
        type: 'AwsEc2Instance',
        id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60718',
        tags: { Name: 'web-1', Environment: 'production' },
      }),
    ]);
    expect(f.observables).toEqual({
      actionType: 'PORT_PROBE',
      resourceRole: 'TARGET',
      remote: {
        ip: '198.51.100.23',
        asn: 398324,
        asnOrg: 'CENSYS-ARIN-01',
        isp: 'Censys',
        org: 'Censys',
        country: 'United States',
        countryCode: 'US',
        city: 'Ann Arbor',
      },
      localPorts: [22],
      direction: 'INBOUND',
      blocked: false,
    });
    expect(f.raw).toBe(guardDutyPortProbeAsff);
  });

  it('GuardDuty credential exfiltration: principal, API call, remote ASN and the user agent from ProductFields', () => {
    const f = normalized(guardDutyCredentialExfiltrationAsff);
    expect(f.findingType).toBe('UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS');
    expect(f.severityLabel).toBe('HIGH');
    expect(f.observables).toEqual({
      actionType: 'AWS_API_CALL',
      resourceRole: 'TARGET',
      principal: {
        type: 'AssumedRole',
        userName: 'web-app-role',
        principalId: 'AROAQ3EGWZJ5VNX2K7LTA:i-0a1b2c3d4e5f60718',
        accessKeyId: 'ASIAQ3EGWZJ5T7XKM2PB',
      },
      apiCall: { service: 's3.amazonaws.com', api: 'ListBuckets', callerType: 'Remote IP' },
      remote: expect.objectContaining({
        ip: '203.0.113.77',
        asn: 14061,
        asnOrg: 'DIGITALOCEAN-ASN',
        city: 'Amsterdam',
      }),
      localPorts: [],
      userAgent: expect.stringMatching(/^\[aws-cli\/2\.15\.30 /),
    });
  });

  it('Security Hub control: the control id is the finding type', () => {
    const f = normalized(securityHubControlAsff);
    expect(f).toMatchObject({ productName: 'Security Hub', findingType: 'S3.8', severityLabel: 'HIGH' });
    expect(f.resources[0]).toMatchObject({
      type: 'AwsS3Bucket',
      id: 'arn:aws:s3:::acme-demo-customer-exports',
    });
    expect(f.observables).toEqual({ localPorts: [] });
  });

  it('a control finding from before consolidation: the control id comes from the generator', () => {
    const legacy = variant(securityHubControlAsff, {
      'Compliance.SecurityControlId': REMOVE,
      GeneratorId: 'security-control/EC2.19',
    });
    expect(normalized(legacy).findingType).toBe('EC2.19');
  });

  it('Inspector: the CVE is the finding type', () => {
    expect(normalized(inspectorCveAsff)).toMatchObject({
      productName: 'Inspector',
      findingType: 'CVE-2024-6387',
    });
  });

  it('third party: label from Normalized, times from CreatedAt, defaults, observables from Network', () => {
    const f = normalized(thirdPartyAsff);
    expect(f).toMatchObject({
      region: 'eu-west-1',
      findingType: 'TTPs/Command and Control/Outbound connection to known C2 address',
      severityLabel: 'HIGH',
      severityNormalized: 75,
      recordState: 'ACTIVE',
      workflowStatus: 'NEW',
    });
    expect(f.createdAt.toISOString()).toBe('2026-11-29T13:02:11.123Z');
    expect(f.firstObservedAt).toEqual(f.createdAt);
    expect(f.lastObservedAt).toEqual(f.updatedAt);
    expect(f.observables).toEqual({
      remote: { ip: '192.0.2.66', port: 443 },
      localPorts: [51544],
      protocol: 'TCP',
      direction: 'OUTBOUND',
      domain: 'update-check.example',
    });
  });
});

describe('normalizeAsff: observable sources', () => {
  it('reads GuardDuty ProductFields when the structured Action is absent', () => {
    const f = normalized(variant(guardDutyCredentialExfiltrationAsff, { Action: REMOVE }));
    expect(f.observables.apiCall).toEqual({
      service: 's3.amazonaws.com',
      api: 'ListBuckets',
      callerType: 'Remote IP',
    });
    expect(f.observables.remote).toMatchObject({
      ip: '203.0.113.77',
      asn: 14061,
      country: 'Netherlands',
      city: 'Amsterdam',
    });
  });

  it('prefers the structured Action where it and ProductFields disagree', () => {
    const f = normalized(
      variant(guardDutyCredentialExfiltrationAsff, {
        'ProductFields.aws/guardduty/service/action/awsApiCallAction/remoteIpDetails/ipAddressV4':
          '192.0.2.1',
      }),
    );
    expect(f.observables.remote?.ip).toBe('203.0.113.77');
  });

  it('prefers the GuardDuty action over the generic Network block', () => {
    const f = normalized(
      variant(guardDutyPortProbeAsff, {
        Network: { Direction: 'IN', Protocol: 'UDP', SourceIpV4: '192.0.2.200', DestinationPort: 53 },
      }),
    );
    expect(f.observables).toMatchObject({
      remote: { ip: '198.51.100.23' },
      localPorts: [22],
      protocol: 'UDP',
    });
  });

  it('ignores a malformed optional detail instead of refusing the finding', () => {
    const f = normalized(variant(guardDutyPortProbeAsff, { Action: 'PORT_PROBE' }));
    // What ProductFields still say survives; the probe details lived only in the Action.
    expect(f.observables).toEqual({
      actionType: 'PORT_PROBE',
      resourceRole: 'TARGET',
      localPorts: [],
      direction: 'INBOUND',
      blocked: false,
    });
  });

  it('keeps a finding whose resource Details are malformed, without the Details', () => {
    const f = normalized(
      variant(guardDutyCredentialExfiltrationAsff, { 'Resources.0.Details': 'AccessKey' }),
    );
    expect(f.resources[0]).toMatchObject({ type: 'AwsIamAccessKey', details: undefined });
    expect(f.observables.principal).toEqual({ type: 'Unknown', accessKeyId: 'ASIAQ3EGWZJ5T7XKM2PB' });
  });

  it('never lets ProductFields keys reach a prototype', () => {
    normalized(
      variant(guardDutyPortProbeAsff, { 'ProductFields.aws/guardduty/service/__proto__/polluted': 'yes' }),
    );
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
