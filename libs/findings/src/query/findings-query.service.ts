import { Injectable } from '@nestjs/common';
import { type Connection, type ConnectionArgs, SieveException, UnitOfWork, isUuid } from '@sieve/core';
import type { SelectQueryBuilder } from 'typeorm';
import { Finding } from '../store/finding.entity.js';
import type { FindingFilter } from './finding-filter.js';
import {
  DETAIL_PROPERTIES,
  type FindingDetailsView,
  type FindingView,
  SUMMARY_PROPERTIES,
  selection,
  toFindingDetailsView,
  toFindingView,
} from './finding-views.js';
import { paginateBySeen } from './seen-keyset.js';

function applyFilter(query: SelectQueryBuilder<Finding>, filter: FindingFilter): void {
  if (filter.verdict) query.andWhere('f.verdict = :verdict', { verdict: filter.verdict });
  if (filter.severity?.length) {
    query.andWhere('f.severity_label IN (:...severity)', { severity: [...filter.severity] });
  }
  if (filter.findingType)
    query.andWhere('f.finding_type = :findingType', { findingType: filter.findingType });
  if (filter.awsAccountId) {
    query.andWhere('f.aws_account_id = :awsAccountId', { awsAccountId: filter.awsAccountId });
  }
  if (filter.region) query.andWhere('f.region = :region', { region: filter.region });
  if (filter.triageStatus) {
    query.andWhere('f.triage_status = :triageStatus', { triageStatus: filter.triageStatus });
  }
  if (filter.from) query.andWhere('f.last_seen_at >= :from', { from: filter.from });
  if (filter.to) query.andWhere('f.last_seen_at < :to', { to: filter.to });
  if (filter.patternId) query.andWhere('f.verdict_pattern_id = :patternId', { patternId: filter.patternId });
  // By table name: the findings domain does not depend on the case domain.
  if (filter.caseId) {
    query.andWhere(
      'EXISTS (SELECT 1 FROM case_findings cf WHERE cf.finding_id = f.id AND cf.case_id = :caseId)',
      { caseId: filter.caseId },
    );
  }
}

/** Reading a tenant's findings; always inside that tenant's unit of work. */
@Injectable()
export class FindingsQueryService {
  constructor(private readonly uow: UnitOfWork) {}

  list(tenantId: string, filter: FindingFilter, args: ConnectionArgs): Promise<Connection<FindingView>> {
    return this.uow.withTenant(tenantId, (manager) => {
      const query = manager
        .createQueryBuilder(Finding, 'f')
        .select(selection('f', SUMMARY_PROPERTIES))
        .where('f.tenant_id = :tenantId', { tenantId });
      applyFilter(query, filter);
      return paginateBySeen(query, 'f', args, toFindingView);
    });
  }

  /** NOT_FOUND alike for an unknown id and for another tenant's. */
  async get(tenantId: string, id: string): Promise<FindingDetailsView> {
    if (!isUuid(id)) throw SieveException.notFound('Finding', id);
    const finding = await this.uow.withTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(Finding, 'f')
        .select(selection('f', DETAIL_PROPERTIES))
        .where('f.tenant_id = :tenantId AND f.id = :id', { tenantId, id })
        .getOne(),
    );
    if (!finding) throw SieveException.notFound('Finding', id);
    return toFindingDetailsView(finding);
  }

  /** The provider's JSON, read only when a client asks for it. */
  async raw(tenantId: string, id: string): Promise<Record<string, unknown>> {
    const finding = await this.uow.withTenant(tenantId, (manager) =>
      manager
        .createQueryBuilder(Finding, 'f')
        .select(['f.id', 'f.raw'])
        .where('f.tenant_id = :tenantId AND f.id = :id', { tenantId, id })
        .getOne(),
    );
    if (!finding) throw SieveException.notFound('Finding', id);
    return finding.raw;
  }
}
