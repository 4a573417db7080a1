import type { CallContext } from '../aws/service-definition.js';
import { principalArn, principalUserId } from '../state/identity.types.js';

export interface GetCallerIdentityResult {
  UserId: string;
  Account: string;
  Arn: string;
}

/** STS GetCallerIdentity: needs no permission, as in AWS. */
export function getCallerIdentity({ principal, accountId }: CallContext<unknown>): GetCallerIdentityResult {
  return { UserId: principalUserId(principal), Account: accountId, Arn: principalArn(principal) };
}
