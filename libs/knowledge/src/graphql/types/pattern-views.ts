import type { GlobalPatternView } from '../../management/global-patterns.service.js';
import type { KnownGoodPattern } from '../../patterns/known-good-pattern.entity.js';
import { renderPattern } from '../../patterns/pattern-rendering.js';
import type { GlobalKnownGoodPatternType } from './global-known-good-pattern.type.js';
import type { KnownGoodPatternType } from './known-good-pattern.type.js';

export function knownGoodPatternView(p: KnownGoodPattern): KnownGoodPatternType {
  return {
    id: p.id,
    reference: `P-${p.seq}`,
    name: p.name,
    description: p.description,
    findingType: p.findingType,
    predicates: p.predicates,
    rendering: renderPattern(p),
    status: p.status,
    allowCritical: p.allowCritical,
    confidence: p.confidence,
    support: p.support,
    hits: Number(p.hits),
    lastHitAt: p.lastHitAt,
    expiresAt: p.expiresAt,
    driftMarkedAt: p.driftMarkedAt,
    activatedAt: p.activatedAt,
    retiredAt: p.retiredAt,
    retiredReason: p.retiredReason,
    sourceCaseId: p.sourceCaseId,
    sourceAnalystId: p.sourceAnalystId,
    createdBy: p.createdBy,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
  };
}

export function globalPatternView({
  pattern: p,
  tenantHits,
  tenantLastHitAt,
}: GlobalPatternView): GlobalKnownGoodPatternType {
  return {
    id: p.id,
    reference: `G-${p.seq}`,
    name: p.name,
    description: p.description,
    findingType: p.findingType,
    predicates: p.predicates,
    rendering: renderPattern(p),
    status: p.status,
    allowCritical: p.allowCritical,
    confidence: p.confidence,
    support: p.support,
    tenantSupport: p.tenantSupport,
    hitsInTenant: tenantHits,
    lastHitInTenantAt: tenantLastHitAt,
    expiresAt: p.expiresAt,
    activatedAt: p.activatedAt,
    retiredAt: p.retiredAt,
    retiredReason: p.retiredReason,
    createdAt: p.createdAt,
  };
}
