import type { TrailEvent } from '@sieve/aws';
import { exfiltrationAsff, portProbeAsff, triageOf } from '../testing/fixtures.js';
import { digestTrail, summarizeTrail, USER_AGENT_LENGTH } from './cloudtrail-summary.js';

const lookup = { attribute: 'AccessKeyId' as const, value: 'ASIAQ3EGWZJ5T7XKM2PB' };
const window = { start: '2026-11-29T05:50:00.000Z', end: '2026-11-29T07:05:00.000Z' };

function event(n: number, patch: Partial<TrailEvent> = {}): TrailEvent {
  return {
    eventId: `e-${n}`,
    eventName: 'ListBuckets',
    eventSource: 's3.amazonaws.com',
    eventTime: new Date(Date.UTC(2026, 10, 29, 6, n)),
    readOnly: true,
    sourceIpAddress: '203.0.113.77',
    userAgent: 'aws-cli/2.15.30 Python/3.11.8',
    ...patch,
  };
}

describe('summarizeTrail', () => {
  const exfiltration = triageOf(exfiltrationAsff);

  it('counts calls, failures and refusals, and lists callers, for an exfiltration', () => {
    const events = [
      event(40, {
        eventName: 'GetSecretValue',
        eventSource: 'secretsmanager.amazonaws.com',
        errorCode: 'AccessDeniedException',
      }),
      event(35, {
        eventName: 'RunInstances',
        eventSource: 'ec2.amazonaws.com',
        readOnly: false,
        errorCode: 'Client.UnauthorizedOperation',
      }),
      event(30, { eventName: 'GetObject', errorCode: 'NoSuchKey', sourceIpAddress: '192.0.2.10' }),
      event(20),
      event(10, { userAgent: 'Boto3/1.35.76' }),
      event(5, { eventName: 'PutBucketPolicy', readOnly: false }),
    ];

    expect(summarizeTrail(exfiltration, lookup, window, digestTrail({ events, truncated: false }))).toEqual({
      lookup,
      window,
      eventCount: 6,
      truncated: false,
      eventNames: [
        { name: 's3:ListBuckets', count: 2 },
        { name: 'ec2:RunInstances', count: 1 },
        { name: 's3:GetObject', count: 1 },
        { name: 's3:PutBucketPolicy', count: 1 },
        { name: 'secretsmanager:GetSecretValue', count: 1 },
      ],
      distinctEventNames: 5,
      writeEventCount: 2,
      errorCount: 3,
      accessDeniedCount: 2,
      errorCodes: [
        { name: 'AccessDeniedException', count: 1 },
        { name: 'Client.UnauthorizedOperation', count: 1 },
        { name: 'NoSuchKey', count: 1 },
      ],
      sourceIps: ['203.0.113.77', '192.0.2.10'],
      userAgents: ['aws-cli/2.15.30 Python/3.11.8', 'Boto3/1.35.76'],
      // The finding reports s3:ListBuckets.
      findingCallSeen: true,
      firstEventAt: '2026-11-29T06:05:00.000Z',
      lastEventAt: '2026-11-29T06:40:00.000Z',
    });
  });

  it('stays small whatever the number of events: top names and codes, capped addresses and agents', () => {
    const events = Array.from({ length: 100 }, (_, n) =>
      event(n % 60, {
        eventName: `Action${n % 25}`,
        errorCode: `Error${n % 9}`,
        sourceIpAddress: `198.51.100.${n % 30}`,
        userAgent: `agent-${n % 7} ${'x'.repeat(500)}`,
      }),
    );

    const summary = summarizeTrail(exfiltration, lookup, window, digestTrail({ events, truncated: true }));

    expect(summary.truncated).toBe(true);
    expect(summary.eventCount).toBe(100);
    expect(summary.eventNames).toHaveLength(10);
    expect(summary.eventNames[0]).toEqual({ name: 's3:Action0', count: 4 });
    expect(summary.distinctEventNames).toBe(25);
    expect(summary.errorCount).toBe(100);
    expect(summary.accessDeniedCount).toBe(0);
    expect(summary.errorCodes).toHaveLength(5);
    expect(summary.sourceIps).toHaveLength(10);
    expect(summary.userAgents).toHaveLength(5);
    expect(summary.userAgents.every((agent) => agent.length === USER_AGENT_LENGTH)).toBe(true);
    expect(summary.findingCallSeen).toBe(false);
  });

  it('says nothing about the finding’s own call when it reports none, and nothing about times without events', () => {
    const summary = summarizeTrail(
      triageOf(portProbeAsff),
      lookup,
      window,
      digestTrail({ events: [], truncated: false }),
    );
    expect(summary).toEqual({
      lookup,
      window,
      eventCount: 0,
      truncated: false,
      eventNames: [],
      distinctEventNames: 0,
      writeEventCount: 0,
      errorCount: 0,
      accessDeniedCount: 0,
      errorCodes: [],
      sourceIps: [],
      userAgents: [],
    });
  });

  it('digests to counts, lists and the distinct calls, holding no event', () => {
    const digest = digestTrail({
      events: [event(1), event(2), event(3, { eventName: 'GetObject' })],
      truncated: false,
    });
    expect(digest.calls).toEqual(['s3.amazonaws.com ListBuckets', 's3.amazonaws.com GetObject']);
    expect(JSON.stringify(digest)).not.toContain('e-1');
  });

  it('needs the service to match too: the same API name of another service is not the finding’s call', () => {
    const other = event(1, { eventSource: 's3control.amazonaws.com' });
    expect(
      summarizeTrail(exfiltration, lookup, window, digestTrail({ events: [other], truncated: false }))
        .findingCallSeen,
    ).toBe(false);
  });
});
