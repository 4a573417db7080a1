import { AwsError } from '../aws/aws-error.js';
import type { WireProtocol } from '../aws/service-definition.js';
import { parseQueryParams } from './query-params.js';

/** Decodes the request body into the operation input according to the service's protocol. */
export function parseRequestInput(protocol: WireProtocol, body: Buffer, query: URLSearchParams): unknown {
  if (protocol === 'query') return parseQueryParams(body, query);
  if (body.length === 0) return {};
  try {
    return JSON.parse(body.toString('utf8'));
  } catch {
    throw new AwsError('SerializationException', 'The request body is not valid JSON', 400);
  }
}
