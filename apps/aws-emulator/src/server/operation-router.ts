import { AwsError } from '../aws/aws-error.js';
import type { OperationDefinition, ServiceDefinition } from '../aws/service-definition.js';
import type { SignedRequest } from '../auth/sigv4-verifier.js';
import { CLOUDTRAIL_OPERATIONS, CLOUDTRAIL_TARGET_PREFIXES } from '../cloudtrail/cloudtrail.operations.js';
import { CLOUDTRAIL } from '../cloudtrail/cloudtrail.service.js';
import { parseQueryParams } from '../protocols/query-params.js';
import { SECURITY_HUB_ROUTES } from '../securityhub/securityhub.operations.js';
import { SECURITY_HUB } from '../securityhub/securityhub.service.js';
import { STS_ACTIONS } from '../sts/sts.operations.js';
import { STS } from '../sts/sts.service.js';

export type RouteResult =
  { operation: OperationDefinition } | { service: ServiceDefinition; operationName: string; error: AwsError };

/**
 * All services share one endpoint, so the request's shape picks the service the way each protocol
 * marks it: JSON 1.1 by `X-Amz-Target`, Query by a form body carrying `Action`, REST-JSON by path.
 */
export function routeAwsRequest(request: SignedRequest): RouteResult {
  const target = request.headers['x-amz-target'];
  if (typeof target === 'string') return routeJsonTarget(target);

  const contentType = request.headers['content-type'] ?? '';
  if (contentType.startsWith('application/x-www-form-urlencoded') || request.query.has('Action')) {
    const action = parseQueryParams(request.body, request.query).Action ?? '';
    const operation = STS_ACTIONS[action];
    if (operation) return { operation };
    return unknown(
      STS,
      action,
      new AwsError('InvalidAction', `Could not find operation ${action} for version 2011-06-15`, 400),
    );
  }

  const path = request.rawPath.replace(/\/+$/, '') || '/';
  const route = SECURITY_HUB_ROUTES.find(
    (candidate) => candidate.method === request.method && candidate.path === path,
  );
  if (route) return { operation: route.operation };
  return unknown(
    SECURITY_HUB,
    `${request.method} ${path}`,
    new AwsError(
      'UnknownOperationException',
      `The AWS emulator does not implement ${request.method} ${path}`,
      404,
    ),
  );
}

function routeJsonTarget(target: string): RouteResult {
  const prefix = CLOUDTRAIL_TARGET_PREFIXES.find((candidate) => target.startsWith(candidate));
  const operation = prefix === undefined ? undefined : CLOUDTRAIL_OPERATIONS[target.slice(prefix.length)];
  if (operation) return { operation };
  return unknown(
    CLOUDTRAIL,
    target,
    new AwsError('UnknownOperationException', `The AWS emulator does not implement ${target}`, 400),
  );
}

function unknown(service: ServiceDefinition, operationName: string, error: AwsError): RouteResult {
  return { service, operationName, error };
}
