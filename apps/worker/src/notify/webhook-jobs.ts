import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, Logger, type OnApplicationBootstrap } from '@nestjs/common';
import { AppConfigService, QueueName } from '@sieve/core';
import { DISPATCH_BATCH, type DispatchSummary, PgChannel, PgPubSub, WebhookDispatcher } from '@sieve/notify';
import type { Job, Queue } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { NotifyJob } from '../queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

export const WEBHOOK_SWEEP_SCHEDULER_ID = 'webhook-sweep';

export interface WebhookTenantJobData {
  tenantId: string;
}

export interface WebhookRetryJobData {
  tenantId: string;
  deliveryId: string;
}

/** Jobs are wake-ups only: the state (attempts, next attempt) is on the delivery rows. */
const WAKE_UP_OPTIONS = { removeOnComplete: true, removeOnFail: { age: 24 * 3600 } };

/**
 * Webhook delivery in the worker. PostgreSQL is the source of truth and BullMQ only wakes it up: the
 * outbox's NOTIFY (sent on commit) asks for a tenant job, a failed attempt schedules a delayed retry job,
 * and the periodic sweep finds due deliveries whose wake-up was lost (Redis restarted, NOTIFY sent while
 * no worker listened). Any of these may run twice: the dispatcher's claim makes that harmless.
 */
@Injectable()
export class WebhookJobs implements OnApplicationBootstrap {
  private readonly logger = new Logger(WebhookJobs.name);

  constructor(
    private readonly dispatcher: WebhookDispatcher,
    private readonly pg: PgPubSub,
    private readonly config: AppConfigService,
    @InjectQueue(QueueName.Notify) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      WEBHOOK_SWEEP_SCHEDULER_ID,
      { every: this.config.values.WEBHOOK_SWEEP_MS },
      { name: NotifyJob.Sweep, opts: PERIODIC_JOB_OPTIONS },
    );
    await this.pg.listen(PgChannel.WebhookDeliveries, {
      onMessage: (payload) => {
        const tenantId = (payload as Partial<WebhookTenantJobData> | null)?.tenantId;
        if (typeof tenantId === 'string') void this.wake(tenantId);
      },
      // Notifications sent while the connection was down are lost: sweep at once instead of waiting.
      onReconnect: () =>
        void this.queue.add(NotifyJob.Sweep, {}, PERIODIC_JOB_OPTIONS).catch(() => undefined),
    });
  }

  /** One waiting job per tenant (a burst of changes is one wake-up); best effort, the sweep is the backstop. */
  async wake(tenantId: string): Promise<void> {
    try {
      await this.queue.add(NotifyJob.DeliverTenant, { tenantId } satisfies WebhookTenantJobData, {
        ...WAKE_UP_OPTIONS,
        deduplication: { id: `webhook.${tenantId}`, keepLastIfActive: true },
      });
    } catch (error) {
      this.logger.warn(`Could not wake webhook delivery of tenant ${tenantId}: ${(error as Error).message}`);
    }
  }

  @JobHandler(QueueName.Notify, NotifyJob.DeliverTenant)
  async deliverTenant(job: Job<WebhookTenantJobData>): Promise<DispatchSummary> {
    const summary = await this.dispatcher.dispatch(job.data.tenantId);
    await this.scheduleRetries(job.data.tenantId, summary);
    // A full batch: there may be more due; ask again (behind other tenants' jobs).
    if (summary.claimed >= DISPATCH_BATCH) await this.wake(job.data.tenantId);
    return summary;
  }

  @JobHandler(QueueName.Notify, NotifyJob.Retry)
  async retry(job: Job<WebhookRetryJobData>): Promise<DispatchSummary> {
    const summary = await this.dispatcher.dispatch(job.data.tenantId, job.data.deliveryId);
    await this.scheduleRetries(job.data.tenantId, summary);
    return summary;
  }

  @JobHandler(QueueName.Notify, NotifyJob.Sweep)
  async sweep(): Promise<{ woken: number }> {
    const due = await this.dispatcher.dueTenants();
    for (const tenantId of due) await this.wake(tenantId);
    return { woken: due.length };
  }

  private async scheduleRetries(tenantId: string, summary: DispatchSummary): Promise<void> {
    for (const retry of summary.retries) {
      await this.queue.add(
        NotifyJob.Retry,
        { tenantId, deliveryId: retry.deliveryId } satisfies WebhookRetryJobData,
        // One job per (delivery, attempt): a job run twice schedules its retry once.
        {
          ...WAKE_UP_OPTIONS,
          delay: retry.inMs,
          jobId: `webhook-retry.${retry.deliveryId}.${retry.attempts}`,
        },
      );
    }
  }
}
