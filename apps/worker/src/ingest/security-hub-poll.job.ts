import { QueueName } from '@sieve/core';
import { InjectQueue } from '@nestjs/bullmq';
import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { AwsAccessException } from '@sieve/aws';
import {
  FindingPoller,
  type PollJobData,
  PollScheduler,
  type PollSummary,
  pollJobData,
  pollJobId,
} from '@sieve/findings';
import { type Job, type Queue, UnrecoverableError } from 'bullmq';
import { JobHandler } from '../jobs/job-handler.decorator.js';
import { IngestPollJob } from '../queues/job-name.js';
import { PERIODIC_JOB_OPTIONS } from '../queues/job-options.js';

/** Fixed id: every worker replica upserts the same scheduler, so there is one schedule, not one per replica. */
export const POLL_SCHEDULER_ID = 'ingest-poll-schedule';
export const POLL_EVERY_MS = 60_000;

/**
 * Pulls every ACTIVE account × region once a minute. The schedule job fans out one poll job per target
 * with a deterministic id, so a target whose poll is still queued is not queued twice; the cursor in
 * PostgreSQL says where each poll resumes.
 */
@Injectable()
export class SecurityHubPollJob implements OnApplicationBootstrap {
  constructor(
    private readonly scheduler: PollScheduler,
    private readonly poller: FindingPoller,
    @InjectQueue(QueueName.IngestPoll) private readonly queue: Queue,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queue.upsertJobScheduler(
      POLL_SCHEDULER_ID,
      { every: POLL_EVERY_MS },
      { name: IngestPollJob.Schedule, opts: PERIODIC_JOB_OPTIONS },
    );
  }

  @JobHandler(QueueName.IngestPoll, IngestPollJob.Schedule)
  async schedule(): Promise<{ queued: number }> {
    const targets = await this.scheduler.targets();
    // Kept jobs would block later ones with the same id; the outcome lives in finding_poll_cursors.
    await this.queue.addBulk(
      targets.map((t) => ({
        name: IngestPollJob.Poll,
        data: pollJobData(t),
        opts: { jobId: pollJobId(t), removeOnComplete: true, removeOnFail: true },
      })),
    );
    return { queued: targets.length };
  }

  @JobHandler(QueueName.IngestPoll, IngestPollJob.Poll)
  async poll(job: Job<PollJobData>): Promise<PollSummary | { skipped: true }> {
    const target = await this.scheduler.resolve(job.data);
    if (!target) return { skipped: true };
    try {
      return await this.poller.poll(target);
    } catch (error) {
      // A role that refuses Sieve is the customer's to fix; retrying now only repeats the refusal.
      if (error instanceof AwsAccessException) throw new UnrecoverableError(error.message);
      throw error;
    }
  }
}
