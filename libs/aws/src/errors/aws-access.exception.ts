import { ErrorCode, SieveException } from '@sieve/core';
import type { AwsRoleTarget } from '../aws-target.js';
import type { AwsErrorExplanation } from './explain-aws-error.js';

/**
 * A customer's role refused Sieve, even after a fresh AssumeRole. The message is the customer-facing
 * reason (it names the role and what AWS refused); `awsCode` is AWS's own error name.
 */
export class AwsAccessException extends SieveException {
  readonly awsCode: string;

  constructor(target: AwsRoleTarget, explanation: AwsErrorExplanation) {
    super(ErrorCode.Forbidden, explanation.reason, {
      accountId: target.accountId,
      roleArn: target.roleArn,
      awsCode: explanation.code,
    });
    this.awsCode = explanation.code;
  }
}
