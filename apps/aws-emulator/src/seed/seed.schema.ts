import { z } from 'zod';
import type { PolicyDocument } from '../auth/policy.types.js';
import { validateAsffFinding } from '../securityhub/asff-validation.js';
import type { Seed, SeedAccount, SeedRole, SeedUser } from './seed.types.js';

const stringOrList = z.union([z.string(), z.array(z.string())]);

const policyStatementSchema = z.object({
  Sid: z.string().optional(),
  Effect: z.enum(['Allow', 'Deny']),
  Principal: z
    .union([
      z.literal('*'),
      z.object({
        AWS: stringOrList.optional(),
        Service: stringOrList.optional(),
        Federated: stringOrList.optional(),
      }),
    ])
    .optional(),
  Action: stringOrList,
  Condition: z.record(z.string(), z.record(z.string(), stringOrList)).optional(),
});

export const policyDocumentSchema: z.ZodType<PolicyDocument> = z.object({
  Version: z.string().optional(),
  Statement: z.union([policyStatementSchema, z.array(policyStatementSchema).min(1)]),
});

/** IAM stores trust policies as JSON text; accept that form too, but check what it contains. */
const policyJsonSchema = z.string().superRefine((text, context) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    context.addIssue({ code: 'custom', message: 'trustPolicy string is not valid JSON' });
    return;
  }
  for (const issue of policyDocumentSchema.safeParse(parsed).error?.issues ?? []) {
    context.addIssue({ code: 'custom', message: `trustPolicy ${issue.path.join('.')}: ${issue.message}` });
  }
});

export const accountIdSchema = z.string().regex(/^\d{12}$/, 'must be a 12-digit account id');
export const regionNameSchema = z
  .string()
  .regex(/^[a-z]{2}(-[a-z]+)+-\d$/, 'must be a region name such as us-east-1');

const permissionsSchema = z.array(z.string().min(1)).optional();

export const seedUserSchema: z.ZodType<SeedUser> = z.strictObject({
  userName: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be a valid IAM user name'),
  accessKeyId: z
    .string()
    .regex(/^AKIA[A-Z0-9]{16}$/, 'must be AKIA followed by 16 upper-case letters or digits'),
  secretAccessKey: z.string().min(16, 'must be at least 16 characters'),
  permissions: permissionsSchema,
});

export const seedRoleSchema: z.ZodType<SeedRole> = z.strictObject({
  roleName: z.string().regex(/^[\w+=,.@-]{1,64}$/, 'must be a valid IAM role name'),
  trustPolicy: z.union([policyDocumentSchema, policyJsonSchema]),
  maxSessionDuration: z.number().int().min(3600).max(43200).optional(),
  permissions: permissionsSchema,
});

export const trailEventSchema = z.object({
  resources: z.array(z.object({ ResourceType: z.string(), ResourceName: z.string() })).optional(),
  record: z.looseObject({
    eventID: z.string().min(1),
    eventTime: z.iso.datetime({ offset: true }),
    eventSource: z.string().min(1),
    eventName: z.string().min(1),
    readOnly: z.boolean().optional(),
    userIdentity: z.looseObject({ type: z.string() }),
  }),
});

const findingSchema = z.record(z.string(), z.unknown()).superRefine((finding, context) => {
  for (const problem of validateAsffFinding(finding)) context.addIssue({ code: 'custom', message: problem });
});

export const seedAccountSchema: z.ZodType<SeedAccount> = z
  .strictObject({
    accountId: accountIdSchema,
    alias: z.string().optional(),
    users: z.array(seedUserSchema).optional(),
    roles: z.array(seedRoleSchema).optional(),
    regions: z
      .record(
        regionNameSchema,
        z.object({
          findings: z.array(findingSchema).optional(),
          cloudTrailEvents: z.array(trailEventSchema).optional(),
        }),
      )
      .optional(),
  })
  .superRefine((account, context) => {
    for (const [region, data] of Object.entries(account.regions ?? {})) {
      (data.findings ?? []).forEach((finding, index) => {
        if (finding.AwsAccountId !== account.accountId) {
          context.addIssue({
            code: 'custom',
            path: ['regions', region, 'findings', index, 'AwsAccountId'],
            message: `must be the account's own id ${account.accountId}`,
          });
        }
      });
    }
  });

const throttleLimitSchema = z
  .object({ ratePerSecond: z.number().positive(), burst: z.number().int().min(1) })
  .nullable()
  .optional();

export const throttlingSchema = z.strictObject({
  GetFindings: throttleLimitSchema,
  BatchImportFindings: throttleLimitSchema,
  BatchUpdateFindings: throttleLimitSchema,
  LookupEvents: throttleLimitSchema,
});

export const seedSchema: z.ZodType<Seed> = z
  .strictObject({
    description: z.string().optional(),
    timeAnchor: z.iso.datetime({ offset: true }).optional(),
    accounts: z.array(seedAccountSchema).min(1),
    throttling: throttlingSchema.optional(),
  })
  .superRefine((seed, context) => {
    const accountIds = seed.accounts.map((account) => account.accountId);
    const keys = seed.accounts.flatMap((account) => (account.users ?? []).map((user) => user.accessKeyId));
    for (const duplicate of duplicates(accountIds)) {
      context.addIssue({
        code: 'custom',
        path: ['accounts'],
        message: `account ${duplicate} is listed twice`,
      });
    }
    for (const duplicate of duplicates(keys)) {
      context.addIssue({
        code: 'custom',
        path: ['accounts'],
        message: `access key ${duplicate} is used twice`,
      });
    }
  });

function duplicates(values: string[]): string[] {
  return [...new Set(values.filter((value, index) => values.indexOf(value) !== index))];
}
