import { guardDutyCredentialExfiltrationEvent } from '../fixtures/eventbridge-guardduty.js';
import { securityHubImportedEvent } from '../fixtures/eventbridge-securityhub.js';
import { guardDutyPortProbeAsff } from '../fixtures/guardduty-port-probe.asff.js';
import { REMOVE, variant } from '../fixtures/variant.js';
import { parseEventBridgePayload } from './parse-eventbridge.js';

const ec2StateChange = {
  version: '0',
  id: '7bf73129-1428-4cd3-a780-95db273d1602',
  'detail-type': 'EC2 Instance State-change Notification',
  source: 'aws.ec2',
  account: '123456789012',
  time: '2026-11-30T09:00:00Z',
  region: 'us-east-1',
  resources: ['arn:aws:ec2:us-east-1:123456789012:instance/i-0a1b2c3d4e5f60718'],
  detail: { 'instance-id': 'i-0a1b2c3d4e5f60718', state: 'running' },
};

describe('parseEventBridgePayload', () => {
  it('accepts a single Security Hub event and normalises its findings in order', () => {
    const [event] = parseEventBridgePayload(securityHubImportedEvent);
    expect(event).toMatchObject({
      index: 0,
      ok: true,
      kind: 'securityhub',
      eventId: '6f2c1a3e-5b7d-4e9f-8a1c-2d3e4f5a6b7c',
      accountId: '123456789012',
      region: 'us-east-1',
    });
    if (!event.ok) throw new Error(event.reason);
    expect(event.findings.map((r) => r.ok && r.finding.findingType)).toEqual(['S3.8', 'CVE-2024-6387']);
  });

  it('judges each event of an array, and each finding of an event, on its own', () => {
    const oneBadFinding = variant(securityHubImportedEvent, {
      id: 'second',
      'detail.findings.0.AwsAccountId': REMOVE,
    });
    const results = parseEventBridgePayload([
      guardDutyCredentialExfiltrationEvent,
      ec2StateChange,
      oneBadFinding,
    ]);

    expect(results).toHaveLength(3);
    expect(results[0]).toMatchObject({ index: 0, ok: true, kind: 'guardduty', findings: [{ ok: true }] });
    expect(results[1]).toEqual({
      index: 1,
      ok: false,
      reason:
        'unsupported event: source "aws.ec2" with detail-type "EC2 Instance State-change Notification"; expected ' +
        '"Security Hub Findings - Imported" from aws.securityhub or "GuardDuty Finding" from aws.guardduty',
    });
    expect(results[2]).toMatchObject({ index: 2, ok: true, kind: 'securityhub', eventId: 'second' });
    if (!results[2].ok) throw new Error(results[2].reason);
    expect(results[2].findings[0]).toEqual({ ok: false, errors: ['AwsAccountId: required'] });
    expect(results[2].findings[1]).toMatchObject({ ok: true, finding: { findingType: 'CVE-2024-6387' } });
  });

  it('passes the envelope region to a GuardDuty finding that lacks one', () => {
    const event = variant(guardDutyCredentialExfiltrationEvent, {
      'detail.region': REMOVE,
      region: 'eu-central-1',
    });
    const [parsed] = parseEventBridgePayload(event);
    expect(parsed.ok && parsed.findings[0]).toMatchObject({ ok: true, finding: { region: 'eu-central-1' } });
  });

  it.each([
    ['a missing detail', { detail: REMOVE }, 'detail: required'],
    [
      'detail.findings that is not an array',
      { 'detail.findings': { Id: 'x' } },
      'detail.findings: must be an array, got an object',
    ],
    ['no findings', { 'detail.findings': [] }, 'detail.findings: must contain at least one finding'],
    [
      'more than 100 findings',
      { 'detail.findings': Array.from({ length: 101 }, () => guardDutyPortProbeAsff) },
      'detail.findings: at most 100 findings per event, got 101',
    ],
    [
      'a 13-digit account',
      { account: '1234567891234' },
      'account: must be the 12 digits of an AWS account id, got "1234567891234"',
    ],
    [
      'the OCSF (Security Hub v2) event',
      { 'detail-type': 'Findings Imported V2' },
      'detail-type "Findings Imported V2" carries OCSF findings, which are not supported; send ASFF events',
    ],
    [
      'a Security Hub detail-type from another source',
      { source: 'aws.guardduty' },
      'unsupported event: source "aws.guardduty" with detail-type "Security Hub Findings - Imported"; expected ' +
        '"Security Hub Findings - Imported" from aws.securityhub or "GuardDuty Finding" from aws.guardduty',
    ],
  ])('refuses an event with %s', (_case, change, reason) => {
    expect(parseEventBridgePayload(variant(securityHubImportedEvent, change))).toEqual([
      { index: 0, ok: false, reason },
    ]);
  });

  it('accepts exactly 100 findings', () => {
    const full = variant(securityHubImportedEvent, {
      'detail.findings': Array.from({ length: 100 }, () => guardDutyPortProbeAsff),
    });
    const [event] = parseEventBridgePayload(full);
    expect(event.ok && event.findings.filter((r) => r.ok)).toHaveLength(100);
  });

  it('refuses a body that is no event at all, without throwing', () => {
    expect(parseEventBridgePayload('hello')).toEqual([
      { index: 0, ok: false, reason: 'event: must be an object, got "hello"' },
    ]);
    expect(parseEventBridgePayload([null])).toEqual([
      { index: 0, ok: false, reason: 'event: must be an object, got null' },
    ]);
    expect(parseEventBridgePayload([])).toEqual([]);
  });
});
