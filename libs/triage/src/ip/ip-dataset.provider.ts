import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { type FactoryProvider, Logger } from '@nestjs/common';
import { type AppConfig, AppConfigService } from '@sieve/core';
import {
  EmptyIpRangeDataset,
  IP_RANGE_DATASET,
  type IpLocationDbDirs,
  type IpRangeDataset,
  loadIpLocationDb,
} from './ip-range-dataset.js';

export type IpDatasetChoice = NonNullable<AppConfig['IP_DATASET']>;

/**
 * IP_DATASET, or its default: the packages, except under NODE_ENV=test, where every test file boots its own
 * worker and none of them should pay the load unless it asks for it.
 */
export function ipDatasetChoice(config: Pick<AppConfig, 'IP_DATASET' | 'NODE_ENV'>): IpDatasetChoice {
  return config.IP_DATASET ?? (config.NODE_ENV === 'test' ? 'none' : 'ip-location-db');
}

/** Where npm installed the `@ip-location-db/asn` and `@ip-location-db/asn-country` packages. */
export function ipLocationDbDirs(): Required<IpLocationDbDirs> {
  const require = createRequire(import.meta.url);
  const dirOf = (name: string) => dirname(require.resolve(`${name}/package.json`));
  return { asnDir: dirOf('@ip-location-db/asn'), countryDir: dirOf('@ip-location-db/asn-country') };
}

/** Loads the dataset IP_DATASET names; once per process, at boot (the factory of the provider below). */
export async function loadIpDataset(
  config: Pick<AppConfig, 'IP_DATASET' | 'NODE_ENV'>,
): Promise<IpRangeDataset> {
  if (ipDatasetChoice(config) === 'none') return new EmptyIpRangeDataset();
  const logger = new Logger('IpDataset');
  const started = performance.now();
  const dataset = await loadIpLocationDb(ipLocationDbDirs());
  logger.log(`Loaded IP range data ${dataset.name} in ${Math.round(performance.now() - started)} ms`);
  return dataset;
}

/**
 * IP_RANGE_DATASET for the worker, as configured: `TriageEnrichmentModule.forRoot({ providers:
 * [IP_RANGE_DATASET_PROVIDER] })`. The packages ship no code, only CSV files: a missing package fails the
 * boot with the resolver's error rather than triaging without the data it was told to use.
 */
export const IP_RANGE_DATASET_PROVIDER: FactoryProvider<IpRangeDataset> = {
  provide: IP_RANGE_DATASET,
  useFactory: (config: AppConfigService) => loadIpDataset(config.values),
  inject: [AppConfigService],
};
