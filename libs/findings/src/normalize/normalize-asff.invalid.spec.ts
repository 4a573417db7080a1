import { guardDutyPortProbeAsff } from '../fixtures/guardduty-port-probe.asff.js';
import { REMOVE, variant } from '../fixtures/variant.js';
import { normalizeAsff } from './normalize-asff.js';

function errorsOf(raw: unknown): string[] {
  const result = normalizeAsff(raw);
  if (result.ok) throw new Error('expected errors, got a finding');
  return result.errors;
}

describe('normalizeAsff: invalid input', () => {
  it.each([
    ['missing Id', { Id: REMOVE }, ['Id: required']],
    [
      'a date that is not one',
      { CreatedAt: 'yesterday' },
      ['CreatedAt: must be a timestamp such as 2024-01-31T23:00:00.000Z, got "yesterday"'],
    ],
    [
      'an impossible date',
      { UpdatedAt: '2026-02-30T00:00:00Z' },
      ['UpdatedAt: must be a timestamp such as 2024-01-31T23:00:00.000Z, got "2026-02-30T00:00:00Z"'],
    ],
    [
      'an 11-digit account',
      { AwsAccountId: '12345678901' },
      ['AwsAccountId: must be the 12 digits of an AWS account id, got "12345678901"'],
    ],
    ['empty Resources', { Resources: [] }, ['Resources: required, at least one resource']],
    ['missing Resources', { Resources: REMOVE }, ['Resources: required, at least one resource']],
    ['a resource without Id', { 'Resources.0.Id': REMOVE }, ['Resources[0].Id: required']],
    ['missing Severity', { Severity: REMOVE }, ['Severity: required']],
    [
      'Severity without Label or Normalized',
      { Severity: { Product: 2, Original: '2' } },
      ['Severity: must include Label or Normalized'],
    ],
    [
      'an unknown severity label',
      { 'Severity.Label': 'SEVERE' },
      ['Severity.Label: must be one of INFORMATIONAL, LOW, MEDIUM, HIGH, CRITICAL, got "SEVERE"'],
    ],
    ['Normalized above 100', { 'Severity.Normalized': 101 }, ['Severity.Normalized: must be at most 100']],
    ['a numeric Title', { Title: 42 }, ['Title: must be a string, got 42']],
    ['Types as a string', { Types: 'TTPs' }, ['Types: must be an array, got "TTPs"']],
    ['empty Types', { Types: [] }, ['Types: required, at least one finding type']],
    ['a blank Description', { Description: '   ' }, ['Description: must not be blank']],
    [
      'a Title over 1024 characters',
      { Title: 'x'.repeat(1025) },
      ['Title: must be at most 1024 characters, got 1025'],
    ],
    [
      'a Description over 4096 characters',
      { Description: 'x'.repeat(100_000) },
      ['Description: must be at most 4096 characters, got 100000'],
    ],
    [
      'a product ARN that is not one',
      { ProductArn: 'guardduty' },
      [
        'ProductArn: must be a Security Hub product ARN such as arn:aws:securityhub:us-east-1::product/aws/guardduty',
      ],
    ],
    [
      'an unknown workflow status',
      { 'Workflow.Status': 'CLOSED' },
      ['Workflow.Status: must be one of NEW, NOTIFIED, RESOLVED, SUPPRESSED, got "CLOSED"'],
    ],
    [
      'a tag value that is not a string',
      { 'Resources.0.Tags.Environment': 5 },
      ['Resources[0].Tags.Environment: must be a string, got 5'],
    ],
    [
      'Tags as a string',
      { 'Resources.0.Tags': 'web-1' },
      ['Resources[0].Tags: must be an object, got "web-1"'],
    ],
  ])('%s', (_case, change, expected) => {
    expect(errorsOf(variant(guardDutyPortProbeAsff, change))).toEqual(expected);
  });

  it('reports every problem at once', () => {
    const errors = errorsOf(
      variant(guardDutyPortProbeAsff, { Id: REMOVE, AwsAccountId: 123456789012, Resources: [] }),
    );
    expect(errors).toEqual([
      'Id: required',
      'AwsAccountId: must be a string, got 123456789012',
      'Resources: required, at least one resource',
    ]);
  });

  it.each([
    [null, 'finding: must be an object, got null'],
    ['{"Id": "x"}', 'finding: must be an object, got "{\\"Id\\": \\"x\\"}"'],
    [[guardDutyPortProbeAsff], 'finding: must be an object, got an array'],
    [undefined, 'finding: must be an object, got undefined'],
  ])('refuses %p without throwing', (input, message) => {
    expect(errorsOf(input)).toEqual([message]);
  });

  it('quotes at most 40 characters of a bad value', () => {
    const [error] = errorsOf(variant(guardDutyPortProbeAsff, { AwsAccountId: '9'.repeat(5000) }));
    expect(error).toBe(`AwsAccountId: must be the 12 digits of an AWS account id, got "${'9'.repeat(40)}…"`);
  });
});
