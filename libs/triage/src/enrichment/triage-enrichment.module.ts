import { type DynamicModule, Module, type Provider, type Type } from '@nestjs/common';
import { AppConfigService } from '@sieve/core';
import { AccountCloudTrailEvents, CLOUDTRAIL_EVENTS } from '../enrichers/cloudtrail-events.js';
import {
  CLOUDTRAIL_SETTINGS,
  CloudTrailEnricher,
  cloudTrailSettingsOf,
} from '../enrichers/cloudtrail.enricher.js';
import { HistoryEnricher } from '../enrichers/history.enricher.js';
import { IpIntelEnricher } from '../enrichers/ip-intel.enricher.js';
import { PrincipalContextEnricher } from '../enrichers/principal-context.enricher.js';
import { ResourceContextEnricher } from '../enrichers/resource-context.enricher.js';
import { PRINCIPAL_HISTORY, RedisPrincipalHistory } from '../history/principal-history.js';
import { EmptyIpRangeDataset, IP_RANGE_DATASET } from '../ip/ip-range-dataset.js';
import { THREAT_INTEL_PROVIDERS } from '../threat-intel/threat-intel.js';
import { ENRICHERS, type Enricher } from './enricher.js';
import { EnrichmentRunner } from './enrichment-runner.js';

/** The enrichers Sieve ships, in a sensible listing order (the runner orders by inputs anyway). */
export const DEFAULT_ENRICHERS: readonly Type<Enricher>[] = [
  ResourceContextEnricher,
  IpIntelEnricher,
  PrincipalContextEnricher,
  HistoryEnricher,
  CloudTrailEnricher,
];

export interface TriageEnrichmentOptions {
  /** Enricher classes; default DEFAULT_ENRICHERS. Add one: `[...DEFAULT_ENRICHERS, MyEnricher]`. */
  enrichers?: readonly Type<Enricher>[];
  /**
   * Overrides of the enrichers' dependencies (IP_RANGE_DATASET, THREAT_INTEL_PROVIDERS, PRINCIPAL_HISTORY,
   * CLOUDTRAIL_EVENTS, CLOUDTRAIL_SETTINGS) or providers an added enricher needs. Defaults: no range data, no
   * threat intel, Redis history, CloudTrail through the tenant's registered role (needs AwsModule in
   * `imports`) with the TRIAGE_CLOUDTRAIL_* config.
   */
  providers?: Provider[];
  imports?: DynamicModule['imports'];
}

/**
 * Provides EnrichmentRunner over the listed enrichers (also under the ENRICHERS token). Redis history needs
 * RedisService (the global RedisModule of @sieve/core), CloudTrail the Clock and AwsModule's accounts
 * service and gateway. The worker's composition:
 *
 *   TriageEnrichmentModule.forRoot({ imports: [AwsModule], providers: [IP_RANGE_DATASET_PROVIDER] })
 */
@Module({})
export class TriageEnrichmentModule {
  static forRoot(options: TriageEnrichmentOptions = {}): DynamicModule {
    const enrichers = [...(options.enrichers ?? DEFAULT_ENRICHERS)];
    const overridden = new Set(
      (options.providers ?? []).map((p) => (typeof p === 'function' ? p : p.provide)),
    );
    const defaults: Provider[] = [
      { provide: IP_RANGE_DATASET, useValue: new EmptyIpRangeDataset() },
      { provide: THREAT_INTEL_PROVIDERS, useValue: [] },
      { provide: PRINCIPAL_HISTORY, useClass: RedisPrincipalHistory },
      { provide: CLOUDTRAIL_EVENTS, useClass: AccountCloudTrailEvents },
      {
        provide: CLOUDTRAIL_SETTINGS,
        useFactory: (config?: AppConfigService) => cloudTrailSettingsOf(config?.values),
        inject: [{ token: AppConfigService, optional: true }],
      },
    ].filter((p) => !overridden.has(p.provide));
    return {
      module: TriageEnrichmentModule,
      imports: options.imports ?? [],
      providers: [
        ...defaults,
        ...(options.providers ?? []),
        ...enrichers,
        { provide: ENRICHERS, useFactory: (...list: Enricher[]) => list, inject: enrichers },
        {
          provide: EnrichmentRunner,
          useFactory: (list: Enricher[]) => new EnrichmentRunner(list),
          inject: [ENRICHERS],
        },
      ],
      exports: [EnrichmentRunner, ENRICHERS],
    };
  }
}
