import {
  guardDutyCredentialExfiltrationEvent,
  guardDutyPortProbeEvent,
} from '../fixtures/eventbridge-guardduty.js';
import { guardDutyCredentialExfiltrationAsff } from '../fixtures/guardduty-credential-exfiltration.asff.js';
import { guardDutyPortProbeAsff } from '../fixtures/guardduty-port-probe.asff.js';
import { REMOVE, variant } from '../fixtures/variant.js';
import { normalizeAsff } from './normalize-asff.js';
import { normalizeGuardDutyEvent } from './normalize-guardduty.js';
import type { NormalizedFinding, NormalizeResult } from './normalized-finding.js';

function finding(result: NormalizeResult): NormalizedFinding {
  if (!result.ok) throw new Error(`expected a finding, got: ${result.errors.join('; ')}`);
  return result.finding;
}

function errorsOf(result: NormalizeResult): string[] {
  if (result.ok) throw new Error('expected errors, got a finding');
  return result.errors;
}

const exfiltration = guardDutyCredentialExfiltrationEvent.detail;
const portProbe = guardDutyPortProbeEvent.detail;

describe('normalizeGuardDutyEvent', () => {
  it('gives a native finding the identity Security Hub gives it', () => {
    const f = finding(normalizeGuardDutyEvent(exfiltration));
    expect(f).toMatchObject({
      source: 'guardduty',
      productArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
      findingId:
        'arn:aws:guardduty:us-east-1:123456789012:detector/4cc3a5e1b8a2d9f70c6e1b2a3d4f5e6a/finding/e2c4a6b8d0f1e3a5c7b9d1f3a5c7e9b1',
      generatorId: 'arn:aws:guardduty:us-east-1:123456789012:detector/4cc3a5e1b8a2d9f70c6e1b2a3d4f5e6a',
      productName: 'GuardDuty',
      companyName: 'Amazon',
      findingType: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
      types: [
        'Effects/Data Exfiltration/UnauthorizedAccess:IAMUser-InstanceCredentialExfiltration.OutsideAWS',
      ],
      severityLabel: 'HIGH',
      severityNormalized: 80,
      recordState: 'ACTIVE',
    });
    expect(f.resources).toEqual([
      expect.objectContaining({ type: 'AwsIamAccessKey', id: 'AWS::IAM::AccessKey:ASIAQ3EGWZJ5T7XKM2PB' }),
    ]);
    expect(f.raw).toBe(exfiltration);
  });

  it('maps an instance to the AwsEc2Instance resource, tags included', () => {
    expect(finding(normalizeGuardDutyEvent(portProbe)).resources).toEqual([
      expect.objectContaining({
        type: 'AwsEc2Instance',
        id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60718',
        region: 'us-east-1',
        tags: { Name: 'web-1', Environment: 'production' },
      }),
    ]);
  });

  it('marks an archived finding and takes the region from the envelope when the finding has none', () => {
    const detail = variant(portProbe, { 'service.archived': true, region: REMOVE });
    expect(finding(normalizeGuardDutyEvent(detail, { region: 'eu-west-1' }))).toMatchObject({
      recordState: 'ARCHIVED',
      region: 'eu-west-1',
      productArn: 'arn:aws:securityhub:eu-west-1::product/aws/guardduty',
    });
  });

  it('reads a DNS request action', () => {
    const detail = variant(portProbe, {
      type: 'Backdoor:EC2/C&CActivity.B!DNS',
      'service.action': {
        actionType: 'DNS_REQUEST',
        dnsRequestAction: { domain: 'c2.example.net', protocol: 'UDP', blocked: true },
      },
      'service.resourceRole': 'ACTOR',
    });
    expect(finding(normalizeGuardDutyEvent(detail)).observables).toEqual({
      actionType: 'DNS_REQUEST',
      resourceRole: 'ACTOR',
      localPorts: [],
      protocol: 'UDP',
      domain: 'c2.example.net',
      blocked: true,
    });
  });

  it('gives the root user an ARN', () => {
    const detail = variant(exfiltration, {
      type: 'Policy:IAMUser/RootCredentialUsage',
      'resource.accessKeyDetails': {
        accessKeyId: 'ASIAQ3EGWZJ5ROOTKEY1',
        principalId: '123456789012',
        userName: 'Root',
        userType: 'Root',
      },
    });
    expect(finding(normalizeGuardDutyEvent(detail)).observables.principal).toEqual({
      type: 'Root',
      arn: 'arn:aws:iam::123456789012:root',
      userName: 'Root',
      principalId: '123456789012',
      accessKeyId: 'ASIAQ3EGWZJ5ROOTKEY1',
    });
  });

  it.each([
    ['a missing arn', { arn: REMOVE }, ['arn: required']],
    [
      'an arn of another finding',
      { id: '00000000000000000000000000000000' },
      ["arn: must end with /finding/00000000000000000000000000000000, the finding's id"],
    ],
    [
      'an 11-digit account',
      { accountId: '12345678901' },
      ['accountId: must be the 12 digits of an AWS account id, got "12345678901"'],
    ],
    ['severity as a string', { severity: '8' }, ['severity: must be a number, got "8"']],
    [
      'severity out of range',
      { severity: 11 },
      ['severity: must be a GuardDuty severity from 1.0 to 10.0, got 11'],
    ],
    [
      'a type that is not a GuardDuty type',
      { type: 'PortProbe' },
      ['type: must be a GuardDuty finding type such as Recon:EC2/PortProbeUnprotectedPort'],
    ],
    [
      'a bad eventFirstSeen',
      { 'service.eventFirstSeen': '2026-11-22 04:00' },
      [
        'service.eventFirstSeen: must be a timestamp such as 2024-01-31T23:00:00.000Z, got "2026-11-22 04:00"',
      ],
    ],
    ['a missing resource', { resource: REMOVE }, ['resource: required']],
    [
      'no region anywhere',
      { region: REMOVE },
      ['region: required (neither the finding nor the event names one)'],
    ],
  ])('refuses %s', (_case, change, expected) => {
    expect(errorsOf(normalizeGuardDutyEvent(variant(exfiltration, change)))).toEqual(expected);
  });

  it('refuses a detail that is not an object without throwing', () => {
    expect(errorsOf(normalizeGuardDutyEvent('finding'))).toEqual([
      'detail: must be an object, got "finding"',
    ]);
  });
});

describe('the same GuardDuty finding, natively and through Security Hub', () => {
  it.each([
    ['credential exfiltration', exfiltration, guardDutyCredentialExfiltrationAsff],
    ['port probe', portProbe, guardDutyPortProbeAsff],
  ])(
    '%s: one identity, the same type, severity, resources and network observables',
    (_case, native, asff) => {
      const a = finding(normalizeGuardDutyEvent(native));
      const b = finding(normalizeAsff(asff));
      const key = (f: NormalizedFinding) => ({
        productArn: f.productArn,
        findingId: f.findingId,
        generatorId: f.generatorId,
        awsAccountId: f.awsAccountId,
        region: f.region,
        findingType: f.findingType,
        types: f.types,
        severityLabel: f.severityLabel,
        firstObservedAt: f.firstObservedAt,
        lastObservedAt: f.lastObservedAt,
        resources: f.resources.map((r) => ({ type: r.type, id: r.id, tags: r.tags })),
      });
      expect(key(a)).toEqual(key(b));
      expect(a.observables).toEqual(b.observables);
    },
  );
});
