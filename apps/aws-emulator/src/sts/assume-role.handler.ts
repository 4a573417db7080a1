import { isActionAllowed } from '../auth/action-pattern.js';
import { effectivePermissions } from '../auth/effective-permissions.js';
import { isTrusted } from '../auth/trust-policy.js';
import { AwsError } from '../aws/aws-error.js';
import type { CallContext } from '../aws/service-definition.js';
import type { QueryParams } from '../protocols/query-params.js';
import { newSecretAccessKey, newSessionToken, newTemporaryAccessKeyId } from '../state/ids.js';
import { principalArn, type Principal, type RoleSession } from '../state/identity.types.js';
import { stsValidationError } from './sts.service.js';

export interface AssumeRoleResult {
  Credentials: { AccessKeyId: string; SecretAccessKey: string; SessionToken: string; Expiration: Date };
  AssumedRoleUser: { AssumedRoleId: string; Arn: string };
}

const DEFAULT_DURATION_SECONDS = 3600;
/** AWS caps a session obtained with role-session credentials ("role chaining") at one hour. */
const CHAINED_MAX_DURATION_SECONDS = 3600;
/** Sessions expired this long ago are forgotten; until then they keep answering ExpiredToken. */
const EXPIRED_SESSION_RETENTION_MS = 24 * 60 * 60 * 1000;

/**
 * STS AssumeRole. Every refusal about the role itself (missing, deleted, not trusting the caller,
 * wrong or missing ExternalId) is the same AccessDenied, as AWS gives no hint which check failed.
 */
export function assumeRole(context: CallContext<unknown>): AssumeRoleResult {
  // The Query protocol hands every operation its form fields as strings.
  const params = context.input as QueryParams;
  const roleArn = requireParam(params, 'RoleArn', 20, 2048, /^arn:aws[a-z-]*:iam::\d{12}:role\/.+$/);
  const sessionName = requireParam(params, 'RoleSessionName', 2, 64, /^[\w+=,.@-]*$/);
  const externalId = optionalParam(params, 'ExternalId', 2, 1224, /^[\w+=,.@:/-]*$/);
  const durationSeconds = parseDuration(params.DurationSeconds);
  const { emulator, principal } = context;

  const role = emulator.state.identity.findRole(roleArn);
  const denied = new AwsError(
    'AccessDenied',
    `User: ${principalArn(principal)} is not authorized to perform: sts:AssumeRole on resource: ${roleArn}`,
    403,
  );
  if (!isActionAllowed(effectivePermissions(emulator, principal), 'sts:AssumeRole')) throw denied;
  if (!role || emulator.faults.isRoleDeleted(roleArn)) throw denied;
  const trusted = isTrusted(role.trustPolicy, {
    caller: { accountId: context.accountId, arns: trustableArns(principal) },
    action: 'sts:AssumeRole',
    externalId,
  });
  if (!trusted) throw denied;

  const chained = principal.kind === 'assumed-role';
  if (chained && durationSeconds > CHAINED_MAX_DURATION_SECONDS) {
    throw stsValidationError(
      'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
    );
  }
  if (durationSeconds > role.maxSessionDuration) {
    throw stsValidationError(
      'The requested DurationSeconds exceeds the MaxSessionDuration set for this role.',
    );
  }

  const now = emulator.now();
  const session: RoleSession = {
    accessKeyId: newTemporaryAccessKeyId(),
    secretAccessKey: newSecretAccessKey(),
    sessionToken: newSessionToken(),
    // AWS reports expirations to the second.
    expiresAt: Math.floor((now + durationSeconds * 1000) / 1000) * 1000,
    accountId: role.accountId,
    roleName: role.roleName,
    roleArn: role.arn,
    roleId: role.roleId,
    sessionName,
    chained,
  };
  emulator.state.identity.pruneSessions(now - EXPIRED_SESSION_RETENTION_MS);
  emulator.state.identity.putSession(session);
  return {
    Credentials: {
      AccessKeyId: session.accessKeyId,
      SecretAccessKey: session.secretAccessKey,
      SessionToken: session.sessionToken,
      Expiration: new Date(session.expiresAt),
    },
    AssumedRoleUser: {
      AssumedRoleId: `${role.roleId}:${sessionName}`,
      Arn: principalArn({ kind: 'assumed-role', session }),
    },
  };
}

/** What a trust policy may name to trust this caller; the first is what aws:PrincipalArn reports. */
function trustableArns(principal: Principal): string[] {
  return principal.kind === 'user'
    ? [principal.user.arn]
    : [principal.session.roleArn, principalArn(principal)];
}

function requireParam(params: QueryParams, name: string, min: number, max: number, pattern: RegExp): string {
  const value = params[name];
  if (value === undefined) {
    throw stsValidationError(
      `1 validation error detected: Value null at '${camel(name)}' failed to satisfy constraint: Member must not be null`,
    );
  }
  return checkParam(name, value, min, max, pattern);
}

function optionalParam(
  params: QueryParams,
  name: string,
  min: number,
  max: number,
  pattern: RegExp,
): string | undefined {
  const value = params[name];
  return value === undefined ? undefined : checkParam(name, value, min, max, pattern);
}

function checkParam(name: string, value: string, min: number, max: number, pattern: RegExp): string {
  const prefix = `1 validation error detected: Value '${value}' at '${camel(name)}' failed to satisfy constraint:`;
  if (value.length < min)
    throw stsValidationError(`${prefix} Member must have length greater than or equal to ${min}`);
  if (value.length > max)
    throw stsValidationError(`${prefix} Member must have length less than or equal to ${max}`);
  if (!pattern.test(value)) {
    throw stsValidationError(`${prefix} Member must satisfy regular expression pattern: ${pattern.source}`);
  }
  return value;
}

function parseDuration(value: string | undefined): number {
  if (value === undefined) return DEFAULT_DURATION_SECONDS;
  const seconds = Number(value);
  const prefix = `1 validation error detected: Value '${value}' at 'durationSeconds' failed to satisfy constraint:`;
  if (!Number.isInteger(seconds)) throw stsValidationError(`${prefix} Member must be an integer`);
  if (seconds < 900)
    throw stsValidationError(`${prefix} Member must have value greater than or equal to 900`);
  if (seconds > 43200)
    throw stsValidationError(`${prefix} Member must have value less than or equal to 43200`);
  return seconds;
}

function camel(name: string): string {
  return name.charAt(0).toLowerCase() + name.slice(1);
}
