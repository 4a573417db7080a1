import { Injectable, Logger } from '@nestjs/common';
import { AwsAccountStatus, AwsAccountsService } from '@sieve/aws';
import type { PollTarget } from './poll-target.js';

/** What a `poll` job carries: the target's identity only. The role and ExternalId are read at run time. */
export interface PollJobData {
  tenantId: string;
  accountId: string;
  region: string;
}

/**
 * The BullMQ job id of a target's poll: deterministic, so a poll already waiting (or running) for that
 * account × region is not queued a second time. Dots, not colons: BullMQ refuses custom ids with `:`
 * (it uses `:` in its own keys); none of the three parts can contain a dot, so ids never collide.
 */
export function pollJobId(target: PollJobData): string {
  return `poll.${target.tenantId}.${target.accountId}.${target.region}`;
}

export function pollJobData(target: PollJobData): PollJobData {
  return { tenantId: target.tenantId, accountId: target.accountId, region: target.region };
}

/**
 * Which account × regions to poll. ACTIVE accounts only: a DEGRADED one has a role refusing Sieve right
 * now, so a poll would fail again (another AssumeRole against the customer's account, another alarm)
 * while the health job re-verifies it every AWS_ACCOUNT_CHECK_SECONDS and turns it ACTIVE once fixed.
 * Nothing is lost meanwhile: its cursor stays put and the first poll after recovery reads from there.
 */
@Injectable()
export class PollScheduler {
  private readonly logger = new Logger(PollScheduler.name);

  constructor(private readonly accounts: AwsAccountsService) {}

  async targets(): Promise<PollTarget[]> {
    const targets: PollTarget[] = [];
    for (const tenantId of await this.accounts.tenantIds()) {
      try {
        targets.push(...(await this.targetsOf(tenantId)));
      } catch (error) {
        // One tenant's failure must not hold back every other tenant's polls; the next tick retries it.
        this.logger.error(`Listing the AWS accounts of tenant ${tenantId} failed: ${String(error)}`);
      }
    }
    return targets;
  }

  /**
   * The current target of a queued job, or null when it should no longer be polled (account removed,
   * not ACTIVE any more, region dropped). Jobs carry no role or ExternalId: they may wait in Redis a
   * while, and the account's role may change meanwhile.
   */
  async resolve(job: PollJobData): Promise<PollTarget | null> {
    const targets = await this.targetsOf(job.tenantId);
    return targets.find((t) => t.accountId === job.accountId && t.region === job.region) ?? null;
  }

  private async targetsOf(tenantId: string): Promise<PollTarget[]> {
    return (await this.accounts.reachable(tenantId))
      .filter((account) => account.status === AwsAccountStatus.ACTIVE)
      .flatMap((account) =>
        account.regions.map((region) => ({
          tenantId,
          accountId: account.accountId,
          roleArn: account.roleArn,
          externalId: account.externalId,
          region,
        })),
      );
  }
}
