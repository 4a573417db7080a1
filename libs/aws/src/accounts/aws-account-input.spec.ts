import { validateRegistration } from './aws-account-input.js';

const ok = {
  accountId: '123456789012',
  roleArn: 'arn:aws:iam::123456789012:role/SieveIncidentResponse',
  regions: ['us-east-1'],
};

describe('validateRegistration', () => {
  it('accepts a well-formed registration and removes duplicate regions', () => {
    expect(validateRegistration({ ...ok, regions: ['us-east-1', 'eu-west-1', 'us-east-1'] }).regions).toEqual(
      ['us-east-1', 'eu-west-1'],
    );
  });

  it.each([
    [{ accountId: '1234' }, /12 digits/],
    [{ roleArn: 'arn:aws:iam::123456789012:user/bob' }, /IAM role ARN/],
    [
      { roleArn: 'arn:aws:iam::210987654321:role/Sieve' },
      /belongs to account 210987654321, not 123456789012/,
    ],
    [{ regions: [] }, /1 to 32/],
    [{ regions: ['mars-north-1', 'us-east-1'] }, /not AWS regions: mars-north-1/],
  ])('refuses %p with a clear message', (patch, message) => {
    expect(() => validateRegistration({ ...ok, ...patch })).toThrow(message);
  });
});
