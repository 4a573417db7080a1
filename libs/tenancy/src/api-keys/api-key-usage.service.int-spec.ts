import { randomBytes, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  ConfigModule,
  DatabaseModule,
  RedisModule,
  RedisService,
  UnitOfWork,
  buildDataSourceOptions,
} from '@sieve/core';
import { DataSource, type EntityManager } from 'typeorm';
import { ApiKeyUsageService } from './api-key-usage.service.js';

/** The real unit of work, recording which tenants it was asked for and failing on demand. */
class ObservedUnitOfWork extends UnitOfWork {
  readonly tenantCalls: string[] = [];
  platformCalls = 0;
  readonly failing = new Set<string>();

  override withTenant<T>(tenantId: string, work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.tenantCalls.push(tenantId);
    if (this.failing.has(tenantId)) return Promise.reject(new Error(`connection reset (tenant ${tenantId})`));
    return super.withTenant(tenantId, work);
  }

  override withPlatform<T>(work: (manager: EntityManager) => Promise<T>): Promise<T> {
    this.platformCalls += 1;
    return super.withPlatform(work);
  }
}

describe('ApiKeyUsageService (PostgreSQL + Redis)', () => {
  let moduleRef: TestingModule;
  let usage: ApiKeyUsageService;
  let uow: ObservedUnitOfWork;
  let redis: RedisService;
  let owner: DataSource;

  /** Creates a tenant with keys as the schema owner, inside the RLS settings the policies ask for. */
  async function seedTenant(keyCount: number): Promise<{ tenantId: string; keyIds: string[] }> {
    const tenantId = randomUUID();
    const keyIds = Array.from({ length: keyCount }, () => randomUUID());
    await owner.transaction(async (m) => {
      await m.query(`SELECT set_config('app.platform', 'on', true), set_config('app.tenant_id', $1, true)`, [
        tenantId,
      ]);
      await m.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'Usage', 'UTC', 'STANDARD')`,
        [tenantId, `usage-${randomBytes(6).toString('hex')}`],
      );
      for (const id of keyIds) {
        await m.query(
          `INSERT INTO api_keys (id, tenant_id, name, prefix, key_hash, scopes, created_by)
           VALUES ($1, $2, 'integration', $3, '\\x00'::bytea, ARRAY['read'], 'test')`,
          [id, tenantId, `sk_${randomBytes(8).toString('hex')}`],
        );
      }
    });
    return { tenantId, keyIds };
  }

  async function lastUsedAt(keyId: string): Promise<Date | null> {
    return owner.transaction(async (m) => {
      await m.query(`SELECT set_config('app.platform', 'on', true)`);
      const rows = (await m.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [keyId])) as {
        last_used_at: Date | null;
      }[];
      return rows[0].last_used_at;
    });
  }

  beforeAll(async () => {
    moduleRef = await Test.createTestingModule({
      imports: [
        // A prefix of its own, so usage recorded by other test files running in parallel stays out.
        ConfigModule.forRoot({
          REDIS_PREFIX: `${process.env.REDIS_PREFIX}:usage-${randomBytes(3).toString('hex')}`,
        }),
        DatabaseModule.forRoot({ applicationName: 'test' }),
        RedisModule,
      ],
      providers: [ApiKeyUsageService],
    })
      .overrideProvider(UnitOfWork)
      .useFactory({ factory: (ds: DataSource) => new ObservedUnitOfWork(ds), inject: [DataSource] })
      .compile();
    await moduleRef.init();
    usage = moduleRef.get(ApiKeyUsageService);
    uow = moduleRef.get(UnitOfWork);
    redis = moduleRef.get(RedisService);
    owner = await new DataSource(
      buildDataSourceOptions({
        url: process.env.DATABASE_URL!,
        entities: [],
        poolSize: 2,
        applicationName: 'test-owner',
      }),
    ).initialize();
  });

  afterEach(async () => {
    uow.tenantCalls.length = 0;
    uow.platformCalls = 0;
    uow.failing.clear();
    await redis.client.del(usage.pendingKey, usage.processingKey);
  });

  afterAll(async () => {
    await owner?.destroy();
    await moduleRef?.close();
  });

  it('writes recorded usage to last_used_at on flush', async () => {
    const { tenantId, keyIds } = await seedTenant(1);
    const at = new Date('2026-03-01T10:00:00.123Z');

    await usage.record(tenantId, keyIds[0], at);
    await expect(usage.flush()).resolves.toEqual({ keys: 1, tenants: 1 });

    expect(await lastUsedAt(keyIds[0])).toEqual(at);
    expect(await redis.client.exists(usage.pendingKey, usage.processingKey)).toBe(0);
    await expect(usage.flush()).resolves.toEqual({ keys: 0, tenants: 0 });
  });

  it('never moves last_used_at backwards, in Redis or in PostgreSQL', async () => {
    const { tenantId, keyIds } = await seedTenant(1);
    const newer = new Date('2026-03-01T10:05:00Z');
    const older = new Date('2026-03-01T10:00:00Z');

    // A late write of an older request (a slow API replica) does not replace the newer one in Redis...
    await usage.record(tenantId, keyIds[0], newer);
    await usage.record(tenantId, keyIds[0], older);
    expect(await redis.client.hget(usage.pendingKey, `${tenantId}:${keyIds[0]}`)).toBe(
      String(newer.getTime()),
    );
    await usage.flush();
    expect(await lastUsedAt(keyIds[0])).toEqual(newer);

    // ...nor, arriving after the flush, the newer value already in PostgreSQL.
    await usage.record(tenantId, keyIds[0], older);
    await expect(usage.flush()).resolves.toEqual({ keys: 1, tenants: 1 });
    expect(await lastUsedAt(keyIds[0])).toEqual(newer);
  });

  it('writes the usage of every tenant, each in its own tenant unit of work', async () => {
    const a = await seedTenant(2);
    const b = await seedTenant(1);
    const at = new Date('2026-03-02T08:00:00Z');

    await usage.record(a.tenantId, a.keyIds[0], at);
    await usage.record(a.tenantId, a.keyIds[1], at);
    await usage.record(b.tenantId, b.keyIds[0], at);
    await expect(usage.flush()).resolves.toEqual({ keys: 3, tenants: 2 });

    for (const keyId of [...a.keyIds, ...b.keyIds]) expect(await lastUsedAt(keyId)).toEqual(at);
    expect([...uow.tenantCalls].sort()).toEqual([a.tenantId, b.tenantId].sort());
  });

  it('keeps the usage for the next flush when the database write fails', async () => {
    const a = await seedTenant(1);
    const b = await seedTenant(1);
    const first = new Date('2026-03-03T09:00:00Z');
    const later = new Date('2026-03-03T09:01:00Z');
    await usage.record(a.tenantId, a.keyIds[0], first);
    await usage.record(b.tenantId, b.keyIds[0], first);

    uow.failing.add(a.tenantId);
    await expect(usage.flush()).rejects.toThrow(/failed for 1 of 2 tenant\(s\).*connection reset/);
    // The healthy tenant is written; the failed one stays claimed in Redis.
    expect(await lastUsedAt(b.keyIds[0])).toEqual(first);
    expect(await lastUsedAt(a.keyIds[0])).toBeNull();
    expect(await redis.client.hkeys(usage.processingKey)).toEqual([`${a.tenantId}:${a.keyIds[0]}`]);

    // A use recorded meanwhile is merged with the kept one; the later timestamp wins.
    await usage.record(a.tenantId, a.keyIds[0], later);
    uow.failing.clear();
    await expect(usage.flush()).resolves.toEqual({ keys: 1, tenants: 1 });
    expect(await lastUsedAt(a.keyIds[0])).toEqual(later);
    expect(await redis.client.exists(usage.pendingKey, usage.processingKey)).toBe(0);
  });

  it('records without touching the database', async () => {
    const dataSource = moduleRef.get(DataSource);
    const original = dataSource.createQueryRunner.bind(dataSource);
    let queryRunners = 0;
    dataSource.createQueryRunner = (...args) => {
      queryRunners += 1;
      return original(...args);
    };
    try {
      const tenantId = randomUUID();
      const keyId = randomUUID();
      await usage.record(tenantId, keyId, new Date('2026-03-04T00:00:00Z'));

      expect(queryRunners).toBe(0);
      expect(uow.tenantCalls).toEqual([]);
      expect(uow.platformCalls).toBe(0);
      expect(await redis.client.hget(usage.pendingKey, `${tenantId}:${keyId}`)).toBe(
        String(Date.parse('2026-03-04T00:00:00Z')),
      );
    } finally {
      dataSource.createQueryRunner = original;
    }
  });

  it('drops malformed entries instead of failing every flush on them', async () => {
    await redis.client.hset(usage.pendingKey, 'not-a-tenant:not-a-key', '123');
    await expect(usage.flush()).resolves.toEqual({ keys: 0, tenants: 0 });
    expect(await redis.client.exists(usage.pendingKey, usage.processingKey)).toBe(0);
  });
});
