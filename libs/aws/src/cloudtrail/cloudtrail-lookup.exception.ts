import { ErrorCode, SieveException } from '@sieve/core';
import type { AwsRegionTarget } from '../aws-target.js';

/**
 * A LookupEvents call that failed for another reason than the role's permissions (those throw
 * AwsAccessException): throttling that outlived the retries, an outage, the network, or the caller's abort.
 * The message names the account, region and AWS's error code, never the SDK's own message, which can
 * quote signed request headers.
 */
export class CloudTrailLookupException extends SieveException {
  constructor(
    target: AwsRegionTarget,
    readonly awsCode: string,
    reason: string,
  ) {
    super(ErrorCode.Internal, `CloudTrail LookupEvents in ${target.accountId}/${target.region}: ${reason}`, {
      accountId: target.accountId,
      region: target.region,
      awsCode,
    });
  }
}
