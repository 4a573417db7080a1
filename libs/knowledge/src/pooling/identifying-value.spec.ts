import { isIdentifying } from './identifying-value.js';

describe('identifying values', () => {
  it.each([
    'arn:aws:iam::123456789012:role/deploy',
    '123456789012',
    'AKIAIOSFODNN7EXAMPLE',
    'AROAQ3EGWZJ5SXMR4Q2KD',
    'alice@acme.example',
    '203.0.113.7',
    '2001:db8::1',
    'i-0a1b2c3d4e5f60718',
    'sg-0a0b0c0d0e0f01234',
    'vpc-0a1b2c3d4e5f67890',
    'prefix arn:aws:s3:::acme-payroll',
    123456789012,
  ])('recognises %s', (value) => {
    expect(isIdentifying(value)).toBe(true);
  });

  it.each([
    's3:ListBuckets',
    'cloudformation.amazonaws.com',
    'CENSYS-ARIN-01',
    'github-actions',
    'AwsEc2Instance',
    'Recon:EC2/PortProbeUnprotectedPort',
    '22',
    16509,
    true,
  ])('lets %s through', (value) => {
    expect(isIdentifying(value)).toBe(false);
  });
});
