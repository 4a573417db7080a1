import { pageRecords } from './page-records.js';

const ACCOUNT = '123456789012';

function finding(n: number, updatedAt: string, patch: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    SchemaVersion: '2018-10-08',
    Id: `finding-${n}`,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    GeneratorId: 'detector/d1',
    AwsAccountId: ACCOUNT,
    Region: 'us-east-1',
    Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
    CreatedAt: updatedAt,
    UpdatedAt: updatedAt,
    Severity: { Label: 'LOW' },
    Title: `finding ${n}`,
    Description: 'd',
    Resources: [{ Type: 'AwsEc2Instance', Id: `i-${n}` }],
    ...patch,
  };
}

describe('pageRecords', () => {
  it('sets an invalid finding aside with its errors and keeps the rest of the page', () => {
    const page = [
      finding(1, '2026-01-01T00:00:01Z'),
      finding(2, '2026-01-01T00:00:02Z', { Title: ' ', Resources: [] }),
      finding(3, '2026-01-01T00:00:03Z'),
    ];

    const result = pageRecords(page, ACCOUNT);

    expect(result.records.map((r) => r.findingId)).toEqual(['finding-1', 'finding-3']);
    expect(result.invalid).toEqual([
      {
        findingId: 'finding-2',
        errors: expect.arrayContaining([
          expect.stringContaining('Title'),
          expect.stringContaining('Resources'),
        ]),
      },
    ]);
  });

  it('takes the latest UpdatedAt of the page, invalid findings included, so the cursor may pass them', () => {
    const page = [
      finding(1, '2026-01-01T00:00:01Z'),
      finding(2, '2026-01-01T00:00:09.5Z', { Severity: {} }),
      { Id: 'garbage', UpdatedAt: 'yesterday' },
      'not even an object',
    ];

    const result = pageRecords(page, ACCOUNT);

    expect(result.maxUpdatedAt).toEqual(new Date('2026-01-01T00:00:09.500Z'));
    expect(result.records).toHaveLength(1);
    expect(result.invalid.map((i) => i.findingId)).toEqual(['finding-2', 'garbage', undefined]);
  });

  it('refuses a finding of another account, which only an administrator account could have returned', () => {
    const result = pageRecords(
      [finding(1, '2026-01-01T00:00:01Z', { AwsAccountId: '999999999999' })],
      ACCOUNT,
    );

    expect(result.records).toEqual([]);
    expect(result.invalid[0].errors[0]).toMatch(/belongs to account 999999999999/);
  });

  it('has no cursor to offer for an empty page', () => {
    expect(pageRecords([], ACCOUNT)).toEqual({ records: [], invalid: [] });
  });
});
