import {
  asList,
  isJsonObject,
  isRefTo,
  resourcesOfType,
  section,
  show,
  type Json,
  type JsonObject,
} from '../template-model.js';

/**
 * Who may assume the role. The design's confused-deputy rule: exactly the platform's principal, and only
 * when it presents the tenant's ExternalId. Anything else in the trust policy (a second principal, a
 * service, a wildcard, a missing or loosened condition) hands the customer's account to someone else.
 */

export const PRINCIPAL_PARAMETER = 'PlatformPrincipalArn';
export const EXTERNAL_ID_PARAMETER = 'ExternalId';

function checkPrincipal(principal: Json | undefined, where: string): string[] {
  if (!isJsonObject(principal)) {
    return [`${where}: Principal must be { AWS: !Ref ${PRINCIPAL_PARAMETER} }, got ${show(principal)}`];
  }
  const problems = Object.keys(principal)
    .filter((kind) => kind !== 'AWS')
    .map((kind) => `${where}: ${kind} principals are not allowed, only the platform's IAM role`);
  const aws = asList(principal['AWS']);
  if (aws.some((entry) => typeof entry === 'string' && entry.includes('*'))) {
    problems.push(`${where}: wildcard principal ${show(principal['AWS'])}`);
  }
  if (aws.length !== 1 || !isRefTo(aws[0], PRINCIPAL_PARAMETER)) {
    problems.push(
      `${where}: Principal.AWS must be exactly !Ref ${PRINCIPAL_PARAMETER}, got ${show(principal['AWS'])}`,
    );
  }
  return problems;
}

function checkExternalIdCondition(condition: Json | undefined, where: string): string[] {
  const stringEquals = isJsonObject(condition) ? condition['StringEquals'] : undefined;
  const bound = isJsonObject(stringEquals) ? stringEquals['sts:ExternalId'] : undefined;
  if (!isRefTo(bound, EXTERNAL_ID_PARAMETER)) {
    return [
      `${where}: Condition must contain StringEquals { sts:ExternalId: !Ref ${EXTERNAL_ID_PARAMETER} }, got ${show(condition)}`,
    ];
  }
  return [];
}

function checkStatement(statement: Json, where: string): string[] {
  if (!isJsonObject(statement)) return [`${where}: not a statement object`];
  const problems: string[] = [];
  for (const forbidden of ['NotPrincipal', 'NotAction', 'NotResource']) {
    if (forbidden in statement) problems.push(`${where}: ${forbidden} is not allowed in the trust policy`);
  }
  if (statement['Effect'] !== 'Allow') problems.push(`${where}: Effect must be Allow`);
  const actions = asList(statement['Action']);
  if (actions.length !== 1 || actions[0] !== 'sts:AssumeRole') {
    problems.push(`${where}: Action must be exactly sts:AssumeRole, got ${show(statement['Action'])}`);
  }
  problems.push(...checkPrincipal(statement['Principal'], where));
  problems.push(...checkExternalIdCondition(statement['Condition'], where));
  return problems;
}

/** The trust policy of every role: one statement, the platform principal, sts:AssumeRole, ExternalId. */
export function checkTrustPolicy(template: JsonObject): string[] {
  const roles = resourcesOfType(template, 'AWS::IAM::Role');
  if (roles.length === 0) return ['the template declares no AWS::IAM::Role'];
  return roles.flatMap(({ logicalId, properties }) => {
    const where = `Resources.${logicalId}.Properties.AssumeRolePolicyDocument`;
    const document = properties['AssumeRolePolicyDocument'];
    if (!isJsonObject(document)) return [`${where}: must be an inline policy object that can be checked`];
    const statements = asList(document['Statement']);
    const problems = statements.flatMap((statement, index) =>
      checkStatement(statement, `${where}.Statement[${index}]`),
    );
    if (statements.length !== 1)
      problems.unshift(`${where}: must have exactly one statement, has ${statements.length}`);
    return problems;
  });
}

/** CloudFormation's AllowedPattern must match the whole value (Java `matches`); emulate that in JS. */
function allows(pattern: Json | undefined, value: string): boolean {
  return typeof pattern === 'string' && new RegExp(`^(?:${pattern})$`).test(value);
}

const GOOD_PRINCIPALS = [
  'arn:aws:iam::123456789012:role/sieve-platform',
  'arn:aws-us-gov:iam::123456789012:role/ops/sieve',
];
const BAD_PRINCIPALS = [
  '*',
  'arn:aws:iam::*:role/sieve-platform',
  'arn:aws:iam::123456789012:role/*',
  'arn:aws:iam::123456789012:root',
  'arn:aws:sts::123456789012:assumed-role/sieve/session',
  'ec2.amazonaws.com',
];
// 43 characters: what 32 random bytes in base64url look like, the shape Sieve generates.
const GOOD_EXTERNAL_ID = 'q3N0W5yT1kZ8pVb2Lc7Hx9Rf4Ja6Ue0Ms-Dg_Ko1Ywe';
const BAD_EXTERNAL_IDS = ['short', 'a'.repeat(31), `${'a'.repeat(40)}*`, `${'a'.repeat(40)} b`];

/**
 * The parameters that the trust policy binds to must themselves be strict: a principal pattern that
 * admits "*" or an ExternalId with a default (the same value for every customer) would void the policy.
 */
export function checkTrustParameters(template: JsonObject): string[] {
  const parameters = section(template, 'Parameters');
  const problems: string[] = [];
  const principal = parameters[PRINCIPAL_PARAMETER];
  if (!principal) {
    problems.push(`Parameters.${PRINCIPAL_PARAMETER}: missing`);
  } else {
    for (const arn of GOOD_PRINCIPALS.filter((value) => !allows(principal['AllowedPattern'], value))) {
      problems.push(`Parameters.${PRINCIPAL_PARAMETER}: AllowedPattern rejects a valid role ARN ${arn}`);
    }
    for (const arn of BAD_PRINCIPALS.filter((value) => allows(principal['AllowedPattern'], value))) {
      problems.push(`Parameters.${PRINCIPAL_PARAMETER}: AllowedPattern accepts "${arn}"`);
    }
  }
  const externalId = parameters[EXTERNAL_ID_PARAMETER];
  if (!externalId) return [...problems, `Parameters.${EXTERNAL_ID_PARAMETER}: missing`];
  const minLength = externalId['MinLength'];
  if (typeof minLength !== 'number' || minLength < 32) {
    problems.push(
      `Parameters.${EXTERNAL_ID_PARAMETER}: MinLength must be at least 32, got ${show(minLength)}`,
    );
  }
  const accepts = (value: string): boolean =>
    allows(externalId['AllowedPattern'], value) &&
    value.length >= (typeof minLength === 'number' ? minLength : 0);
  if (!accepts(GOOD_EXTERNAL_ID))
    problems.push(`Parameters.${EXTERNAL_ID_PARAMETER}: rejects a generated ExternalId`);
  for (const value of BAD_EXTERNAL_IDS.filter(accepts)) {
    problems.push(`Parameters.${EXTERNAL_ID_PARAMETER}: accepts "${value}"`);
  }
  if ('Default' in externalId) {
    problems.push(
      `Parameters.${EXTERNAL_ID_PARAMETER}: must have no Default (it would be shared by every customer)`,
    );
  }
  if (externalId['NoEcho'] !== true) problems.push(`Parameters.${EXTERNAL_ID_PARAMETER}: must be NoEcho`);
  return problems;
}
