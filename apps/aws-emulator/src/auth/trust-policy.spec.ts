import type { PolicyDocument } from './policy.types.js';
import { isTrusted, type AssumeRoleCaller } from './trust-policy.js';

const PLATFORM_USER: AssumeRoleCaller = {
  accountId: '111111111111',
  arns: ['arn:aws:iam::111111111111:user/sieve-platform'],
};
const OTHER_ACCOUNT_USER: AssumeRoleCaller = {
  accountId: '999999999999',
  arns: ['arn:aws:iam::999999999999:user/x'],
};

const policy = (statement: object | object[]): PolicyDocument => ({
  Version: '2012-10-17',
  Statement: statement as PolicyDocument['Statement'],
});
const withExternalId = policy({
  Effect: 'Allow',
  Principal: { AWS: 'arn:aws:iam::111111111111:user/sieve-platform' },
  Action: 'sts:AssumeRole',
  Condition: { StringEquals: { 'sts:ExternalId': 'expected-id' } },
});
const trusted = (document: PolicyDocument, caller: AssumeRoleCaller, externalId?: string) =>
  isTrusted(document, { caller, action: 'sts:AssumeRole', externalId });

describe('isTrusted', () => {
  it('requires the ExternalId of a StringEquals condition', () => {
    expect(trusted(withExternalId, PLATFORM_USER, 'expected-id')).toBe(true);
    expect(trusted(withExternalId, PLATFORM_USER, 'other-id')).toBe(false);
    expect(trusted(withExternalId, PLATFORM_USER)).toBe(false);
  });

  it('requires the principal to be named', () => {
    expect(trusted(withExternalId, OTHER_ACCOUNT_USER, 'expected-id')).toBe(false);
  });

  it('trusts every principal of an account named by root ARN or bare id', () => {
    for (const principal of ['arn:aws:iam::111111111111:root', '111111111111']) {
      const document = policy({ Effect: 'Allow', Principal: { AWS: [principal] }, Action: 'sts:AssumeRole' });
      expect(trusted(document, PLATFORM_USER)).toBe(true);
      expect(trusted(document, OTHER_ACCOUNT_USER)).toBe(false);
    }
  });

  it('matches role sessions by role ARN', () => {
    const session: AssumeRoleCaller = {
      accountId: '222222222222',
      arns: ['arn:aws:iam::222222222222:role/Hop', 'arn:aws:sts::222222222222:assumed-role/Hop/s'],
    };
    const document = policy({
      Effect: 'Allow',
      Principal: { AWS: 'arn:aws:iam::222222222222:role/Hop' },
      Action: 'sts:*',
    });
    expect(trusted(document, session)).toBe(true);
  });

  it('lets an explicit Deny win over an Allow', () => {
    const document = policy([
      { Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRole' },
      { Effect: 'Deny', Principal: { AWS: '999999999999' }, Action: '*' },
    ]);
    expect(trusted(document, PLATFORM_USER)).toBe(true);
    expect(trusted(document, OTHER_ACCOUNT_USER)).toBe(false);
  });

  it('does not grant other actions or service principals', () => {
    expect(
      trusted(policy({ Effect: 'Allow', Principal: '*', Action: 'sts:AssumeRoleWithSAML' }), PLATFORM_USER),
    ).toBe(false);
    expect(
      trusted(
        policy({ Effect: 'Allow', Principal: { Service: 'ec2.amazonaws.com' }, Action: 'sts:AssumeRole' }),
        PLATFORM_USER,
      ),
    ).toBe(false);
  });

  it('fails closed on condition operators and keys it does not know', () => {
    const unknownOperator = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { StringLike: { 'sts:ExternalId': 'expected-*' } },
    });
    expect(trusted(unknownOperator, PLATFORM_USER, 'expected-id')).toBe(false);
    const unknownKey = policy({
      Effect: 'Allow',
      Principal: '*',
      Action: 'sts:AssumeRole',
      Condition: { StringEquals: { 'aws:SourceIp': '10.0.0.1' } },
    });
    expect(trusted(unknownKey, PLATFORM_USER)).toBe(false);
  });
});
