/** Public API of the AWS emulator, for tests and tools elsewhere in the repository. */
export { startAwsEmulator, type AwsEmulatorOptions, type RunningAwsEmulator } from './start-aws-emulator.js';
export {
  emulatorClientConfig,
  type AwsCredentials,
  type ClientConfigOptions,
  type EmulatorClientConfig,
} from './client/sdk-client-config.js';
export { EmulatorAdmin, type EmulatorSummary } from './admin/emulator-admin.js';
export type { FaultConfig } from './faults/fault-config.js';
export type { CounterSnapshot, RequestRecord } from './metrics/request-counters.js';
export type {
  Seed,
  SeedAccount,
  SeedRole,
  SeedUser,
  SeedRegionData,
  SeedTrailEvent,
} from './seed/seed.types.js';
export { loadSeed, SeedError } from './seed/load-seed.js';
export { defaultSeedPath } from './config/default-seed-path.js';
export type { AsffFinding } from './securityhub/asff.types.js';
