import type { ServiceDefinition } from '../aws/service-definition.js';

/** CloudTrail speaks AWS JSON 1.1 (`X-Amz-Target` RPC), where client errors are HTTP 400. */
export const CLOUDTRAIL: ServiceDefinition = {
  signingName: 'cloudtrail',
  protocol: 'json-1.1',
  errors: {
    missingAuth: { code: 'MissingAuthenticationTokenException', status: 400 },
    incompleteSignature: { code: 'IncompleteSignatureException', status: 400 },
    badSignature: { code: 'InvalidSignatureException', status: 400 },
    unknownKey: { code: 'UnrecognizedClientException', status: 400 },
    expiredToken: { code: 'ExpiredTokenException', status: 400 },
    accessDenied: { code: 'AccessDeniedException', status: 400 },
    throttled: { code: 'ThrottlingException', status: 400 },
    internal: { code: 'InternalFailure', status: 500 },
    unavailable: { code: 'ServiceUnavailable', status: 503 },
  },
};
