import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { AppConfigService } from '../config/app-config.js';
import { REDACTED_PATHS } from './redaction.js';

/** JSON logs through pino, with the request id of requestIdMiddleware on every request's lines. */
@Module({})
export class LoggerModule {
  static forRoot(service: string): DynamicModule {
    return {
      module: LoggerModule,
      imports: [
        PinoLoggerModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => ({
            pinoHttp: {
              level: config.values.LOG_LEVEL,
              base: { service },
              redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
              // requestIdMiddleware has usually assigned one already; this covers requests it did not see.
              genReqId: (req: IncomingMessage & { id?: string }) => req.id ?? randomUUID(),
              customProps: (req: IncomingMessage & { user?: { tenantId?: string | null } }) => ({
                tenantId: req.user?.tenantId ?? undefined,
              }),
              autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
            },
          }),
        }),
      ],
    };
  }
}
