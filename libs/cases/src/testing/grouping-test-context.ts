import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  AuditModule,
  Clock,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  ManualClock,
  UnitOfWork,
} from '@sieve/core';
import { Finding } from '@sieve/findings';
import { type JudgedFinding, VerdictHooks } from '@sieve/triage';
import pg from 'pg';
import type { EntityManager } from 'typeorm';
import { CaseChangeListeners, type CaseChange } from '../events/case-change.js';
import { CaseGroupingModule } from '../grouping/case-grouping.module.js';

/** Triage's hook registry alone: what the worker hands the grouping module, without the pipeline. */
@Module({ providers: [VerdictHooks], exports: [VerdictHooks] })
class HooksModule {}

/** The grouping window the context configures. */
export const WINDOW_MINUTES = 60;
export const MINUTE = 60_000;

export interface FindingSpec {
  resource?: string;
  principal?: string;
  severity?: 'LOW' | 'MEDIUM' | 'HIGH' | 'CRITICAL';
  type?: string;
  ip?: string;
  /** When the activity happened (the provider's UpdatedAt); the clock's now when not said. */
  observedAt?: Date;
  /** A Security Hub control finding (of its own product), its type being the control id. */
  control?: boolean;
}

/**
 * The grouping module over the real database, as the worker composes it (triage's hook registry, a manual
 * clock), with a new tenant for each test and what the tests do: store findings as ingest does, judge them as
 * the triage service does (verdicts, then the hooks), and read cases and their timelines back.
 */
export function groupingTestContext() {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const clock = new ManualClock(new Date('2026-03-02T09:00:00Z'));
  const changes: CaseChange[] = [];
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let hooks: VerdictHooks;
  let tenantId: string;
  let slug: string;
  let counter = 0;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({ CASE_GROUPING_WINDOW_MINUTES: String(WINDOW_MINUTES) }),
        DatabaseModule.forRoot({ applicationName: 'test-case-grouping' }),
        ClockModule,
        AuditModule,
        CaseGroupingModule.forTriage({ module: HooksModule, hooks: VerdictHooks }),
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    uow = moduleRef.get(UnitOfWork);
    hooks = moduleRef.get(VerdictHooks);
    moduleRef.get(CaseChangeListeners).register({
      onCaseChanged: async (_manager: EntityManager, change: CaseChange) => {
        changes.push(change);
      },
    });
  });

  beforeEach(async () => {
    tenantId = randomUUID();
    slug = `grp-${tenantId.slice(0, 8)}`;
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
      [tenantId, slug],
    );
    changes.length = 0;
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  /** A finding as ingest stores it (no verdict yet), observed at the clock's now unless the spec says when. */
  async function ingest(spec: FindingSpec): Promise<string> {
    const n = counter++;
    const resource = spec.resource ?? `arn:aws:ec2:us-east-1:510000000001:instance/i-${n}`;
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
         title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources,
         observables, raw)
       VALUES ($1, $10, $2, 'securityhub', '510000000001',
         'us-east-1', $3, '{t}', $4, $5, $6, $9, $9, $7, $8, '{}')
       RETURNING id`,
      [
        tenantId,
        `finding-${n}`,
        spec.type ?? 'Recon:EC2/PortProbeUnprotectedPort',
        `${spec.type ?? 'Port probe'} #${n}`,
        spec.severity ?? 'LOW',
        { LOW: 20, MEDIUM: 50, HIGH: 75, CRITICAL: 95 }[spec.severity ?? 'LOW'],
        JSON.stringify([{ type: 'AwsEc2Instance', id: resource, tags: {} }]),
        JSON.stringify({ localPorts: [22], remote: spec.ip ? { ip: spec.ip } : undefined }),
        spec.observedAt ?? clock.now(),
        `arn:aws:securityhub:us-east-1::product/aws/${spec.control ? 'securityhub' : 'guardduty'}`,
      ],
    );
    return rows[0].id;
  }

  function fingerprintOf(spec: FindingSpec, resource: string): Record<string, unknown> {
    return { resourceId: resource, ...(spec.principal ? { principalKey: spec.principal } : {}) };
  }

  /**
   * What the triage service does for a batch, in one transaction: store the verdicts (at the clock's now),
   * then call the hooks with the judged findings.
   */
  async function judge(
    batch: { id: string; spec: FindingSpec; verdict: 'RAISED' | 'SUPPRESSED' }[],
  ): Promise<void> {
    await uow.withTenant(tenantId, async (manager) => {
      const judged: JudgedFinding[] = [];
      for (const { id, spec, verdict } of batch) {
        const finding = await manager.findOneByOrFail(Finding, { id });
        const fingerprint = fingerprintOf(spec, (finding.resources[0] as { id: string }).id);
        const explanation =
          verdict === 'RAISED'
            ? `Raised: no known-good pattern covers this ${finding.findingType} finding`
            : 'Suppressed by pattern "Scanner probes" (tenant, p-1): probes are expected';
        await manager.query(
          `UPDATE findings SET verdict = $2, fingerprint = $3, verdict_explanation = $4, verdict_at = $5,
             verdict_priority = $6, triage_status = 'DONE' WHERE id = $1`,
          [
            id,
            verdict,
            JSON.stringify(fingerprint),
            explanation,
            clock.now(),
            verdict === 'RAISED' ? 4 : null,
          ],
        );
        judged.push({
          finding,
          fingerprint,
          decision: {
            verdict,
            priority:
              verdict === 'RAISED'
                ? { LOW: 4, MEDIUM: 3, HIGH: 2, CRITICAL: 1 }[spec.severity ?? 'LOW']
                : null,
            explanation,
            note: explanation,
            patternId: null,
            patternScope: null,
          },
        });
      }
      await hooks.afterVerdicts(manager, tenantId, judged);
    });
  }

  async function raise(spec: FindingSpec): Promise<string> {
    const id = await ingest(spec);
    await judge([{ id, spec, verdict: 'RAISED' }]);
    return id;
  }

  async function caseOf(
    findingId: string,
  ): Promise<{ id: string; number: number; severity_label: string; priority: number }[]> {
    const { rows } = await owner.query(
      `SELECT c.id, c.number, c.severity_label, c.priority FROM case_findings cf JOIN cases c ON c.id = cf.case_id
       WHERE cf.finding_id = $1`,
      [findingId],
    );
    return rows;
  }

  async function events(caseId: string): Promise<{ type: string; data: Record<string, unknown> }[]> {
    const { rows } = await owner.query(`SELECT type, data FROM case_events WHERE case_id = $1 ORDER BY seq`, [
      caseId,
    ]);
    return rows;
  }

  const instance = (name: string) => `arn:aws:ec2:us-east-1:510000000001:instance/${name}`;
  return {
    owner,
    clock,
    changes,
    tenantId: () => tenantId,
    slug: () => slug,
    ingest,
    judge,
    raise,
    caseOf,
    events,
    instance,
  };
}
