export { TRIAGE_ENTITIES } from './entities.js';
export { WritebackEntry } from './writeback/writeback-entry.entity.js';
export {
  type TriageFinding,
  type TriageObservables,
  type TriagePrincipal,
  type TriageResource,
  triageFindingFromNormalized,
  triageFindingOf,
} from './triage-finding.js';
export {
  ENRICHERS,
  type Enricher,
  type EnrichmentContext,
  type EnrichmentError,
  type EnrichmentResult,
} from './enrichment/enricher.js';
export { EnrichmentGraphError, EnrichmentRunner, topologicalOrder } from './enrichment/enrichment-runner.js';
export {
  DEFAULT_ENRICHERS,
  TriageEnrichmentModule,
  type TriageEnrichmentOptions,
} from './enrichment/triage-enrichment.module.js';
export {
  type EnvironmentClass,
  type ResourceContext,
  ResourceContextEnricher,
  type ResourceSummary,
  resourceContextOf,
} from './enrichers/resource-context.enricher.js';
export { type IntelSource, type IpIntel, IpIntelEnricher } from './enrichers/ip-intel.enricher.js';
export {
  type CiProvider,
  type PrincipalContext,
  PrincipalContextEnricher,
  type PrincipalKind,
  type SessionNameShape,
  apiActionOf,
  principalContextOf,
  principalKeyOf,
} from './enrichers/principal-context.enricher.js';
export {
  type UserAgentFamily,
  type UserAgentInfo,
  parseUserAgent,
  servicePrincipalOf,
} from './enrichers/user-agent.js';
export { HistoryEnricher, type HistoryNovelty } from './enrichers/history.enricher.js';
export {
  CLOUDTRAIL_SETTINGS,
  CloudTrailEnricher,
  type CloudTrailSettings,
  cloudTrailLookupOf,
  cloudTrailSettingsOf,
} from './enrichers/cloudtrail.enricher.js';
export {
  AccountCloudTrailEvents,
  CLOUDTRAIL_EVENTS,
  type CloudTrailEventSource,
} from './enrichers/cloudtrail-events.js';
export {
  type CloudTrailLookup,
  type CloudTrailSummary,
  type CloudTrailWindow,
  digestTrail,
  summarizeTrail,
  type TrailDigest,
} from './enrichers/cloudtrail-summary.js';
export {
  DEFAULT_HISTORY_TTL_MS,
  HISTORY_FEATURES,
  type HistoryFeature,
  InMemoryPrincipalHistory,
  PRINCIPAL_HISTORY,
  type PrincipalHistory,
  RedisPrincipalHistory,
} from './history/principal-history.js';
export {
  type Cidr,
  cidrContains,
  formatIp,
  type IpAddress,
  type IpScope,
  ipScope,
  parseCidr,
  parseIp,
} from './ip/ip-address.js';
export { HOSTING_ASNS, hostingProvider } from './ip/hosting-asns.js';
export {
  EmptyIpRangeDataset,
  IP_RANGE_DATASET,
  type IpLocationDbDirs,
  type IpRangeDataset,
  type IpRangeInfo,
  type IpRangeRow,
  IpRangeTable,
  MergedIpRangeDataset,
  loadIpLocationDb,
  parseIpLocationCsv,
} from './ip/ip-range-dataset.js';
export {
  IP_RANGE_DATASET_PROVIDER,
  type IpDatasetChoice,
  ipDatasetChoice,
  loadIpDataset,
} from './ip/ip-dataset.provider.js';
export {
  type FeedFile,
  FeedFileThreatIntel,
  THREAT_INTEL_PROVIDERS,
  TOR_EXIT_CATEGORY,
  type ThreatIntelMatch,
  type ThreatIntelProvider,
} from './threat-intel/threat-intel.js';
export {
  FINDING_FINGERPRINT_KEYS,
  type Fingerprint,
  type FingerprintKey,
  type FingerprintValue,
  fingerprintOf,
  poolableFeatures,
} from './fingerprint/fingerprint.js';
export { TriageModule } from './pipeline/triage.module.js';
export { TriageRequestsModule } from './pipeline/triage-requests.module.js';
export { TriageRequests } from './pipeline/triage-requests.js';
export { type TriageBatchSummary, TriageService } from './pipeline/triage.service.js';
export { TriageJob, type TriageTenantJobData, triagePriority } from './pipeline/triage-job.js';
export { type VerdictDecision, decideVerdict } from './pipeline/verdict-policy.js';
export { MAX_TRIAGE_ATTEMPTS, TRIAGE_BATCH_SIZE, retryDelayMs } from './pipeline/triage-settings.js';
export { WritebackService, type WritebackSummary } from './writeback/writeback.service.js';
export { writebackOf } from './writeback/writeback-note.js';
export { type JudgedFinding, VerdictHook, VerdictHooks } from './pipeline/verdict.hook.js';
