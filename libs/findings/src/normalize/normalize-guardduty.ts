import { actionObservables } from './action-observables.js';
import { guardDutyFindingSchema } from './guardduty-schema.js';
import { guardDutyResources } from './guardduty-resources.js';
import { guardDutyTypeToAsff } from './guardduty-type.js';
import type { NormalizeResult } from './normalized-finding.js';
import { accessKeyPrincipal } from './principal.js';
import { asString, at, isRecord } from './read.js';
import { guardDutyNormalized, guardDutySeverityLabel } from './severity.js';
import { describe, formatIssues, issueMessage } from './zod-issues.js';

/** The parts of the EventBridge envelope a GuardDuty finding may need. */
export interface GuardDutyEnvelope {
  /** Used when the finding itself carries no region. */
  region?: string;
}

/**
 * Validates a native GuardDuty finding (the `detail` of a "GuardDuty Finding" event) and normalises it to the
 * finding Security Hub would hold for it: ProductArn `arn:<partition>:securityhub:<region>::product/aws/guardduty`
 * and Id = the GuardDuty finding ARN, which is what Security Hub uses, so that the same finding pushed natively
 * and pulled from Security Hub has one identity. Never throws; errors name fields relative to `detail`.
 */
export function normalizeGuardDutyEvent(detail: unknown, envelope: GuardDutyEnvelope = {}): NormalizeResult {
  if (!isRecord(detail)) return { ok: false, errors: [`detail: must be an object, got ${describe(detail)}`] };
  const parsed = guardDutyFindingSchema.safeParse(detail, { error: issueMessage });
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, 'detail') };
  const f = parsed.data;
  const region = f.region ?? envelope.region;
  if (!region) {
    return { ok: false, errors: ['region: required (neither the finding nor the event names one)'] };
  }
  const partition = f.partition ?? f.arn.split(':')[1];
  const service = f.service ?? {};
  const label = guardDutySeverityLabel(f.severity);
  const accessKey = at(f.resource, 'accessKeyDetails');
  return {
    ok: true,
    finding: {
      source: 'guardduty',
      productArn: `arn:${partition}:securityhub:${region}::product/aws/guardduty`,
      findingId: f.arn,
      productName: 'GuardDuty',
      companyName: 'Amazon',
      // The detector ARN, as the integration writes GeneratorId.
      generatorId: f.arn.slice(0, f.arn.indexOf('/finding/')),
      awsAccountId: f.accountId,
      region,
      // The schema admits only GuardDuty-shaped types, which always have an ASFF name.
      types: [guardDutyTypeToAsff(f.type) ?? f.type],
      findingType: f.type,
      title: f.title,
      description: f.description,
      severityLabel: label,
      severityNormalized: guardDutyNormalized(f.severity),
      createdAt: f.createdAt,
      updatedAt: f.updatedAt,
      firstObservedAt: service.eventFirstSeen ?? f.createdAt,
      lastObservedAt: service.eventLastSeen ?? f.updatedAt,
      recordState: service.archived ? 'ARCHIVED' : 'ACTIVE',
      workflowStatus: 'NEW',
      resources: guardDutyResources(f.resource, { partition, accountId: f.accountId, region }),
      observables: {
        ...actionObservables(service.action),
        resourceRole: asString(service.resourceRole),
        principal: accessKeyPrincipal({
          type: at(accessKey, 'userType'),
          userName: at(accessKey, 'userName'),
          principalId: at(accessKey, 'principalId'),
          accessKeyId: at(accessKey, 'accessKeyId'),
          partition,
          accountId: f.accountId,
        }),
      },
      raw: detail,
    },
  };
}
