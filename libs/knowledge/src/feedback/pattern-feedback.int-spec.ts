import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { ManualClock, UnitOfWork } from '@sieve/core';
import pg from 'pg';
import { bootLearning, seedFindings, seedTenantRow } from '../learning/testing/learning-test-context.js';
import type { Fingerprint, Predicate } from '../patterns/predicate.js';
import { PatternFeedback } from './pattern-feedback.service.js';

const TYPE = 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS';

describe('PatternFeedback: true positives contradict patterns (PostgreSQL)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const clock = new ManualClock(new Date());
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let feedback: PatternFeedback;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await bootLearning(clock);
    uow = moduleRef.get(UnitOfWork);
    feedback = moduleRef.get(PatternFeedback);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  async function pattern(
    tenantId: string,
    predicates: Predicate[],
    status = 'ACTIVE',
    type = TYPE,
  ): Promise<string> {
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO known_good_patterns (tenant_id, name, finding_type, predicates, status, created_by)
       VALUES ($1, 'p', $2, $3, $4, 'test') RETURNING id`,
      [tenantId, type, JSON.stringify(predicates), status],
    );
    return rows[0].id;
  }

  const status = async (id: string) =>
    (await owner.query(`SELECT status, retired_reason FROM known_good_patterns WHERE id = $1`, [id])).rows[0];

  it('records the true positives and retires the active patterns they contradict, with an audit trace', async () => {
    const tenantId = await seedTenantRow(owner);
    const stolen: Fingerprint = {
      findingType: TYPE,
      principalKey: '710000000001:role/deploy',
      remoteAsn: 14061,
    };
    const [findingId] = await seedFindings(owner, tenantId, [
      { fingerprint: stolen, lastSeenAt: new Date() },
    ]);
    const matching = await pattern(tenantId, [
      { feature: 'principalKey', op: 'equals', value: '710000000001:role/deploy' },
    ]);
    const suppressedIt = await pattern(tenantId, [{ feature: 'remoteAsn', op: 'asn', asns: [7922] }]);
    const unrelated = await pattern(tenantId, [{ feature: 'remoteAsn', op: 'asn', asns: [16509] }]);
    const proposal = await pattern(
      tenantId,
      [{ feature: 'remoteAsn', op: 'asn', asns: [14061] }],
      'PROPOSED',
    );
    const otherType = await pattern(
      tenantId,
      [{ feature: 'remoteAsn', op: 'asn', asns: [14061] }],
      'ACTIVE',
      'Recon:EC2/Portscan',
    );
    const globalId = randomUUID();
    const caseId = randomUUID();

    const contradicted = await uow.withTenant(tenantId, (manager) =>
      feedback.recordTruePositives(manager, {
        tenantId,
        caseId,
        caseKey: 'TP-3',
        findings: [
          {
            id: findingId,
            findingType: TYPE,
            fingerprint: stolen,
            verdictPatternId: suppressedIt,
            verdictPatternScope: 'TENANT',
          },
        ],
      }),
    );
    expect(contradicted.map((c) => c.patternId).sort()).toEqual([matching, suppressedIt].sort());
    expect(contradicted[0]).toMatchObject({
      findingIds: [findingId],
      reference: expect.stringMatching(/^P-\d+$/),
    });
    for (const id of [matching, suppressedIt]) {
      expect(await status(id)).toEqual({
        status: 'RETIRED',
        retired_reason: 'contradicted by a TRUE_POSITIVE finding of TP-3',
      });
    }
    for (const id of [unrelated, otherType]) expect((await status(id)).status).toBe('ACTIVE');
    // A proposal is not retired: its backtest refuses it.
    expect((await status(proposal)).status).toBe('PROPOSED');
    const audit = await owner.query(
      `SELECT target_id, actor_id, details->>'caseKey' AS case_key FROM audit_log
       WHERE tenant_id = $1 AND action = 'pattern.contradicted' ORDER BY target_id`,
      [tenantId],
    );
    expect(audit.rows).toEqual(
      [matching, suppressedIt]
        .sort()
        .map((id) => ({ target_id: id, actor_id: 'pattern-feedback', case_key: 'TP-3' })),
    );

    // The port the backtest and the pooling job read.
    await uow.withTenant(tenantId, async (manager) => {
      expect(await feedback.isTruePositive(manager, tenantId, findingId)).toBe(true);
      expect(await feedback.isTruePositive(manager, tenantId, randomUUID())).toBe(false);
    });
    const since = new Date(Date.now() - 60_000);
    const { contradictions, truePositives } = await uow.withPlatform(async (manager) => ({
      contradictions: await feedback.contradictedSince(manager, since),
      truePositives: await feedback.truePositivesSince(manager, since),
    }));
    expect(
      contradictions
        .filter((c) => c.tenantId === tenantId)
        .map((c) => [c.patternId, c.scope])
        .sort(),
    ).toEqual(
      [
        [matching, 'TENANT'],
        [suppressedIt, 'TENANT'],
      ].sort(),
    );
    expect(truePositives.find((t) => t.findingId === findingId)).toMatchObject({
      caseId,
      fingerprint: stolen,
      retiredPatternIds: expect.arrayContaining([matching, suppressedIt]),
    });

    // A global pattern's suppression, corrected later, is reported for the pooling job.
    const [pooled] = await seedFindings(owner, tenantId, [{ fingerprint: stolen, lastSeenAt: new Date() }]);
    await uow.withTenant(tenantId, (manager) =>
      feedback.recordTruePositives(manager, {
        tenantId,
        caseId: randomUUID(),
        caseKey: 'TP-4',
        findings: [
          {
            id: pooled,
            findingType: TYPE,
            fingerprint: stolen,
            verdictPatternId: globalId,
            verdictPatternScope: 'GLOBAL',
          },
        ],
      }),
    );
    const later = await uow.withPlatform((manager) => feedback.contradictedSince(manager, since));
    expect(later).toContainEqual(
      expect.objectContaining({ patternId: globalId, scope: 'GLOBAL', findingId: pooled }),
    );
  });

  it('withdraws the true positives of a reopened case; what it retired stays retired', async () => {
    const tenantId = await seedTenantRow(owner);
    const fp: Fingerprint = { findingType: TYPE, principalKey: '710000000001:role/ci' };
    const [findingId] = await seedFindings(owner, tenantId, [{ fingerprint: fp, lastSeenAt: new Date() }]);
    const retired = await pattern(tenantId, [
      { feature: 'principalKey', op: 'equals', value: '710000000001:role/ci' },
    ]);
    const caseId = randomUUID();
    await uow.withTenant(tenantId, (manager) =>
      feedback.recordTruePositives(manager, {
        tenantId,
        caseId,
        caseKey: 'TP-9',
        findings: [
          {
            id: findingId,
            findingType: TYPE,
            fingerprint: fp,
            verdictPatternId: null,
            verdictPatternScope: null,
          },
        ],
      }),
    );
    const withdrawn = await uow.withTenant(tenantId, (manager) =>
      feedback.withdrawCase(manager, tenantId, caseId),
    );
    expect(withdrawn).toBe(1);
    await uow.withTenant(tenantId, async (manager) => {
      expect(await feedback.isTruePositive(manager, tenantId, findingId)).toBe(false);
    });
    expect((await status(retired)).status).toBe('RETIRED');
  });
});
