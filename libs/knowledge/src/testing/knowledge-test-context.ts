import { randomBytes, randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AuditModule,
  Clock,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  ManualClock,
  RedisModule,
} from '@sieve/core';
import pg from 'pg';
import { KnowledgeModule } from '../knowledge.module.js';

export { msspAnalyst, tenantAdmin } from './principals.js';

/** One "worker": the knowledge module on the real PostgreSQL and Redis, with its own in-memory caches. */
export async function bootKnowledge(clock: ManualClock): Promise<TestingModule> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot(),
      DatabaseModule.forRoot({ applicationName: 'knowledge-test' }),
      RedisModule,
      ClockModule,
      AuditModule,
      KnowledgeModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

/** The schema owner (a superuser in tests: row-level security does not apply to it). */
export function ownerClient(): pg.Client {
  return new pg.Client({ connectionString: process.env.DATABASE_URL });
}

export async function seedTenant(owner: pg.Client, opts: { consumesPool?: boolean } = {}): Promise<string> {
  const id = randomUUID();
  await owner.query(
    `INSERT INTO tenants (id, slug, name, time_zone, contract_tier, pool_consume)
     VALUES ($1, $2, 'Knowledge', 'UTC', 'STANDARD', $3)`,
    [id, `kb-${randomBytes(6).toString('hex')}`, opts.consumesPool ?? false],
  );
  return id;
}

/** Waits for `condition` (polling), failing with `what` after `ms`. */
export async function eventually(what: string, condition: () => boolean, ms = 5_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
