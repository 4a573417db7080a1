import { actionMatches } from './action-pattern.js';
import { asList, type PolicyDocument, type PolicyStatement } from './policy.types.js';

export interface AssumeRoleCaller {
  accountId: string;
  /**
   * ARNs a trust policy may name for this caller: the IAM user ARN, or for a role session both the
   * role ARN and the `assumed-role` session ARN.
   */
  arns: string[];
}

export interface TrustRequest {
  caller: AssumeRoleCaller;
  action: string;
  externalId: string | undefined;
}

/**
 * Decides whether a role's trust policy lets the caller assume it. An explicit Deny wins over any
 * Allow; no matching Allow means deny. Condition operators or keys the emulator does not know make
 * the statement not match (fail closed), so a policy the emulator cannot read never grants access.
 */
export function isTrusted(policy: PolicyDocument, request: TrustRequest): boolean {
  const matching = asList(policy.Statement).filter((statement) => statementMatches(statement, request));
  if (matching.some((statement) => statement.Effect === 'Deny')) return false;
  return matching.some((statement) => statement.Effect === 'Allow');
}

function statementMatches(statement: PolicyStatement, request: TrustRequest): boolean {
  return (
    asList(statement.Action).some((pattern) => actionMatches(pattern, request.action)) &&
    principalMatches(statement.Principal, request.caller) &&
    conditionsHold(statement.Condition, request)
  );
}

function principalMatches(principal: PolicyStatement['Principal'], caller: AssumeRoleCaller): boolean {
  if (principal === undefined) return false;
  if (principal === '*') return true;
  return asList(principal.AWS).some((entry) => {
    if (entry === '*') return true;
    // A bare account id and the account's root ARN both trust every principal of that account.
    if (entry === caller.accountId || entry === `arn:aws:iam::${caller.accountId}:root`) return true;
    return caller.arns.includes(entry);
  });
}

function conditionsHold(condition: PolicyStatement['Condition'], request: TrustRequest): boolean {
  if (condition === undefined) return true;
  return Object.entries(condition).every(([operator, keys]) =>
    Object.entries(keys).every(([key, expected]) => {
      const actual = contextValue(key, request);
      if (actual === undefined) return false;
      const values = asList(expected);
      switch (operator) {
        case 'StringEquals':
          return values.includes(actual);
        case 'StringEqualsIgnoreCase':
          return values.some((value) => value.toLowerCase() === actual.toLowerCase());
        default:
          return false;
      }
    }),
  );
}

function contextValue(key: string, request: TrustRequest): string | undefined {
  switch (key.toLowerCase()) {
    case 'sts:externalid':
      return request.externalId;
    case 'aws:principalaccount':
      return request.caller.accountId;
    case 'aws:principalarn':
      return request.caller.arns[0];
    default:
      return undefined;
  }
}
