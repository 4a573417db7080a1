import type { AsffFinding } from './asff.types.js';
import { compileFindingFilters } from './finding-filters.js';

const NOW = Date.parse('2026-06-15T12:00:00.000Z');

function finding(id: string, overrides: Partial<AsffFinding> = {}): AsffFinding {
  return {
    SchemaVersion: '2018-10-08',
    Id: id,
    ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    ProductName: 'GuardDuty',
    GeneratorId: 'generator',
    AwsAccountId: '123456789012',
    Region: 'us-east-1',
    CreatedAt: '2026-06-01T00:00:00.000Z',
    UpdatedAt: '2026-06-14T00:00:00.000Z',
    Title: 'title',
    Description: 'description',
    Types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
    Severity: { Label: 'LOW', Normalized: 20 },
    Resources: [
      { Type: 'AwsEc2Instance', Id: 'arn:aws:ec2:us-east-1:123456789012:instance/i-1' },
      { Type: 'AwsIamAccessKey', Id: 'AWS::IAM::AccessKey:ASIA1' },
    ],
    Workflow: { Status: 'NEW' },
    RecordState: 'ACTIVE',
    ...overrides,
  };
}

const findings = [
  finding('a'),
  finding('b', { Severity: { Label: 'HIGH', Normalized: 70 }, Workflow: { Status: 'SUPPRESSED' } }),
  finding('c', {
    ProductName: 'Inspector',
    Types: ['Software and Configuration Checks/Vulnerabilities/CVE'],
    UpdatedAt: '2026-05-01T00:00:00.000Z',
    Resources: [{ Type: 'AwsS3Bucket', Id: 'arn:aws:s3:::bucket' }],
  }),
];

const ids = (filters: unknown): string[] =>
  findings.filter(compileFindingFilters(filters, NOW)).map((f) => f.Id);

describe('compileFindingFilters', () => {
  it('keeps everything without filters', () => {
    expect(ids(undefined)).toEqual(['a', 'b', 'c']);
    expect(ids({})).toEqual(['a', 'b', 'c']);
    expect(ids({ Id: [] })).toEqual(['a', 'b', 'c']);
  });

  it('ORs positive comparisons within a field and ANDs fields', () => {
    expect(
      ids({
        Id: [
          { Value: 'a', Comparison: 'EQUALS' },
          { Value: 'c', Comparison: 'EQUALS' },
        ],
      }),
    ).toEqual(['a', 'c']);
    expect(
      ids({
        Id: [
          { Value: 'a', Comparison: 'EQUALS' },
          { Value: 'c', Comparison: 'EQUALS' },
        ],
        ProductName: [{ Value: 'Guard', Comparison: 'PREFIX' }],
      }),
    ).toEqual(['a']);
  });

  it('is case-sensitive, like Security Hub', () => {
    expect(ids({ SeverityLabel: [{ Value: 'high', Comparison: 'EQUALS' }] })).toEqual([]);
  });

  it('ANDs negative comparisons and applies them to every value of multi-valued fields', () => {
    expect(
      ids({
        Id: [
          { Value: 'a', Comparison: 'NOT_EQUALS' },
          { Value: 'b', Comparison: 'NOT_EQUALS' },
        ],
      }),
    ).toEqual(['c']);
    // a and b have an access key among their resources, so they are excluded entirely.
    expect(ids({ ResourceType: [{ Value: 'AwsIamAccessKey', Comparison: 'NOT_EQUALS' }] })).toEqual(['c']);
    expect(ids({ ResourceId: [{ Value: 'arn:aws:ec2:', Comparison: 'PREFIX_NOT_EQUALS' }] })).toEqual(['c']);
  });

  it('matches a positive comparison against any value of a multi-valued field', () => {
    expect(ids({ ResourceType: [{ Value: 'AwsIamAccessKey', Comparison: 'EQUALS' }] })).toEqual(['a', 'b']);
    expect(ids({ Type: [{ Value: 'Software and Configuration Checks/', Comparison: 'PREFIX' }] })).toEqual([
      'c',
    ]);
  });

  it('lets PREFIX be narrowed by NOT_EQUALS on the same field', () => {
    expect(
      ids({
        WorkflowStatus: [
          { Value: 'N', Comparison: 'PREFIX' },
          { Value: 'SUPPRESSED', Comparison: 'NOT_EQUALS' },
        ],
      }),
    ).toEqual(['a', 'c']);
  });

  it('supports CONTAINS and NOT_CONTAINS', () => {
    expect(ids({ Type: [{ Value: 'CVE', Comparison: 'CONTAINS' }] })).toEqual(['c']);
    expect(ids({ Type: [{ Value: 'Recon', Comparison: 'NOT_CONTAINS' }] })).toEqual(['c']);
  });

  it('filters dates by Start/End (inclusive) and by DateRange in days back from now', () => {
    expect(ids({ UpdatedAt: [{ Start: '2026-06-14T00:00:00.000Z' }] })).toEqual(['a', 'b']);
    expect(ids({ UpdatedAt: [{ End: '2026-06-13T00:00:00.000Z' }] })).toEqual(['c']);
    expect(ids({ UpdatedAt: [{ DateRange: { Value: 30, Unit: 'DAYS' } }] })).toEqual(['a', 'b']);
    expect(ids({ UpdatedAt: [{ DateRange: { Value: 60, Unit: 'DAYS' } }] })).toEqual(['a', 'b', 'c']);
    // Entries of one date field are ORed.
    expect(
      ids({ UpdatedAt: [{ End: '2026-05-02T00:00:00.000Z' }, { Start: '2026-06-14T00:00:00.000Z' }] }),
    ).toEqual(['a', 'b', 'c']);
  });

  it('filters numbers', () => {
    expect(ids({ SeverityNormalized: [{ Gte: 40 }] })).toEqual(['b']);
    expect(ids({ SeverityNormalized: [{ Gte: 10, Lt: 70 }] })).toEqual(['a', 'c']);
  });

  it.each([
    [
      'an unsupported field',
      { ResourceTags: [{ Key: 'k', Value: 'v', Comparison: 'EQUALS' }] },
      'not supported',
    ],
    ['an unknown comparison', { Id: [{ Value: 'a', Comparison: 'LIKE' }] }, 'Comparison'],
    ['a missing value', { Id: [{ Comparison: 'EQUALS' }] }, 'Value'],
    [
      'EQUALS with NOT_EQUALS',
      {
        Id: [
          { Value: 'a', Comparison: 'EQUALS' },
          { Value: 'b', Comparison: 'NOT_EQUALS' },
        ],
      },
      'cannot combine',
    ],
    [
      'CONTAINS with PREFIX',
      {
        Id: [
          { Value: 'a', Comparison: 'CONTAINS' },
          { Value: 'b', Comparison: 'PREFIX' },
        ],
      },
      'only',
    ],
    ['a date filter without bounds', { UpdatedAt: [{}] }, 'needs Start'],
    ['a DateRange in hours', { UpdatedAt: [{ DateRange: { Value: 1, Unit: 'HOURS' } }] }, 'DAYS'],
    ['a malformed date', { UpdatedAt: [{ Start: 'yesterday' }] }, 'ISO 8601'],
    ['a filter that is not a list', { Id: { Value: 'a', Comparison: 'EQUALS' } }, 'must be a list'],
  ])('refuses %s with InvalidInputException', (_, filters, message) => {
    expect(() => compileFindingFilters(filters, NOW)).toThrow(
      expect.objectContaining({
        code: 'InvalidInputException',
        status: 400,
        message: expect.stringContaining(message),
      }),
    );
  });
});
