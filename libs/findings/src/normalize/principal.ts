import type { Principal, PrincipalType } from './normalized-finding.js';
import { asString } from './read.js';

const PRINCIPAL_TYPES: readonly PrincipalType[] = [
  'IAMUser',
  'AssumedRole',
  'Root',
  'AWSService',
  'FederatedUser',
];

export interface AccessKeyFields {
  type: unknown;
  userName: unknown;
  principalId: unknown;
  accessKeyId: unknown;
  partition: string;
  accountId: string;
}

/**
 * The principal behind an access key, from GuardDuty's accessKeyDetails or ASFF's AwsIamAccessKey details.
 * An ARN is given only for the root user: user and role ARNs may carry a path that neither source reports.
 */
export function accessKeyPrincipal(fields: AccessKeyFields): Principal | undefined {
  const rawType = asString(fields.type);
  const principal: Principal = {
    type: PRINCIPAL_TYPES.find((t) => t === rawType) ?? 'Unknown',
    userName: asString(fields.userName),
    principalId: asString(fields.principalId),
    accessKeyId: asString(fields.accessKeyId),
  };
  if (principal.type === 'Root') principal.arn = `arn:${fields.partition}:iam::${fields.accountId}:root`;
  const known = rawType ?? principal.userName ?? principal.principalId ?? principal.accessKeyId;
  return known === undefined ? undefined : principal;
}
