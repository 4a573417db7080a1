import { asffFindingType } from './finding-type.js';
import { asffFindingSchema } from './asff-schema.js';
import { asffObservables } from './asff-observables.js';
import type { NormalizeResult } from './normalized-finding.js';
import { asString, at, isRecord } from './read.js';
import { labelFromNormalized, normalizedFromLabel } from './severity.js';
import { describe, formatIssues, issueMessage } from './zod-issues.js';

/** product/<company>/<product> at the end of a Security Hub product ARN. */
const PRODUCT_PATH = /product\/([^/]+)\/([^/]+)$/;

/**
 * Validates one ASFF finding (as found in GetFindings results or an EventBridge `detail.findings[]`) and
 * normalises it. Never throws: bad input yields every problem found, each naming its field.
 */
export function normalizeAsff(raw: unknown): NormalizeResult {
  if (!isRecord(raw)) return { ok: false, errors: [`finding: must be an object, got ${describe(raw)}`] };
  const parsed = asffFindingSchema.safeParse(raw, { error: issueMessage });
  if (!parsed.success) return { ok: false, errors: formatIssues(parsed.error.issues, 'finding') };
  const f = parsed.data;
  const [, company, product] = PRODUCT_PATH.exec(f.ProductArn) ?? [];
  const severityLabel = f.Severity.Label ?? labelFromNormalized(f.Severity.Normalized ?? 0);
  return {
    ok: true,
    finding: {
      source: 'securityhub',
      productArn: f.ProductArn,
      findingId: f.Id,
      productName:
        f.ProductName ?? asString(at(raw, 'ProductFields', 'aws/securityhub/ProductName')) ?? product,
      companyName:
        f.CompanyName ?? asString(at(raw, 'ProductFields', 'aws/securityhub/CompanyName')) ?? company,
      generatorId: f.GeneratorId,
      awsAccountId: f.AwsAccountId,
      // Security Hub always fills Region; a finding imported without it is in the region of its product ARN.
      region: f.Region ?? f.ProductArn.split(':')[3],
      types: f.Types,
      findingType: asffFindingType(raw, f),
      title: f.Title,
      description: f.Description,
      severityLabel,
      severityNormalized: f.Severity.Normalized ?? normalizedFromLabel(severityLabel),
      createdAt: f.CreatedAt,
      updatedAt: f.UpdatedAt,
      firstObservedAt: f.FirstObservedAt ?? f.CreatedAt,
      lastObservedAt: f.LastObservedAt ?? f.UpdatedAt,
      recordState: f.RecordState ?? 'ACTIVE',
      workflowStatus: f.Workflow?.Status ?? 'NEW',
      resources: f.Resources.map((r, i) => ({
        type: r.Type,
        id: r.Id,
        region: r.Region,
        tags: r.Tags ?? {},
        details: detailsOf(raw, i),
      })),
      observables: asffObservables(raw, f),
      raw,
    },
  };
}

/** Resource Details as received: provider-specific and only read leniently, so not part of the schema. */
function detailsOf(raw: Record<string, unknown>, i: number): Record<string, unknown> | undefined {
  const details = at(Array.isArray(raw.Resources) ? raw.Resources[i] : undefined, 'Details');
  return isRecord(details) ? details : undefined;
}
