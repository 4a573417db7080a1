import { Injectable } from '@nestjs/common';
import { ErrorCode, SieveException, UnitOfWork } from '@sieve/core';
import { assertTenantExists } from './tenant-exists.js';

/**
 * Ingestion and triage figures of one tenant over the half-open window [from, to). Definitions:
 * - received: findings first seen in the window (new findings);
 * - seen: findings last seen in the window (new, or a newer version arrived in it);
 * - versions: the sum of `occurrences` of the findings seen in the window, i.e. the versions stored for
 *   them. Earlier versions of a finding still seen in the window count too, since the arrival time of
 *   each version is not kept; redeliveries and older versions were never counted by ingestion;
 * - suppressed / raised: findings whose current verdict was reached in the window (verdict_at);
 * - pending: findings seen in the window still waiting for a verdict (triage PENDING);
 * - errors: findings seen in the window whose triage failed (ERROR, being retried, or DEAD);
 * - noiseRatio: suppressed / raised; null when nothing was raised.
 */
export interface IngestStats {
  tenantId: string;
  from: Date;
  to: Date;
  received: number;
  seen: number;
  versions: number;
  suppressed: number;
  raised: number;
  pending: number;
  errors: number;
  noiseRatio: number | null;
}

interface StatsRow {
  received: number;
  seen: number;
  versions: number;
  suppressed: number;
  raised: number;
  pending: number;
  errors: number;
  noise_ratio: number | null;
}

// One pass over the tenant's findings touched since `from`: a finding first seen in the window was also
// last seen at or after `from`, so (last_seen_at >= from OR verdict_at >= from) covers every FILTER.
const STATS_SQL = `
  SELECT s.*, s.suppressed::float8 / NULLIF(s.raised, 0) AS noise_ratio
  FROM (
    SELECT
      count(*) FILTER (WHERE first_seen_at >= $2 AND first_seen_at < $3)::int AS received,
      count(*) FILTER (WHERE last_seen_at >= $2 AND last_seen_at < $3)::int AS seen,
      coalesce(sum(occurrences) FILTER (WHERE last_seen_at >= $2 AND last_seen_at < $3), 0)::int AS versions,
      count(*) FILTER (WHERE verdict = 'SUPPRESSED' AND verdict_at >= $2 AND verdict_at < $3)::int AS suppressed,
      count(*) FILTER (WHERE verdict = 'RAISED' AND verdict_at >= $2 AND verdict_at < $3)::int AS raised,
      count(*) FILTER (
        WHERE triage_status = 'PENDING' AND last_seen_at >= $2 AND last_seen_at < $3
      )::int AS pending,
      count(*) FILTER (
        WHERE triage_status IN ('ERROR', 'DEAD') AND last_seen_at >= $2 AND last_seen_at < $3
      )::int AS errors
    FROM findings
    WHERE tenant_id = $1 AND (last_seen_at >= $2 OR verdict_at >= $2)
  ) s`;

@Injectable()
export class IngestStatsService {
  constructor(private readonly uow: UnitOfWork) {}

  async stats(tenantId: string, from: Date, to: Date): Promise<IngestStats> {
    if (from.getTime() >= to.getTime()) {
      throw new SieveException(ErrorCode.BadUserInput, '`from` must be before `to`');
    }
    const [row] = await this.uow.withTenant(tenantId, async (manager) => {
      await assertTenantExists(manager, tenantId);
      return manager.query<StatsRow[]>(STATS_SQL, [tenantId, from, to]);
    });
    return {
      tenantId,
      from,
      to,
      received: row.received,
      seen: row.seen,
      versions: row.versions,
      suppressed: row.suppressed,
      raised: row.raised,
      pending: row.pending,
      errors: row.errors,
      noiseRatio: row.noise_ratio,
    };
  }
}
