import { randomBytes, randomUUID } from 'node:crypto';
import { BullModule } from '@nestjs/bullmq';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AppConfigService,
  AuditModule,
  Clock,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  type ManualClock,
  RedisModule,
  UnitOfWork,
  bullRootOptions,
} from '@sieve/core';
import type pg from 'pg';
import { PatternFeedback } from '../feedback/pattern-feedback.service.js';
import { KnowledgeModule } from '../knowledge.module.js';
import { seedFindings } from '../learning/testing/learning-test-context.js';
import { KnownGoodMatcher } from '../matching/known-good-matcher.js';
import type { PatternSupport } from '../patterns/pattern-schema.js';
import type { Fingerprint, Predicate } from '../patterns/predicate.js';
import { PoolReview } from './pool-review.service.js';
import { PoolingModule } from './pooling.module.js';

/**
 * A process that pools and matches: the pooling module (with the learning loop's feedback port), the
 * matcher, and the review service, on the real PostgreSQL and Redis; queues under a prefix of their own.
 */
export async function bootPooling(clock: ManualClock): Promise<TestingModule> {
  const prefix = `${process.env.REDIS_PREFIX}:pooling-${randomBytes(3).toString('hex')}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ REDIS_PREFIX: prefix, POOLING_THRESHOLD: '3' }),
      DatabaseModule.forRoot({ applicationName: 'pooling-test' }),
      RedisModule,
      ClockModule,
      AuditModule,
      BullModule.forRootAsync({
        inject: [AppConfigService],
        useFactory: (config: AppConfigService) => bullRootOptions(config.values),
      }),
      KnowledgeModule,
      PoolingModule,
    ],
    providers: [PoolReview],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

/** A finding type of this test alone, so that other test files' patterns never share its shapes. */
export function testFindingType(base = 'Recon:EC2/PortProbeUnprotectedPort'): string {
  return `${base}.T${randomBytes(4).toString('hex')}`;
}

export async function seedPoolTenant(
  owner: pg.Client,
  opts: { contribute?: boolean; consume?: boolean; slug?: string; name?: string } = {},
): Promise<string> {
  const id = randomUUID();
  await owner.query(
    `INSERT INTO tenants (id, slug, name, time_zone, contract_tier, pool_contribute, pool_consume)
     VALUES ($1, $2, $3, 'UTC', 'STANDARD', $4, $5)`,
    [
      id,
      opts.slug ?? `pool-${randomBytes(6).toString('hex')}`,
      opts.name ?? 'Pooling',
      opts.contribute ?? true,
      opts.consume ?? false,
    ],
  );
  return id;
}

export interface SeedPattern {
  findingType: string;
  predicates: Predicate[];
  support?: PatternSupport | null;
  status?: 'PROPOSED' | 'ACTIVE' | 'RETIRED';
  name?: string;
  description?: string;
  confidence?: number;
  sourceCaseId?: string;
  sourceAnalystId?: string;
  createdBy?: string;
}

/** A tenant pattern written by the owner, as if learnt or written by the tenant; its id. */
export async function seedPattern(owner: pg.Client, tenantId: string, p: SeedPattern): Promise<string> {
  const { rows } = await owner.query<{ id: string }>(
    `INSERT INTO known_good_patterns (tenant_id, name, description, finding_type, predicates, status, support,
       confidence, source_case_id, source_analyst_id, created_by, activated_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, CASE WHEN $6 = 'ACTIVE' THEN now() END)
     RETURNING id`,
    [
      tenantId,
      p.name ?? 'pattern',
      p.description ?? '',
      p.findingType,
      JSON.stringify(p.predicates),
      p.status ?? 'ACTIVE',
      p.support ? JSON.stringify(p.support) : null,
      p.confidence ?? 1,
      p.sourceCaseId ?? null,
      p.sourceAnalystId ?? null,
      p.createdBy ?? 'test',
    ],
  );
  return rows[0].id;
}

/** Records a finding of `tenantId` as a true positive of a resolved case, through the feedback port. */
export async function recordTruePositive(
  app: TestingModule,
  owner: pg.Client,
  tenantId: string,
  finding: {
    findingType: string;
    fingerprint: Fingerprint;
    verdictPatternId?: string;
    verdictPatternScope?: 'TENANT' | 'GLOBAL';
  },
): Promise<string> {
  const [id] = await seedFindings(owner, tenantId, [
    { type: finding.findingType, fingerprint: finding.fingerprint, lastSeenAt: new Date() },
  ]);
  await app.get(UnitOfWork).withTenant(tenantId, (manager) =>
    app.get(PatternFeedback).recordTruePositives(manager, {
      tenantId,
      caseId: randomUUID(),
      caseKey: 'POOL-1',
      findings: [
        {
          id,
          findingType: finding.findingType,
          fingerprint: finding.fingerprint,
          verdictPatternId: finding.verdictPatternId ?? null,
          verdictPatternScope: finding.verdictPatternScope ?? null,
        },
      ],
    }),
  );
  return id;
}

/** The id of the pattern that would suppress the finding in this tenant now, or null. */
export function suppressor(
  app: TestingModule,
  tenantId: string,
  findingType: string,
  fingerprint: Fingerprint,
): Promise<string | null> {
  return app.get(UnitOfWork).withTenant(tenantId, async (manager) => {
    const matcher = await app.get(KnownGoodMatcher).forBatch(manager, tenantId, [findingType]);
    return matcher.match({ findingType, severityLabel: 'LOW', fingerprint })?.patternId ?? null;
  });
}
