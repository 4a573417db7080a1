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
  bullRootOptions,
} from '@sieve/core';
import type pg from 'pg';
import type { Fingerprint } from '../../patterns/predicate.js';
import { PatternLearningModule } from '../pattern-learning.module.js';

/**
 * The learning module on the real PostgreSQL and Redis, its BullMQ queue under a prefix of its own (no
 * worker of another test file takes these jobs), the clock given.
 */
export async function bootLearning(clock: ManualClock): Promise<TestingModule> {
  const prefix = `${process.env.REDIS_PREFIX}:learning-${randomBytes(3).toString('hex')}`;
  const moduleRef = await Test.createTestingModule({
    imports: [
      ConfigModule.forRoot({ REDIS_PREFIX: prefix }),
      DatabaseModule.forRoot({ applicationName: 'learning-test' }),
      RedisModule,
      ClockModule,
      AuditModule,
      BullModule.forRootAsync({
        inject: [AppConfigService],
        useFactory: (config: AppConfigService) => bullRootOptions(config.values),
      }),
      PatternLearningModule,
    ],
  })
    .overrideProvider(Clock)
    .useValue(clock)
    .compile();
  await moduleRef.init();
  return moduleRef;
}

export interface SeededFinding {
  type?: string;
  fingerprint: Fingerprint;
  severity?: 'INFORMATIONAL' | 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  lastSeenAt: Date;
  verdict?: 'SUPPRESSED' | 'RAISED';
  title?: string;
}

const SEVERITY = { INFORMATIONAL: 0, LOW: 20, MEDIUM: 50, HIGH: 75, CRITICAL: 95 };

/** Findings as triage leaves them (judged, with a fingerprint), written by the owner; their ids. */
export async function seedFindings(
  owner: pg.Client,
  tenantId: string,
  findings: readonly SeededFinding[],
): Promise<string[]> {
  const rows = findings.map((f, i) => ({
    i,
    finding_id: `finding-${randomUUID()}`,
    finding_type: f.type ?? String(f.fingerprint.findingType),
    title: f.title ?? `${f.type ?? String(f.fingerprint.findingType)} finding`,
    severity_label: f.severity ?? 'LOW',
    severity_normalized: SEVERITY[f.severity ?? 'LOW'],
    last_seen_at: f.lastSeenAt.toISOString(),
    verdict: f.verdict ?? 'RAISED',
    fingerprint: f.fingerprint,
  }));
  const { rows: ids } = await owner.query<{ id: string }>(
    `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
       title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources, observables,
       raw, first_seen_at, last_seen_at, triage_status, verdict, verdict_at, fingerprint)
     SELECT $1, 'arn:aws:securityhub:eu-west-1::product/aws/guardduty', r.finding_id, 'securityhub', '710000000001',
       'eu-west-1', r.finding_type, ARRAY[r.finding_type], r.title, r.severity_label, r.severity_normalized,
       r.last_seen_at, r.last_seen_at, '[]', '{}', '{}', r.last_seen_at, r.last_seen_at, 'DONE', r.verdict,
       r.last_seen_at, r.fingerprint
     FROM jsonb_to_recordset($2::jsonb) AS r(i int, finding_id text, finding_type text, title text,
       severity_label text, severity_normalized smallint, last_seen_at timestamptz, verdict text, fingerprint jsonb)
     ORDER BY r.i
     RETURNING id`,
    [tenantId, JSON.stringify(rows)],
  );
  return ids.map((r) => r.id);
}

export async function seedTenantRow(owner: pg.Client, label = 'learn'): Promise<string> {
  const id = randomUUID();
  await owner.query(
    `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'Learning', 'UTC', 'STANDARD')`,
    [id, `${label}-${randomBytes(6).toString('hex')}`],
  );
  return id;
}

/** A finding of a case resolved TRUE_POSITIVE, as the feedback port records it. */
export async function markTruePositive(
  owner: pg.Client,
  tenantId: string,
  findingId: string,
): Promise<string> {
  const caseId = randomUUID();
  await owner.query(
    `INSERT INTO true_positive_findings (case_id, finding_id, tenant_id, finding_type, fingerprint, marked_at)
     SELECT $1, f.id, f.tenant_id, f.finding_type, f.fingerprint, now() FROM findings f WHERE f.tenant_id = $2 AND f.id = $3`,
    [caseId, tenantId, findingId],
  );
  return caseId;
}
