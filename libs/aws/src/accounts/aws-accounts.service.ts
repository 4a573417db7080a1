import { Injectable } from '@nestjs/common';
import {
  type Actor,
  AuditService,
  Clock,
  type Connection,
  type ConnectionArgs,
  ErrorCode,
  SieveException,
  TenantRepository,
  UnitOfWork,
  isUuid,
  actorOf,
  paginateNewestFirst,
} from '@sieve/core';
import { Tenant } from '@sieve/tenancy';
import { QueryFailedError } from 'typeorm';
import { AccountHealthReporter } from '../account-health.js';
import type { AwsRoleTarget } from '../aws-target.js';
import type { AwsAccountRegistration } from './aws-account-input.js';
import { AwsAccountStatus } from './aws-account-status.js';
import { AwsAccount } from './aws-account.entity.js';

const SYSTEM: Actor = { kind: 'system', name: 'aws-account-health' };

export type VerificationOutcome = { ok: true } | { ok: false; reason: string };

/** Connected AWS accounts: their registration, status and the targets the AWS clients act on. */
@Injectable()
export class AwsAccountsService extends AccountHealthReporter {
  /** Scoped to the open unit of work's tenant: a query cannot forget it. */
  private readonly accounts = new TenantRepository(AwsAccount);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {
    super();
  }

  list(tenantId: string, args: ConnectionArgs): Promise<Connection<AwsAccount>> {
    return this.uow.withTenant(tenantId, (manager) =>
      paginateNewestFirst(
        manager.createQueryBuilder(AwsAccount, 'a').where('a.tenant_id = :tenantId', { tenantId }),
        args,
        { alias: 'a', idType: 'uuid', idOf: (a) => a.id },
      ),
    );
  }

  /**
   * Stores the outcome of a verification: ACTIVE, or FAILED with the reason. Registering an account again
   * (a fixed role, new regions) updates it. An account another tenant holds is refused.
   */
  async record(
    actor: Actor,
    tenantId: string,
    registration: AwsAccountRegistration,
    externalId: string,
    outcome: VerificationOutcome,
  ): Promise<AwsAccount> {
    const status = outcome.ok ? AwsAccountStatus.ACTIVE : AwsAccountStatus.FAILED;
    try {
      return await this.uow.withTenant(tenantId, async (manager) => {
        const existing = await manager.findOneBy(AwsAccount, { tenantId, accountId: registration.accountId });
        const account = manager.merge(AwsAccount, existing ?? manager.create(AwsAccount, { tenantId }), {
          accountId: registration.accountId,
          roleArn: registration.roleArn,
          regions: registration.regions,
          externalId,
          status,
          statusReason: outcome.ok ? null : outcome.reason,
          lastCheckedAt: this.clock.now(),
          createdBy: existing?.createdBy ?? actorOf(actor).actorId,
        });
        const saved = await manager.save(account);
        await this.audit.record(actor, {
          action: outcome.ok ? 'aws.account.registered' : 'aws.account.registration_failed',
          targetType: 'aws_account',
          targetId: saved.id,
          details: { accountId: saved.accountId, roleArn: saved.roleArn, regions: saved.regions, status },
        });
        return saved;
      });
    } catch (error) {
      if (
        error instanceof QueryFailedError &&
        String(error.message).includes('aws_accounts_account_owner_key')
      ) {
        throw new SieveException(
          ErrorCode.Conflict,
          `AWS account ${registration.accountId} is already connected to another Sieve tenant`,
        );
      }
      throw error;
    }
  }

  async remove(actor: Actor, tenantId: string, id: string): Promise<AwsAccount> {
    if (!isUuid(id)) throw SieveException.notFound('AwsAccount', id);
    return this.uow.withTenant(tenantId, async () => {
      const account = await this.accounts.findOneBy({ id });
      if (!account) throw SieveException.notFound('AwsAccount', id);
      await this.accounts.delete({ id });
      await this.audit.record(actor, {
        action: 'aws.account.removed',
        targetType: 'aws_account',
        targetId: id,
        details: { accountId: account.accountId },
      });
      return account;
    });
  }

  /** The accounts Sieve should reach (ACTIVE or DEGRADED), with the ExternalId their role expects. */
  reachable(tenantId: string): Promise<(AwsAccount & { externalId: string })[]> {
    return this.uow.withTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(AwsAccount, 'a')
        .addSelect('a.externalId')
        .where('a.tenant_id = :tenantId AND a.status <> :failed', {
          tenantId,
          failed: AwsAccountStatus.FAILED,
        })
        .orderBy('a.account_id')
        .getMany(),
    );
  }

  /** Every tenant id, for jobs that sweep all accounts (platform scope lists tenants, nothing else). */
  tenantIds(): Promise<string[]> {
    return this.uow.withPlatform(async (manager) =>
      (await manager.find(Tenant, { select: { id: true } })).map((t) => t.id),
    );
  }

  /** Called by the AWS clients when a role keeps refusing Sieve; the reason is shown to the customer. */
  override async markDegraded(target: AwsRoleTarget, reason: string): Promise<void> {
    await this.setHealth(target, { ok: false, reason });
  }

  /** The result of a periodic check: back to ACTIVE, or DEGRADED with the reason. */
  async setHealth(target: AwsRoleTarget, outcome: VerificationOutcome): Promise<void> {
    await this.uow.withTenant(target.tenantId, async (manager) => {
      const account = await manager.findOneBy(AwsAccount, {
        tenantId: target.tenantId,
        accountId: target.accountId,
        roleArn: target.roleArn,
      });
      if (!account || account.status === AwsAccountStatus.FAILED) return;
      const status = outcome.ok ? AwsAccountStatus.ACTIVE : AwsAccountStatus.DEGRADED;
      const statusReason = outcome.ok ? null : outcome.reason;
      const changed = account.status !== status || account.statusReason !== statusReason;
      await manager.update(
        AwsAccount,
        { id: account.id },
        { status, statusReason, lastCheckedAt: this.clock.now() },
      );
      if (changed) {
        await this.audit.record(SYSTEM, {
          action: outcome.ok ? 'aws.account.recovered' : 'aws.account.degraded',
          targetType: 'aws_account',
          targetId: account.id,
          details: { accountId: account.accountId, reason: statusReason },
        });
      }
    });
  }
}
