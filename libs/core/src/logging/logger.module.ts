import { randomUUID } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { type DynamicModule, Module } from '@nestjs/common';
import { LoggerModule as PinoLoggerModule } from 'nestjs-pino';
import { AppConfigService } from '../config/app-config.js';
import { REDACTED_PATHS } from './redaction.js';

const REQUEST_ID = /^[A-Za-z0-9._:-]{1,128}$/;

/** JSON logs through pino, one request id per HTTP request (the caller's `x-request-id` if sane). */
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
              genReqId: (req: IncomingMessage, res) => {
                const given = req.headers['x-request-id'];
                const id = typeof given === 'string' && REQUEST_ID.test(given) ? given : randomUUID();
                res.setHeader('x-request-id', id);
                return id;
              },
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
