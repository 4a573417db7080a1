import { Inject, Injectable } from '@nestjs/common';
import type { Enricher, EnrichmentContext } from '../enrichment/enricher.js';
import {
  type HistoryFeature,
  PRINCIPAL_HISTORY,
  type PrincipalHistory,
} from '../history/principal-history.js';
import type { IpIntel } from './ip-intel.enricher.js';
import type { PrincipalContext } from './principal-context.enricher.js';

export interface HistoryNovelty {
  principalKey: string;
  /** True: no earlier finding of this principal came from this country. Absent: the finding has no country. */
  newCountry?: boolean;
  newAsn?: boolean;
  newUserAgentFamily?: boolean;
  newApiAction?: boolean;
  /**
   * The principal had been seen before (an earlier finding showed one of these features): its history is a
   * baseline, and a new value above means something. False on the principal's first sighting in the
   * tenant, when every value is "new" only because nothing is known yet (a tenant's first day, a new role).
   */
  baseline: boolean;
}

/**
 * `history`: per-tenant novelty of the finding's principal. Compares the country, ASN, user-agent family
 * and API action with what earlier findings of the same principal showed, and remembers them. Applies
 * only to findings with a principal; the first finding of a principal is new in every respect, and says
 * so with `baseline: false` (nothing to compare with), which the novelty vetoes read.
 */
@Injectable()
export class HistoryEnricher implements Enricher<HistoryNovelty> {
  readonly name = 'history';
  readonly inputs = ['ip-intel', 'principal-context'] as const;
  readonly outputs = [
    'principalKey',
    'newCountry',
    'newAsn',
    'newUserAgentFamily',
    'newApiAction',
    'baseline',
  ] as const;
  readonly timeoutMs = 1_000;

  constructor(@Inject(PRINCIPAL_HISTORY) private readonly history: PrincipalHistory) {}

  async enrich({ tenantId, finding, results }: EnrichmentContext): Promise<HistoryNovelty | null> {
    const principal = results['principal-context'] as PrincipalContext | null;
    const ip = results['ip-intel'] as IpIntel | null;
    const principalKey = principal?.principalKey;
    if (!principal || !principalKey) return null;

    const features: [HistoryFeature, keyof HistoryNovelty, string | undefined][] = [
      ['country', 'newCountry', ip?.countryCode ?? ip?.country],
      ['asn', 'newAsn', ip?.asn === undefined ? undefined : String(ip.asn)],
      [
        'userAgentFamily',
        'newUserAgentFamily',
        principal.userAgent.family === 'none' ? undefined : principal.userAgent.family,
      ],
      ['apiAction', 'newApiAction', principal.apiAction],
    ];
    const novelty: HistoryNovelty = { principalKey, baseline: false };
    await Promise.all(
      features.map(async ([feature, output, value]) => {
        if (value === undefined) return;
        const { isNew, baseline } = await this.history.sight(
          tenantId,
          principalKey,
          feature,
          value,
          finding.id,
        );
        (novelty as unknown as Record<string, boolean>)[output] = isNew;
        if (baseline) novelty.baseline = true;
      }),
    );
    return novelty;
  }
}
