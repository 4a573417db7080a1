import { z } from 'zod';
import { FINDING_LIMITS as LIMITS } from './limits.js';
import { accountId, region, text, timestamp } from './schema-parts.js';

/**
 * What a native GuardDuty finding (the `detail` of a "GuardDuty Finding" EventBridge event, i.e. the Finding
 * of the GuardDuty API, camelCase) must satisfy. Only what identity, time, severity and the ASFF-equivalent
 * required fields depend on is checked strictly; `resource` and `service` details are read leniently.
 */

/** arn:<partition>:guardduty:<region>:<account>:detector/<detectorId>/finding/<findingId> */
const FINDING_ARN =
  /^arn:aws[a-z-]*:guardduty:[a-z0-9-]+:\d{12}:detector\/[A-Za-z0-9]+\/finding\/[A-Za-z0-9]+$/;

/** ThreatPurpose:ResourceTypeAffected/ThreatFamilyName… (GuardDuty User Guide, "GuardDuty finding format"). */
const FINDING_TYPE = /^[A-Za-z]+:[A-Za-z0-9]+\/\S+$/;

export const guardDutyFindingSchema = z
  .object({
    schemaVersion: z.string().optional(),
    accountId,
    region: region.optional(),
    partition: z
      .string()
      .regex(/^aws[a-z-]*$/, { error: 'must be an AWS partition such as aws, aws-cn or aws-us-gov' })
      .optional(),
    id: text(LIMITS.id),
    arn: z.string().regex(FINDING_ARN, {
      error:
        'must be a GuardDuty finding ARN such as arn:aws:guardduty:us-east-1:123456789012:detector/<id>/finding/<id>',
    }),
    type: z.string().max(256).regex(FINDING_TYPE, {
      error: 'must be a GuardDuty finding type such as Recon:EC2/PortProbeUnprotectedPort',
    }),
    severity: z
      .number()
      .min(1, {
        error: (issue) => `must be a GuardDuty severity from 1.0 to 10.0, got ${String(issue.input)}`,
      })
      .max(10, {
        error: (issue) => `must be a GuardDuty severity from 1.0 to 10.0, got ${String(issue.input)}`,
      }),
    createdAt: timestamp,
    updatedAt: timestamp,
    title: text(LIMITS.title),
    description: text(LIMITS.description),
    resource: z.object({ resourceType: text(64) }).loose(),
    service: z
      .object({
        archived: z.boolean().optional(),
        eventFirstSeen: timestamp.optional(),
        eventLastSeen: timestamp.optional(),
      })
      .loose()
      .optional(),
  })
  .superRefine((finding, ctx) => {
    if (!finding.arn.endsWith(`/finding/${finding.id}`)) {
      ctx.addIssue({
        code: 'custom',
        path: ['arn'],
        message: `must end with /finding/${finding.id}, the finding's id`,
      });
    }
  });

export type GuardDutyFinding = z.infer<typeof guardDutyFindingSchema>;
