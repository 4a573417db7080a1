import { randomBytes } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { type Actor, AuditService, Clock, UnitOfWork } from '@sieve/core';
import { IsNull } from 'typeorm';
import { AwsExternalId } from './aws-external-id.entity.js';

/** 30 random bytes as base64url: 40 characters, within what CloudFormation and STS accept. */
function newExternalId(): string {
  return randomBytes(30).toString('base64url');
}

/** The tenant's ExternalIds: one current, rotated ones valid until they retire. */
@Injectable()
export class ExternalIdsService {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  /** The current ExternalId, created on first use. */
  current(tenantId: string): Promise<AwsExternalId> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const existing = await manager.findOneBy(AwsExternalId, { tenantId, retiresAt: IsNull() });
      if (existing) return existing;
      await manager
        .createQueryBuilder()
        .insert()
        .into(AwsExternalId)
        .values({ tenantId, externalId: newExternalId() })
        .orIgnore() // a concurrent first use created it: take that one
        .execute();
      return manager.findOneByOrFail(AwsExternalId, { tenantId, retiresAt: IsNull() });
    });
  }

  /**
   * Makes a new ExternalId current. The previous one keeps working for `graceHours`, time for the
   * customer to update the `ExternalId` parameter of their stacks.
   */
  rotate(actor: Actor, tenantId: string, graceHours: number): Promise<AwsExternalId> {
    return this.uow.withTenant(tenantId, async (manager) => {
      const retiresAt = new Date(this.clock.now().getTime() + graceHours * 3_600_000);
      const previous = await manager.findOneBy(AwsExternalId, { tenantId, retiresAt: IsNull() });
      if (previous) await manager.update(AwsExternalId, { id: previous.id }, { retiresAt });
      const next = await manager.save(
        manager.create(AwsExternalId, { tenantId, externalId: newExternalId() }),
      );
      await this.audit.record(actor, {
        action: 'aws.external_id.rotated',
        targetType: 'aws_external_id',
        targetId: next.id,
        details: { previousRetiresAt: previous ? retiresAt.toISOString() : null },
      });
      return next;
    });
  }

  /** The rotated-out ExternalId still in its grace period, if any. */
  previous(tenantId: string): Promise<AwsExternalId | null> {
    return this.uow.withTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(AwsExternalId, 'e')
        .where('e.tenant_id = :tenantId AND e.retires_at > :now', { tenantId, now: this.clock.now() })
        .orderBy('e.retires_at', 'DESC')
        .getOne(),
    );
  }

  /** Whether an ExternalId of this tenant may still be used: current, or rotated but not yet retired. */
  async isUsable(tenantId: string, externalId: string): Promise<boolean> {
    const row = await this.uow.withTenant(tenantId, (manager) =>
      manager.findOneBy(AwsExternalId, { tenantId, externalId }),
    );
    return !!row && (row.retiresAt === null || row.retiresAt > this.clock.now());
  }
}
