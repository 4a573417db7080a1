import { Injectable } from '@nestjs/common';
import {
  AuditLogEntry,
  type Connection,
  type ConnectionArgs,
  UnitOfWork,
  paginateNewestFirst,
} from '@sieve/core';

export interface AuditLogFilter {
  action?: string;
  from?: Date;
  to?: Date;
}

/** Reading the audit log: a tenant's own entries, or (platform scope) everything. */
@Injectable()
export class AuditLogService {
  constructor(private readonly uow: UnitOfWork) {}

  forTenant(
    tenantId: string,
    filter: AuditLogFilter,
    args: ConnectionArgs,
  ): Promise<Connection<AuditLogEntry>> {
    return this.uow.withTenant(tenantId, (manager) =>
      this.page(
        manager.createQueryBuilder(AuditLogEntry, 'a').where('a.tenant_id = :tenantId', { tenantId }),
        filter,
        args,
      ),
    );
  }

  forPlatform(filter: AuditLogFilter, args: ConnectionArgs): Promise<Connection<AuditLogEntry>> {
    return this.uow.withPlatform((manager) =>
      this.page(manager.createQueryBuilder(AuditLogEntry, 'a'), filter, args),
    );
  }

  private page(
    query: import('typeorm').SelectQueryBuilder<AuditLogEntry>,
    filter: AuditLogFilter,
    args: ConnectionArgs,
  ): Promise<Connection<AuditLogEntry>> {
    if (filter.action) query.andWhere('a.action = :action', { action: filter.action });
    if (filter.from) query.andWhere('a.created_at >= :from', { from: filter.from });
    if (filter.to) query.andWhere('a.created_at < :to', { to: filter.to });
    return paginateNewestFirst(query, args, {
      alias: 'a',
      idType: 'bigint',
      idOf: (a) => a.id,
    });
  }
}
