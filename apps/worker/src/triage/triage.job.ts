import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AwsAccountsService } from '@sieve/aws';
import { QueueName } from '@sieve/core';
import {
  type TriageBatchSummary,
  TriageJob,
  TriageRequests,
  TriageService,
  type TriageTenantJobData,
  WritebackService,
} from '@sieve/triage';
import type { Job, Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

export const TRIAGE_SWEEP_SCHEDULER_ID = 'triage-sweep';
export const TRIAGE_SWEEP_EVERY_MS = 5_000;
export const WRITEBACK_SCHEDULER_ID = 'triage-writeback';
export const WRITEBACK_EVERY_MS = 2_000;

/**
 * Verdicts, one tenant batch per job. A tenant with more findings due asks for another batch, which waits
 * behind the other tenants' jobs: a flood from one tenant never starves the others.
 */
@Injectable()
export class TriageJobs implements OnApplicationBootstrap {
  constructor(
    private readonly triage: TriageService,
    private readonly requests: TriageRequests,
    private readonly accounts: AwsAccountsService,
    private readonly writebacks: WritebackService,
    @InjectQueue(QueueName.Triage) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      TRIAGE_SWEEP_SCHEDULER_ID,
      { every: TRIAGE_SWEEP_EVERY_MS },
      { name: TriageJob.Sweep, opts: PERIODIC_JOB_OPTIONS },
    );
    await this.queue.upsertJobScheduler(
      WRITEBACK_SCHEDULER_ID,
      { every: WRITEBACK_EVERY_MS },
      { name: TriageJob.Writeback, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.Triage, TriageJob.Writeback)
  async writeback(): Promise<{ tenants: number; sent: number; failed: number; retrying: number }> {
    const total = { tenants: 0, sent: 0, failed: 0, retrying: 0 };
    for (const tenantId of await this.writebacks.pendingTenants(await this.accounts.tenantIds())) {
      const summary = await this.writebacks.flush(tenantId);
      total.tenants++;
      total.sent += summary.sent;
      total.failed += summary.failed;
      total.retrying += summary.retrying;
    }
    return total;
  }

  @JobHandler(QueueName.Triage, TriageJob.Tenant)
  async tenant(job: Job<TriageTenantJobData>): Promise<TriageBatchSummary> {
    const summary = await this.triage.triageNext(job.data.tenantId);
    if (summary.moreDue && summary.remainingMaxSeverity !== null) {
      await this.requests.request(job.data.tenantId, summary.remainingMaxSeverity);
    }
    return summary;
  }

  @JobHandler(QueueName.Triage, TriageJob.Sweep)
  async sweep(): Promise<{ woken: number }> {
    const due = await this.triage.dueWork(await this.accounts.tenantIds());
    for (const work of due) await this.requests.request(work.tenantId, work.maxSeverity);
    return { woken: due.length };
  }
}
