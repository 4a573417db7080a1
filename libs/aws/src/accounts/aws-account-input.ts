import { ErrorCode, SieveException } from '@sieve/core';

const ACCOUNT_ID = /^\d{12}$/;
const ROLE_ARN = /^arn:aws(-[a-z]+)*:iam::(\d{12}):role\/[\w+=,.@/-]{1,512}$/;
const REGION = /^[a-z]{2}(-gov|-iso[a-z]?)?-[a-z]+-\d$/;

export interface AwsAccountRegistration {
  accountId: string;
  roleArn: string;
  regions: string[];
}

/** Checks the shape of a registration before anything is sent to AWS; each error says what is wrong. */
export function validateRegistration(input: AwsAccountRegistration): AwsAccountRegistration {
  const accountId = input.accountId.trim();
  const roleArn = input.roleArn.trim();
  if (!ACCOUNT_ID.test(accountId)) {
    throw new SieveException(
      ErrorCode.BadUserInput,
      `accountId must be the 12 digits of an AWS account, got "${accountId}"`,
    );
  }
  const arn = ROLE_ARN.exec(roleArn);
  if (!arn) {
    throw new SieveException(
      ErrorCode.BadUserInput,
      `roleArn must be an IAM role ARN such as arn:aws:iam::${accountId}:role/SieveIncidentResponse`,
    );
  }
  if (arn[2] !== accountId) {
    throw new SieveException(
      ErrorCode.BadUserInput,
      `roleArn belongs to account ${arn[2]}, not ${accountId}`,
    );
  }
  const regions = [...new Set(input.regions.map((r) => r.trim()))];
  if (regions.length === 0 || regions.length > 32) {
    throw new SieveException(ErrorCode.BadUserInput, 'regions must list 1 to 32 AWS regions');
  }
  const bad = regions.filter((r) => !REGION.test(r));
  if (bad.length) throw new SieveException(ErrorCode.BadUserInput, `not AWS regions: ${bad.join(', ')}`);
  return { accountId, roleArn, regions };
}
