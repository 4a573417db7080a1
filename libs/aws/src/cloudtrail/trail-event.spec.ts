import { trailEventOf } from './trail-event.js';

describe('trailEventOf', () => {
  const base = {
    EventId: 'e-1',
    EventName: 'PutBucketPolicy',
    EventSource: 's3.amazonaws.com',
    EventTime: new Date('2026-11-30T10:00:00Z'),
    Username: 'alice',
    AccessKeyId: 'AKIAQ3EGWZJ5ALICE001',
  };

  it("reads the caller's address, user agent, error and region from the record, and nothing else of it", () => {
    const record = {
      sourceIPAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.15.30',
      errorCode: 'AccessDenied',
      errorMessage: 'User: arn:aws:iam::123456789012:user/alice is not authorized',
      awsRegion: 'us-east-1',
      requestParameters: { bucketName: 'acme-exports', policy: '{…}' },
    };
    expect(trailEventOf({ ...base, ReadOnly: 'false', CloudTrailEvent: JSON.stringify(record) })).toEqual({
      eventId: 'e-1',
      eventName: 'PutBucketPolicy',
      eventSource: 's3.amazonaws.com',
      eventTime: new Date('2026-11-30T10:00:00Z'),
      readOnly: false,
      username: 'alice',
      accessKeyId: 'AKIAQ3EGWZJ5ALICE001',
      sourceIpAddress: '198.51.100.7',
      userAgent: 'aws-cli/2.15.30',
      errorCode: 'AccessDenied',
      awsRegion: 'us-east-1',
    });
  });

  it('keeps the lookup attributes when the record is missing or not JSON', () => {
    for (const CloudTrailEvent of [undefined, '', 'not json', '"a string"', 'null']) {
      expect(trailEventOf({ ...base, ReadOnly: 'true', CloudTrailEvent })).toEqual({
        eventId: 'e-1',
        eventName: 'PutBucketPolicy',
        eventSource: 's3.amazonaws.com',
        eventTime: new Date('2026-11-30T10:00:00Z'),
        readOnly: true,
        username: 'alice',
        accessKeyId: 'AKIAQ3EGWZJ5ALICE001',
      });
    }
  });
});
