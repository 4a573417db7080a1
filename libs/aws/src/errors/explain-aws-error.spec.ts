import { awsErrorCode, explainAwsError, isCredentialRejection } from './explain-aws-error.js';

const ROLE = 'arn:aws:iam::123456789012:role/SieveReadOnly';

/** An error shaped like the SDK's service exceptions. */
function awsError(name: string, status = 400): Error {
  return Object.assign(new Error(`${name} message`), { name, $metadata: { httpStatusCode: status } });
}

describe('explainAwsError', () => {
  it('explains a refused AssumeRole with every cause STS hides behind AccessDenied', () => {
    const explanation = explainAwsError(awsError('AccessDenied', 403), {
      roleArn: ROLE,
      action: 'sts:AssumeRole',
    });
    expect(explanation).toEqual({
      code: 'AccessDenied',
      kind: 'access-denied',
      reason: `Sieve could not assume ${ROLE}: the role no longer exists or denies sts:AssumeRole to Sieve, or its trust policy does not accept Sieve's ExternalId for this tenant`,
    });
  });

  it('names the missing permission of a call made as the role', () => {
    const explanation = explainAwsError(awsError('AccessDeniedException', 403), {
      roleArn: ROLE,
      action: 'securityhub:GetFindings',
    });
    expect(explanation.kind).toBe('access-denied');
    expect(explanation.reason).toContain(`The role ${ROLE} lacks securityhub:GetFindings`);
  });

  it.each([
    ['ExpiredTokenException', 'expired or revoked'],
    ['ExpiredToken', 'expired or revoked'],
    ['UnrecognizedClientException', 'no longer recognises'],
    ['InvalidClientTokenId', 'no longer recognises'],
  ])('reports %s on a role session as rejected credentials', (code, words) => {
    const explanation = explainAwsError(awsError(code, 403), {
      roleArn: ROLE,
      action: 'securityhub:GetFindings',
    });
    expect(explanation.kind).toBe('credentials-rejected');
    expect(explanation.reason).toContain(ROLE);
    expect(explanation.reason).toContain(words);
  });

  it.each(['InvalidClientTokenId', 'SignatureDoesNotMatch', 'ExpiredToken'])(
    "blames Sieve's own credentials when STS refuses them on AssumeRole (%s)",
    (code) => {
      const explanation = explainAwsError(awsError(code, 403), { roleArn: ROLE, action: 'sts:AssumeRole' });
      expect(explanation.kind).toBe('platform-credentials');
      expect(explanation.reason).toContain('not a problem with the role');
    },
  );

  it('tells the customer to enable Security Hub in the region', () => {
    const explanation = explainAwsError(awsError('InvalidAccessException', 401), {
      roleArn: ROLE,
      action: 'securityhub:GetFindings',
      region: 'eu-west-1',
    });
    expect(explanation.kind).toBe('service-not-enabled');
    expect(explanation.reason).toContain('Security Hub is not enabled in eu-west-1');
  });

  it.each([
    ['TooManyRequestsException', 429, 'throttled'],
    ['ThrottlingException', 400, 'throttled'],
    ['SomethingNew', 429, 'throttled'],
    ['InternalException', 500, 'unavailable'],
    ['ServiceUnavailable', 503, 'unavailable'],
    ['SomethingElse', 502, 'unavailable'],
    ['InvalidInputException', 400, 'other'],
  ])('classifies %s (HTTP %i) as %s', (code, status, kind) => {
    expect(
      explainAwsError(awsError(code, status), { roleArn: ROLE, action: 'securityhub:GetFindings' }).kind,
    ).toBe(kind);
  });
});

describe('isCredentialRejection', () => {
  it.each([
    'AccessDenied',
    'AccessDeniedException',
    'ExpiredToken',
    'ExpiredTokenException',
    'InvalidClientTokenId',
    'UnrecognizedClientException',
  ])('is true for %s', (code) => {
    expect(isCredentialRejection(awsError(code))).toBe(true);
  });

  it.each(['TooManyRequestsException', 'InternalException', 'InvalidInputException', 'AwsAccessException'])(
    'is false for %s',
    (code) => {
      expect(isCredentialRejection(awsError(code))).toBe(false);
    },
  );

  it('reads the name of non-Error values defensively', () => {
    expect(awsErrorCode({ name: 'AccessDenied' })).toBe('AccessDenied');
    expect(awsErrorCode('boom')).toBe('Error');
    expect(awsErrorCode(null)).toBe('Error');
  });
});
