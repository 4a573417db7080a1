export { AWS_ENTITIES } from './entities.js';
export { AwsModule } from './aws.module.js';
export { AwsApiModule } from './aws-api.module.js';
export type { AwsRoleTarget, AwsRegionTarget } from './aws-target.js';
export { AccountHealthReporter } from './account-health.js';
export { AwsAccount } from './accounts/aws-account.entity.js';
export { AwsAccountStatus } from './accounts/aws-account-status.js';
export { AwsExternalId } from './accounts/aws-external-id.entity.js';
export { AwsAccountsService, type VerificationOutcome } from './accounts/aws-accounts.service.js';
export { ExternalIdsService } from './accounts/external-ids.service.js';
export {
  AccountHealthCheckService,
  type HealthCheckSummary,
} from './accounts/account-health-check.service.js';
export { type AwsOnboarding, AwsOnboardingService } from './onboarding/aws-onboarding.service.js';
export { AwsPlatformCredentials } from './platform-credentials.js';
export { CredentialBroker } from './broker/credential-broker.js';
export { type Fresh, SingleFlightCache } from './broker/single-flight-cache.js';
export { AwsAccessException } from './errors/aws-access.exception.js';
export { explainAwsError, type AwsErrorExplanation } from './errors/explain-aws-error.js';
export { AWS_RATE_LIMITS, AwsRateLimits, type RateLimit } from './rate-limit/aws-rate-limits.js';
export {
  type FindingsPage,
  type FindingsPageQuery,
  type FindingsQuery,
  type FindingsUpdate,
  MAX_PAGE_SIZE,
  SecurityHubGateway,
} from './securityhub/security-hub-client.js';
export type {
  BatchUpdateResult,
  FindingIdentifier,
  UnprocessedFinding,
} from './securityhub/update-in-batches.js';
export { type CallerIdentity, CallerIdentityService } from './sts/caller-identity.js';
export {
  CloudTrailGateway,
  MAX_LOOKUP_PAGE_SIZE,
  type TrailEvents,
  type TrailEventsQuery,
} from './cloudtrail/cloudtrail-gateway.js';
export { CloudTrailLookupException } from './cloudtrail/cloudtrail-lookup.exception.js';
export { type TrailEvent, trailEventOf } from './cloudtrail/trail-event.js';
