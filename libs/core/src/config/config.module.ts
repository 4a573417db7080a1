import { type DynamicModule, Global, Module } from '@nestjs/common';
import { AppConfigService } from './app-config.js';
import type { AppConfig } from './config.schema.js';
import { loadConfig } from './load-config.js';

@Global()
@Module({})
export class ConfigModule {
  /** Validates the environment once at boot; `overrides` lets tests pin values without touching process.env. */
  static forRoot(overrides: Partial<Record<keyof AppConfig, string>> = {}): DynamicModule {
    const values = loadConfig({ ...process.env, ...overrides });
    return {
      module: ConfigModule,
      providers: [{ provide: AppConfigService, useValue: { values } satisfies AppConfigService }],
      exports: [AppConfigService],
    };
  }
}
