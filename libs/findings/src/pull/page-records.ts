import { normalizeAsff } from '../normalize/normalize-asff.js';
import { parseTimestamp } from '../normalize/timestamp.js';
import type { FindingRecord } from '../store/finding-record.js';
import { toRecord } from '../store/to-record.js';

/** A finding of the page that will not be stored, and why (each error names its field). */
export interface InvalidFinding {
  /** The ASFF `Id` when the finding had a usable one. */
  findingId?: string;
  errors: string[];
}

export interface PageRecords {
  records: FindingRecord[];
  invalid: InvalidFinding[];
  /** The latest UpdatedAt of the page, invalid findings included; undefined if none could be read. */
  maxUpdatedAt?: Date;
}

/**
 * Turns one GetFindings page of an account into store records. A finding that fails validation is set
 * aside with its errors and never costs the rest of the page. Findings of another account are set aside
 * too: the AwsAccountId filter should exclude them (a Security Hub administrator account sees its
 * members' findings), and only accounts verified as the tenant's may land in the tenant's data.
 *
 * `maxUpdatedAt` spans invalid findings as well: the page was sorted by UpdatedAt, so the cursor may
 * pass them (re-reading one would not make it valid).
 */
export function pageRecords(page: readonly unknown[], accountId: string): PageRecords {
  const result: PageRecords = { records: [], invalid: [] };
  for (const raw of page) {
    const updatedAt = rawUpdatedAt(raw);
    if (updatedAt && (!result.maxUpdatedAt || updatedAt > result.maxUpdatedAt))
      result.maxUpdatedAt = updatedAt;
    const normalized = normalizeAsff(raw);
    if (!normalized.ok) {
      result.invalid.push({ ...idOf(raw), errors: normalized.errors });
    } else if (normalized.finding.awsAccountId !== accountId) {
      result.invalid.push({
        findingId: normalized.finding.findingId,
        errors: [
          `finding.AwsAccountId: belongs to account ${normalized.finding.awsAccountId}, not ${accountId}`,
        ],
      });
    } else {
      result.records.push(toRecord(normalized.finding));
    }
  }
  return result;
}

function rawUpdatedAt(raw: unknown): Date | undefined {
  const value = (raw as { UpdatedAt?: unknown } | null)?.UpdatedAt;
  return typeof value === 'string' ? parseTimestamp(value) : undefined;
}

function idOf(raw: unknown): { findingId?: string } {
  const id = (raw as { Id?: unknown } | null)?.Id;
  return typeof id === 'string' && id.length > 0 ? { findingId: id } : {};
}
