import { Field, ID, ObjectType, registerEnumType } from '@nestjs/graphql';
import { ConnectionType } from '@sieve/core';
import { AwsAccountStatus } from '../accounts/aws-account-status.js';

registerEnumType(AwsAccountStatus, { name: 'AwsAccountStatus' });

@ObjectType('AwsAccount', { description: "A customer's AWS account connected through its Sieve role." })
export class AwsAccountType {
  @Field(() => ID)
  id: string;

  @Field()
  accountId: string;

  @Field()
  roleArn: string;

  @Field(() => [String])
  regions: string[];

  @Field(() => AwsAccountStatus)
  status: AwsAccountStatus;

  @Field(() => String, { nullable: true, description: 'Why the account is FAILED or DEGRADED.' })
  statusReason: string | null;

  @Field(() => Date, { nullable: true })
  lastCheckedAt: Date | null;

  @Field()
  createdAt: Date;
}

export const AwsAccountConnection = ConnectionType(AwsAccountType, 'AwsAccount');
