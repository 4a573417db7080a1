import { renderPattern } from '../../patterns/pattern-rendering.js';
import type { PooledPattern } from '../pooled-pattern.entity.js';
import type { PoolingCycleReport } from '../pooling-cycle-report.js';
import type { PooledPatternType } from './pooled-pattern.type.js';
import type { PoolingCycleReportType } from './pooling-cycle-report.type.js';

export function pooledPatternView(p: PooledPattern): PooledPatternType {
  return {
    id: p.id,
    key: p.key,
    findingType: p.findingType,
    predicates: p.predicates,
    rendering: renderPattern(p),
    state: p.state,
    tenantSupport: p.tenantSupport,
    globalPatternId: p.globalPatternId,
    globalPatternReference: p.globalPattern ? `G-${p.globalPattern.seq}` : null,
    globalPatternStatus: p.globalPattern?.status ?? null,
    promotedAt: p.promotedAt,
    blockedAt: p.blockedAt,
    blockedReason: p.blockedReason,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

/** A report as stored (JSON, dates as text) or just made, with dates for the DateTime scalar. */
export function cycleReportView(report: PoolingCycleReport): PoolingCycleReportType {
  return { ...report, startedAt: new Date(report.startedAt), finishedAt: new Date(report.finishedAt) };
}
