import type { AppConfig } from './config.schema.js';

/**
 * DI token for the validated configuration. A class (not a string) so it can be injected by type:
 * `constructor(private readonly config: AppConfigService)`.
 */
export abstract class AppConfigService {
  abstract readonly values: AppConfig;
}
