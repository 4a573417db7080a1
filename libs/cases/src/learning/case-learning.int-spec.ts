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
  ManualClock,
  RedisModule,
  TenantRole,
  type UserPrincipal,
  bullRootOptions,
} from '@sieve/core';
import pg from 'pg';
import { CaseDisposition } from '../model/case-status.js';
import { CaseLifecycleService } from '../service/case-lifecycle.service.js';
import { CaseLearningModule } from './case-learning.module.js';

const TYPE = 'Discovery:IAMUser/AnomalousBehavior';

/**
 * The case side of the loop through the real case service: a resolution's learning and feedback happen in
 * its transaction and are written to the case's timeline.
 */
describe('case learning listener (PostgreSQL)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const clock = new ManualClock(new Date());
  let moduleRef: TestingModule;
  let lifecycle: CaseLifecycleService;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot({
          REDIS_PREFIX: `${process.env.REDIS_PREFIX}:case-learning-${randomBytes(3).toString('hex')}`,
        }),
        DatabaseModule.forRoot({ applicationName: 'test-case-learning' }),
        RedisModule,
        ClockModule,
        AuditModule,
        BullModule.forRootAsync({
          inject: [AppConfigService],
          useFactory: (config: AppConfigService) => bullRootOptions(config.values),
        }),
        CaseLearningModule,
      ],
    })
      .overrideProvider(Clock)
      .useValue(clock)
      .compile();
    await moduleRef.init();
    lifecycle = moduleRef.get(CaseLifecycleService);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  /** A tenant with one open case holding findings of the deploy role, and its admin. */
  async function openCase(fingerprints: Record<string, unknown>[]) {
    const tenantId = randomUUID();
    const slug = `cl-${tenantId.slice(0, 8)}`;
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
      [tenantId, slug],
    );
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO cases (tenant_id, number, title, severity_label, severity_normalized, priority, status)
       VALUES ($1, 42, 'deploy role', 'MEDIUM', 50, 3, 'INVESTIGATING') RETURNING id`,
      [tenantId],
    );
    const caseId = rows[0].id;
    const findingIds: string[] = [];
    for (const fingerprint of fingerprints) {
      const finding = await owner.query<{ id: string }>(
        `INSERT INTO findings (tenant_id, product_arn, finding_id, source, aws_account_id, region, finding_type, types,
           title, severity_label, severity_normalized, provider_created_at, provider_updated_at, resources,
           observables, raw, triage_status, verdict, verdict_at, fingerprint)
         VALUES ($1, 'p', $2, 'securityhub', '710000000001', 'eu-west-1', $3, ARRAY[$3], 't', 'MEDIUM', 50, now(), now(),
           '[]', '{}', '{}', 'DONE', 'RAISED', now(), $4) RETURNING id`,
        [tenantId, `f-${randomUUID()}`, TYPE, JSON.stringify(fingerprint)],
      );
      findingIds.push(finding.rows[0].id);
      await owner.query(
        `INSERT INTO case_findings (case_id, finding_id, tenant_id, reason) VALUES ($1, $2, $3, 'raised')`,
        [caseId, finding.rows[0].id, tenantId],
      );
    }
    const admin: UserPrincipal = {
      kind: 'user',
      userId: randomUUID(),
      email: 'admin@example.com',
      platformRole: null,
      tenantId,
      tenantRole: TenantRole.TENANT_ADMIN,
      assignedTenantIds: [],
    };
    return { tenantId, caseId, findingIds, admin, key: `${slug.toUpperCase()}-42` };
  }

  const deploy = (ip: string) => ({
    findingType: TYPE,
    principalKey: '710000000001:role/deploy',
    apiAction: 's3:ListBuckets',
    remoteIp: ip,
    remoteAsn: 7922,
  });

  const timeline = async (caseId: string) =>
    (
      await owner.query<{ type: string; actor_id: string; data: Record<string, unknown> }>(
        `SELECT type, actor_id, data FROM case_events WHERE case_id = $1 AND type LIKE 'PATTERN_%' ORDER BY seq`,
        [caseId],
      )
    ).rows;

  it('proposes a pattern from a benign resolution with learn, and withdraws it when the case is reopened', async () => {
    const { tenantId, caseId, admin, key } = await openCase([deploy('198.51.100.1'), deploy('198.51.100.2')]);
    await lifecycle.resolve(admin, caseId, {
      disposition: CaseDisposition.BENIGN_EXPECTED,
      summary: 'Nightly deploy',
      learn: true,
    });
    const [proposed] = await timeline(caseId);
    expect(proposed).toMatchObject({
      type: 'PATTERN_PROPOSED',
      actor_id: 'pattern-learning',
      data: { reference: 'P-1', findingType: TYPE, findingCount: 2 },
    });
    const patternId = proposed.data.patternId as string;
    const { rows } = await owner.query(
      `SELECT p.status, p.name, p.source_case_id, p.source_analyst_id, pp.case_key, pp.state
       FROM known_good_patterns p JOIN pattern_proposals pp ON pp.pattern_id = p.id WHERE p.id = $1`,
      [patternId],
    );
    expect(rows).toEqual([
      {
        status: 'PROPOSED',
        name: `Learnt from ${key}: Nightly deploy`,
        source_case_id: caseId,
        source_analyst_id: admin.userId,
        case_key: key,
        state: 'PENDING',
      },
    ]);

    await lifecycle.reopen(admin, caseId);
    expect((await timeline(caseId)).map((e) => e.type)).toEqual(['PATTERN_PROPOSED', 'PATTERN_WITHDRAWN']);
    const after = await owner.query(`SELECT status FROM known_good_patterns WHERE tenant_id = $1`, [
      tenantId,
    ]);
    expect(after.rows).toEqual([{ status: 'RETIRED' }]);
  });

  it('learns nothing without learn, nor from a DUPLICATE', async () => {
    for (const [disposition, learn] of [
      [CaseDisposition.BENIGN_EXPECTED, false],
      [CaseDisposition.DUPLICATE, true],
    ] as const) {
      const { tenantId, caseId, admin } = await openCase([deploy('198.51.100.1')]);
      await lifecycle.resolve(admin, caseId, { disposition, summary: 's', learn });
      expect(await timeline(caseId)).toEqual([]);
      const { rows } = await owner.query(
        `SELECT count(*)::int AS n FROM known_good_patterns WHERE tenant_id = $1`,
        [tenantId],
      );
      expect(rows[0].n).toBe(0);
    }
  });

  it('reports a TRUE_POSITIVE resolution as feedback, which retires the active pattern it contradicts', async () => {
    const { tenantId, caseId, findingIds, admin, key } = await openCase([deploy('198.51.100.9')]);
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO known_good_patterns (tenant_id, name, finding_type, predicates, status, created_by)
       VALUES ($1, 'deploy role', $2, '[{"feature": "principalKey", "op": "equals", "value": "710000000001:role/deploy"}]',
               'ACTIVE', 'test') RETURNING id`,
      [tenantId, TYPE],
    );
    await lifecycle.resolve(admin, caseId, {
      disposition: CaseDisposition.TRUE_POSITIVE,
      summary: 'Stolen deploy keys',
      learn: true,
    });
    expect(await timeline(caseId)).toEqual([
      {
        type: 'PATTERN_CONTRADICTED',
        actor_id: 'pattern-learning',
        data: { patternId: rows[0].id, reference: 'P-1', name: 'deploy role', findingIds },
      },
    ]);
    const pattern = await owner.query(
      `SELECT status, retired_reason FROM known_good_patterns WHERE id = $1`,
      [rows[0].id],
    );
    expect(pattern.rows[0]).toEqual({
      status: 'RETIRED',
      retired_reason: `contradicted by a TRUE_POSITIVE finding of ${key}`,
    });
    const marked = await owner.query(`SELECT finding_id FROM true_positive_findings WHERE case_id = $1`, [
      caseId,
    ]);
    expect(marked.rows).toEqual([{ finding_id: findingIds[0] }]);

    await lifecycle.reopen(admin, caseId);
    const withdrawn = await owner.query(
      `SELECT count(*)::int AS n FROM true_positive_findings WHERE case_id = $1`,
      [caseId],
    );
    expect(withdrawn.rows[0].n).toBe(0);
  });
});
