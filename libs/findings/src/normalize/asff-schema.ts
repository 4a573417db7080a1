import { z } from 'zod';
import { FINDING_LIMITS as LIMITS } from './limits.js';
import { RECORD_STATES, SEVERITY_LABELS, WORKFLOW_STATUSES } from './normalized-finding.js';
import { accountId, region, text, timestamp } from './schema-parts.js';

/**
 * What an ASFF finding must satisfy to be ingested: the required top-level attributes of the AWS Security
 * Finding Format ("Required top-level ASFF attributes", Security Hub User Guide) with their API-reference
 * constraints, and the optional attributes Sieve reads, typed. The deep optional parts used only for
 * observables (Action, Network, ProductFields, Compliance, Vulnerabilities, resource Details) are read
 * leniently from the raw finding instead: a malformed detail there must not cost the whole finding.
 */

/** Security Hub product ARNs: arn:<partition>:securityhub:<region>:<account or empty>:product/<company>/<product>. */
const PRODUCT_ARN = /^arn:aws[a-z-]*:securityhub:[a-z0-9-]+:(\d{12})?:product\/[^/\s]+\/[^/\s]+$/;

const severity = z
  .object({
    Label: z.enum(SEVERITY_LABELS).optional(),
    Normalized: z.int().min(0).max(100).optional(),
  })
  .refine((s) => s.Label !== undefined || s.Normalized !== undefined, {
    error: 'must include Label or Normalized',
  });

const resource = z.object({
  Type: text(256),
  Id: text(LIMITS.id),
  Partition: z.string().optional(),
  Region: z.string().optional(),
  Tags: z.record(z.string(), z.string()).optional(),
});

const oneOrMore = (what: string) => (issue: { code?: string; input?: unknown }) =>
  issue.input === undefined || issue.code === 'too_small' ? `required, at least one ${what}` : undefined;

export const asffFindingSchema = z.object({
  SchemaVersion: text(32),
  Id: text(LIMITS.id),
  ProductArn: z.string().max(LIMITS.productArn).regex(PRODUCT_ARN, {
    error: 'must be a Security Hub product ARN such as arn:aws:securityhub:us-east-1::product/aws/guardduty',
  }),
  ProductName: text(128).optional(),
  CompanyName: text(128).optional(),
  Region: region.optional(),
  GeneratorId: text(LIMITS.generatorId),
  AwsAccountId: accountId,
  Types: z
    .array(text(256), { error: oneOrMore('finding type') })
    .min(1, { error: oneOrMore('finding type') })
    .max(LIMITS.types),
  FirstObservedAt: timestamp.optional(),
  LastObservedAt: timestamp.optional(),
  CreatedAt: timestamp,
  UpdatedAt: timestamp,
  Severity: severity,
  Title: text(LIMITS.title),
  Description: text(LIMITS.description),
  Resources: z
    .array(resource, { error: oneOrMore('resource') })
    .min(1, { error: oneOrMore('resource') })
    .max(LIMITS.resources),
  Workflow: z.object({ Status: z.enum(WORKFLOW_STATUSES).optional() }).optional(),
  RecordState: z.enum(RECORD_STATES).optional(),
});

export type AsffFinding = z.infer<typeof asffFindingSchema>;
