import { once } from 'node:events';
import type { INestApplication } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import {
  AuthorizationGuard,
  ConfigModule,
  DatabaseModule,
  RedisModule,
  RedisService,
  SieveExceptionFilter,
} from '@sieve/core';
import request from 'supertest';
import { HealthModule } from './health.module.js';
import { ShutdownState } from './shutdown-state.js';

async function bootApp(
  configOverrides: Parameters<typeof ConfigModule.forRoot>[0] = {},
): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(configOverrides),
      DatabaseModule.forRoot({ applicationName: 'test' }),
      RedisModule,
      HealthModule,
    ],
    // The API's global guard (requests without a principal are refused unless @Public) and global filter
    // (rewrites HTTP exceptions): the probes must pass the first and not go through the second.
    providers: [
      { provide: APP_GUARD, useClass: AuthorizationGuard },
      { provide: APP_FILTER, useClass: SieveExceptionFilter },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

describe('health endpoints', () => {
  describe('with PostgreSQL and Redis up', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await bootApp();
      const { client } = app.get(RedisService);
      if (client.status !== 'ready') await once(client, 'ready');
    });

    afterAll(async () => {
      await app?.close();
    });

    it('is ready', async () => {
      const res = await request(app.getHttpServer()).get('/health/ready').expect(200);
      expect(res.headers['cache-control']).toContain('no-store');
      expect(res.body).toMatchObject({
        status: 'ok',
        error: {},
        details: { database: { status: 'up' }, redis: { status: 'up' } },
      });
    });

    it('is live', async () => {
      await request(app.getHttpServer())
        .get('/health/live')
        .expect(200, { status: 'ok', info: {}, error: {}, details: {} });
    });

    it('stops being ready, but stays live, once shutting down', async () => {
      app.get(ShutdownState).beforeApplicationShutdown();

      const ready = await request(app.getHttpServer()).get('/health/ready').expect(503);
      expect(ready.body).toEqual({
        status: 'shutting_down',
        info: {},
        error: { shutdown: { status: 'down', message: 'the process is shutting down' } },
        details: { shutdown: { status: 'down', message: 'the process is shutting down' } },
      });
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });
  });

  describe('with Redis unreachable', () => {
    let app: INestApplication;

    beforeAll(async () => {
      app = await bootApp({ REDIS_URL: 'redis://127.0.0.1:1' });
    });

    afterAll(async () => {
      await app?.close();
    });

    it('answers 503 naming redis, quickly, and keeps serving', async () => {
      for (let attempt = 0; attempt < 3; attempt++) {
        const started = Date.now();
        const res = await request(app.getHttpServer()).get('/health/ready').expect(503);
        expect(Date.now() - started).toBeLessThan(1000);
        expect(res.body).toMatchObject({
          status: 'error',
          info: { database: { status: 'up' } },
          error: { redis: { status: 'down', message: expect.any(String) } },
          details: { database: { status: 'up' }, redis: { status: 'down' } },
        });
        expect(res.body.error).not.toHaveProperty('database');
      }
    });

    it('is still live', async () => {
      await request(app.getHttpServer()).get('/health/live').expect(200);
    });
  });

  it('marks the process as shutting down when the application closes', async () => {
    const app = await bootApp();
    const state = app.get(ShutdownState);
    expect(state.isShuttingDown).toBe(false);
    await app.close();
    expect(state.isShuttingDown).toBe(true);
  });
});
