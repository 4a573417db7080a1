import { AwsError } from '../aws/aws-error.js';
import type { ServiceDefinition } from '../aws/service-definition.js';

export const STS_XML_NAMESPACE = 'https://sts.amazonaws.com/doc/2011-06-15/';

/** STS speaks the Query protocol: form-encoded POST, XML answers, bare error codes. */
export const STS: ServiceDefinition = {
  signingName: 'sts',
  protocol: 'query',
  xmlNamespace: STS_XML_NAMESPACE,
  errors: {
    missingAuth: { code: 'MissingAuthenticationToken', status: 403 },
    incompleteSignature: { code: 'IncompleteSignature', status: 400 },
    badSignature: { code: 'SignatureDoesNotMatch', status: 403 },
    unknownKey: { code: 'InvalidClientTokenId', status: 403 },
    expiredToken: { code: 'ExpiredToken', status: 400 },
    accessDenied: { code: 'AccessDenied', status: 403 },
    throttled: { code: 'Throttling', status: 400 },
    internal: { code: 'InternalFailure', status: 500 },
    unavailable: { code: 'ServiceUnavailable', status: 503 },
  },
};

export function stsValidationError(message: string): AwsError {
  return new AwsError('ValidationError', message, 400);
}
