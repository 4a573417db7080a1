import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger } from '@nestjs/common';
import { QueueName } from '@sieve/core';
import { FindingsIngestedHook, type StoredFinding } from '@sieve/findings';
import type { Queue } from 'bullmq';
import { TriageJob, type TriageTenantJobData, triagePriority } from './triage-job.js';

/**
 * Wakes the triage of a tenant. At most one job per tenant waits and one runs (BullMQ deduplication with
 * keepLastIfActive): a flood of findings from one tenant is one job in the queue, so every other tenant's
 * job is taken in turn, and the job of a tenant with a CRITICAL or HIGH finding waiting runs first.
 * A lost wake-up only delays: the findings wait in PostgreSQL and the sweeper wakes their tenant.
 */
@Injectable()
export class TriageRequests extends FindingsIngestedHook {
  private readonly logger = new Logger(TriageRequests.name);

  constructor(@InjectQueue(QueueName.Triage) private readonly queue: Queue<TriageTenantJobData>) {
    super();
  }

  async request(tenantId: string, severityNormalized: number): Promise<void> {
    await this.queue.add(
      TriageJob.Tenant,
      { tenantId },
      {
        deduplication: { id: `triage.${tenantId}`, keepLastIfActive: true },
        priority: triagePriority(severityNormalized),
        removeOnComplete: true,
        removeOnFail: { age: 24 * 3600 },
      },
    );
  }

  /** After an ingest commits: best effort, never failing the ingest (the sweeper is the backstop). */
  override async afterIngest(tenantId: string, stored: readonly StoredFinding[]): Promise<void> {
    const due = stored.filter((s) => s.needsTriage);
    if (due.length === 0) return;
    try {
      await this.request(tenantId, Math.max(...due.map((s) => s.severityNormalized)));
    } catch (error) {
      this.logger.warn(`Could not wake triage of tenant ${tenantId}: ${(error as Error).message}`);
    }
  }
}
