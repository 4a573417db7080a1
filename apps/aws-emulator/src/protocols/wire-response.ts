import type { ServerResponse } from 'node:http';
import type { AwsError } from '../aws/aws-error.js';
import type { OperationDefinition, ServiceDefinition } from '../aws/service-definition.js';
import { escapeXml, toXmlElement } from './xml-writer.js';

const CONTENT_TYPES = {
  query: 'text/xml',
  'rest-json': 'application/json',
  'json-1.1': 'application/x-amz-json-1.1',
} as const;

/** Writes an operation's result in its service's wire format, with the request id AWS always sends. */
export function writeSuccess(
  response: ServerResponse,
  operation: OperationDefinition,
  result: unknown,
  requestId: string,
): void {
  const { protocol, xmlNamespace } = operation.service;
  const body =
    protocol === 'query'
      ? `<${operation.name}Response xmlns="${xmlNamespace ?? ''}">` +
        toXmlElement(`${operation.name}Result`, result) +
        `<ResponseMetadata><RequestId>${requestId}</RequestId></ResponseMetadata>` +
        `</${operation.name}Response>`
      : JSON.stringify(result ?? {});
  send(response, 200, CONTENT_TYPES[protocol], body, requestId);
}

/**
 * Writes an error the way each protocol carries it, which is what the SDK reads to name the error:
 * Query `<ErrorResponse><Error><Code>`, REST-JSON the `x-amzn-ErrorType` header, JSON 1.1 `__type`.
 */
export function writeError(
  response: ServerResponse,
  service: ServiceDefinition,
  error: AwsError,
  requestId: string,
): void {
  const { protocol, xmlNamespace } = service;
  if (protocol === 'query') {
    const type = error.status >= 500 ? 'Receiver' : 'Sender';
    const body =
      `<ErrorResponse xmlns="${xmlNamespace ?? ''}">` +
      `<Error><Type>${type}</Type><Code>${escapeXml(error.code)}</Code><Message>${escapeXml(error.message)}</Message></Error>` +
      `<RequestId>${requestId}</RequestId></ErrorResponse>`;
    send(response, error.status, CONTENT_TYPES.query, body, requestId);
    return;
  }
  if (protocol === 'rest-json') response.setHeader('x-amzn-ErrorType', error.code);
  const body =
    protocol === 'rest-json'
      ? { __type: error.code, Code: error.code, message: error.message }
      : { __type: error.code, message: error.message };
  send(response, error.status, CONTENT_TYPES[protocol], JSON.stringify(body), requestId);
}

function send(
  response: ServerResponse,
  status: number,
  contentType: string,
  body: string,
  requestId: string,
): void {
  response.statusCode = status;
  response.setHeader('content-type', contentType);
  response.setHeader('x-amzn-RequestId', requestId);
  response.setHeader('content-length', Buffer.byteLength(body));
  response.end(body);
}
