export { AWS_ENTITIES } from './entities.js';
export { AwsAccount } from './accounts/aws-account.entity.js';
export { AwsAccountStatus } from './accounts/aws-account-status.js';
export { AwsExternalId } from './accounts/aws-external-id.entity.js';
