import { AwsAccount } from './accounts/aws-account.entity.js';
import { AwsExternalId } from './accounts/aws-external-id.entity.js';

export const AWS_ENTITIES = [AwsAccount, AwsExternalId];
