import { z } from 'zod';

/** The local AWS emulator's platform user: the default outside production. */
const EMULATOR_PLATFORM_PRINCIPAL = 'arn:aws:iam::111122223333:user/sieve-platform';

const bool = z.enum(['true', 'false', '1', '0']).transform((v) => v === 'true' || v === '1');

/**
 * Every environment variable the processes read. `.env.example` documents each one; a missing or
 * malformed value stops the process at boot with the variable's name.
 */
export const configSchema = z
  .object({
    NODE_ENV: z.enum(['development', 'test', 'production']).default('development'),
    LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),

    DATABASE_URL: z.url({ protocol: /^postgres(ql)?$/ }),
    DATABASE_APP_URL: z.url({ protocol: /^postgres(ql)?$/ }).optional(),
    DATABASE_APP_PASSWORD: z.string().optional(),
    DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(200).default(10),

    REDIS_URL: z.url({ protocol: /^rediss?$/ }).default('redis://127.0.0.1:6379'),
    REDIS_PREFIX: z
      .string()
      .regex(/^[a-zA-Z0-9:_{}-]+$/)
      .default('sieve'),

    API_HOST: z.string().default('127.0.0.1'),
    API_PORT: z.coerce.number().int().min(0).max(65535).default(3000),
    HTTP_BODY_LIMIT: z
      .string()
      .regex(/^\d+(b|kb|mb)$/i)
      .default('1mb'),

    JWT_SECRET: z.string().min(32, 'must be at least 32 characters').optional(),
    JWT_ISSUER: z.string().min(1).default('sieve'),
    JWT_AUDIENCE: z.string().min(1).default('sieve-api'),
    JWT_TTL_SECONDS: z.coerce.number().int().min(60).default(3600),
    AUTH_JWKS_URI: z.url().optional(),
    AUTH_TENANT_CLAIM: z.string().min(1).default('tid'),

    GRAPHQL_MAX_DEPTH: z.coerce.number().int().min(2).max(50).default(10),
    GRAPHQL_MAX_COMPLEXITY: z.coerce.number().int().min(10).default(5000),
    GRAPHQL_INTROSPECTION: bool.optional(),

    API_KEY_USAGE_FLUSH_SECONDS: z.coerce.number().int().min(1).default(60),
    SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(0).default(10000),
    /** How long the API keeps serving after SIGTERM with readiness failing, so load balancers drain it. */
    SHUTDOWN_DRAIN_MS: z.coerce.number().int().min(0).default(0),

    AWS_EMULATOR_PORT: z.coerce.number().int().min(0).max(65535).default(4566),
    /** Where the AWS SDK clients send requests: unset for AWS itself, the local emulator in development. */
    AWS_ENDPOINT_URL: z.url().optional(),
    /** Region of the platform's own STS calls. */
    AWS_REGION: z
      .string()
      .regex(/^[a-z]{2}(-gov)?-[a-z]+-\d$/)
      .default('us-east-1'),
    /** The platform's IAM principal that customers' roles trust (the CloudFormation parameter). */
    AWS_PLATFORM_PRINCIPAL_ARN: z
      .string()
      .regex(/^arn:aws[a-z-]*:(iam|sts)::\d{12}:[a-z-]+\/.+$/)
      .default(EMULATOR_PLATFORM_PRINCIPAL),
    /** Where customers' consoles fetch the role template (quick-create links). */
    AWS_ROLE_TEMPLATE_URL: z
      .url()
      .default('https://sieve-public.s3.amazonaws.com/cloudformation/customer-role.yaml'),
    /** How often the worker re-checks every connected AWS account. */
    AWS_ACCOUNT_CHECK_SECONDS: z.coerce.number().int().min(5).default(900),

    /** Lets webhooks target http:// and loopback (127.0.0.0/8, ::1): development and tests only. */
    WEBHOOK_ALLOW_INSECURE_TARGETS: bool.default(false),
    /** How long one webhook request may take (connect to last byte) before it counts as failed. */
    WEBHOOK_TIMEOUT_MS: z.coerce.number().int().min(100).max(60_000).default(10_000),
    /** Attempts per delivery (the first included) before it is marked FAILED. */
    WEBHOOK_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(30).default(10),
    /** Delay before the first retry; each further retry doubles it (with jitter), up to the maximum (6 h). */
    WEBHOOK_RETRY_BASE_MS: z.coerce.number().int().min(10).default(30_000),
    WEBHOOK_RETRY_MAX_MS: z.coerce.number().int().min(10).default(21_600_000),
    /** How often the worker looks in PostgreSQL for deliveries whose wake-up was lost. */
    WEBHOOK_SWEEP_MS: z.coerce.number().int().min(100).default(30_000),

    /** A raised finding joins an open case sharing its resource or principal active this recently. */
    CASE_GROUPING_WINDOW_MINUTES: z.coerce.number().int().min(1).max(43_200).default(1440),

    /** IP range data of the ip-intel enricher; unset: `ip-location-db`, but `none` under NODE_ENV=test. */
    IP_DATASET: z.enum(['ip-location-db', 'none']).optional(),
    /** The cloudtrail enricher: LookupEvents for the finding's principal around the finding's time. */
    TRIAGE_CLOUDTRAIL_ENABLED: bool.default(true),
    /** Its window: this long before the finding was first seen to this long after it was last seen. */
    TRIAGE_CLOUDTRAIL_BEFORE_MINUTES: z.coerce.number().int().min(0).max(1440).default(15),
    TRIAGE_CLOUDTRAIL_AFTER_MINUTES: z.coerce.number().int().min(0).max(1440).default(5),
    /** How long triage waits for it (the finding's batch waits too); past it the lookup is recorded as failed. */
    TRIAGE_CLOUDTRAIL_TIMEOUT_MS: z.coerce.number().int().min(100).max(30_000).default(3000),

    /** Distinct contributing tenants that must confirm a pattern before it is pooled (at least 2: never one tenant's). */
    POOLING_THRESHOLD: z.coerce.number().int().min(2).max(1000).default(3),
    /** How often the worker runs the pooling cycle (promotions, support counts, contradictions). */
    POOLING_EVERY_SECONDS: z.coerce.number().int().min(10).default(300),
  })
  .superRefine((c, ctx) => {
    if (c.NODE_ENV === 'production' && c.AWS_PLATFORM_PRINCIPAL_ARN === EMULATOR_PLATFORM_PRINCIPAL) {
      ctx.addIssue({
        code: 'custom',
        path: ['AWS_PLATFORM_PRINCIPAL_ARN'],
        message: "must be set in production: it is the IAM principal customers' roles trust",
      });
    }
    if (!c.JWT_SECRET && !c.AUTH_JWKS_URI) {
      ctx.addIssue({
        code: 'custom',
        path: ['JWT_SECRET'],
        message: 'is required unless AUTH_JWKS_URI points at an external OIDC issuer',
      });
    }
  });

export type AppConfig = z.infer<typeof configSchema>;
