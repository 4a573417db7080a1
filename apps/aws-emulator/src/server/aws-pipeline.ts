import type { ServerResponse } from 'node:http';
import { setTimeout as sleep } from 'node:timers/promises';
import { isActionAllowed } from '../auth/action-pattern.js';
import { effectivePermissions } from '../auth/effective-permissions.js';
import { verifySigV4, type SignedRequest } from '../auth/sigv4-verifier.js';
import { AwsError } from '../aws/aws-error.js';
import type { CommonFailure, OperationDefinition, ServiceDefinition } from '../aws/service-definition.js';
import type { Emulator } from '../emulator.js';
import { parseRequestInput } from '../protocols/request-input.js';
import { writeError, writeSuccess } from '../protocols/wire-response.js';
import { newRequestId } from '../state/ids.js';
import { principalAccountId, principalArn, type Principal } from '../state/identity.types.js';
import { routeAwsRequest } from './operation-router.js';

interface Caller {
  principal: Principal;
  accountId: string;
  region: string;
}

/**
 * Answers one AWS API call: route → verify SigV4 → latency fault → authorize → injected faults →
 * throttle → handler. Every call, answered or refused, is counted for the admin counters.
 */
export async function handleAwsRequest(
  emulator: Emulator,
  request: SignedRequest,
  response: ServerResponse,
): Promise<void> {
  const requestId = newRequestId();
  const receivedAt = emulator.now();
  const route = routeAwsRequest(request);
  if ('error' in route) {
    writeError(response, route.service, route.error, requestId);
    emulator.counters.record({
      at: receivedAt,
      service: route.service.signingName,
      operation: route.operationName,
      status: route.error.status,
      errorCode: route.error.code,
    });
    return;
  }
  const { operation } = route;
  const { service } = operation;
  let caller: Caller | undefined;
  try {
    caller = await authenticate(emulator, request, service);
    const result = await invoke(emulator, request, operation, caller, requestId);
    writeSuccess(response, operation, result, requestId);
    record(emulator, receivedAt, operation, caller, 200);
  } catch (thrown) {
    const error = thrown instanceof AwsError ? thrown : unexpected(service, thrown);
    writeError(response, service, error, requestId);
    record(emulator, receivedAt, operation, caller, error.status, error.code);
  }
}

async function authenticate(
  emulator: Emulator,
  request: SignedRequest,
  service: ServiceDefinition,
): Promise<Caller> {
  const verified = await verifySigV4(request, (key) => emulator.state.identity.resolveAccessKey(key), {
    expectedService: service.signingName,
    now: emulator.now(),
  });
  if (!verified.ok) throw commonError(service, verified.failure, verified.message);
  const { principal } = verified.secret;
  return { principal, accountId: principalAccountId(principal), region: verified.scope.region };
}

async function invoke(
  emulator: Emulator,
  request: SignedRequest,
  operation: OperationDefinition,
  caller: Caller,
  requestId: string,
): Promise<unknown> {
  const { service, name } = operation;
  const latencyMs = emulator.faults.latencyFor(name, caller.accountId);
  if (latencyMs > 0) await sleep(latencyMs);

  if (
    operation.iamAction &&
    !isActionAllowed(effectivePermissions(emulator, caller.principal), operation.iamAction)
  ) {
    throw commonError(
      service,
      'accessDenied',
      `User: ${principalArn(caller.principal)} is not authorized to perform: ${operation.iamAction}`,
    );
  }

  const fault = emulator.faults.decide(name, caller.accountId);
  if (fault.kind === 'throttle') throw commonError(service, 'throttled', 'Rate exceeded');
  if (fault.kind === 'serverError') {
    throw fault.status === 503
      ? commonError(service, 'unavailable', 'Service is unavailable, try again later')
      : commonError(service, 'internal', 'Internal service error');
  }
  if (!emulator.throttles.tryAcquire(caller.accountId, caller.region, name, emulator.now())) {
    throw commonError(service, 'throttled', 'Rate exceeded');
  }

  const input = parseRequestInput(service.protocol, request.body, request.query);
  return operation.handle({ requestId, ...caller, input, emulator });
}

function commonError(service: ServiceDefinition, failure: CommonFailure, message: string): AwsError {
  const { code, status } = service.errors[failure];
  return new AwsError(code, message, status);
}

/** A bug in the emulator reaches the client as the service's internal error, and stderr tells why. */
function unexpected(service: ServiceDefinition, thrown: unknown): AwsError {
  console.error('aws-emulator: unexpected error', thrown);
  return commonError(service, 'internal', 'Internal service error');
}

function record(
  emulator: Emulator,
  at: number,
  operation: OperationDefinition,
  caller: Caller | undefined,
  status: number,
  errorCode?: string,
): void {
  emulator.counters.record({
    at,
    service: operation.service.signingName,
    operation: operation.name,
    accountId: caller?.accountId,
    region: caller?.region,
    status,
    errorCode,
  });
}
