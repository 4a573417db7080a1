import type { ServiceDefinition } from '../aws/service-definition.js';

/**
 * Security Hub speaks REST-JSON behind AWS's API front door, whose authentication and throttling
 * errors carry the `…Exception` names below (a throttled call is `TooManyRequestsException`, 429).
 */
export const SECURITY_HUB: ServiceDefinition = {
  signingName: 'securityhub',
  protocol: 'rest-json',
  errors: {
    missingAuth: { code: 'MissingAuthenticationTokenException', status: 403 },
    incompleteSignature: { code: 'IncompleteSignatureException', status: 403 },
    badSignature: { code: 'InvalidSignatureException', status: 403 },
    unknownKey: { code: 'UnrecognizedClientException', status: 403 },
    expiredToken: { code: 'ExpiredTokenException', status: 403 },
    accessDenied: { code: 'AccessDeniedException', status: 403 },
    throttled: { code: 'TooManyRequestsException', status: 429 },
    internal: { code: 'InternalException', status: 500 },
    unavailable: { code: 'ServiceUnavailable', status: 503 },
  },
};
