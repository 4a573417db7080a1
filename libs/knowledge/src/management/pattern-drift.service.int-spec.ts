import type { TestingModule } from '@nestjs/testing';
import { ManualClock, UnitOfWork } from '@sieve/core';
import { KnownGoodMatcher } from '../matching/known-good-matcher.js';
import { bootKnowledge, ownerClient, seedTenant, tenantAdmin } from '../testing/knowledge-test-context.js';
import { KnownGoodPatternsService } from './known-good-patterns.service.js';
import { PatternDriftService } from './pattern-drift.service.js';

const DAY = 86_400_000;
const TYPE = 'Recon:EC2/PortProbeUnprotectedPort';
const SETTINGS = { idleDays: 90, graceDays: 14 };

/** Patterns that stop matching fade out: marked after `idleDays`, retired `graceDays` later unless hit. */
describe('PatternDriftService (PostgreSQL)', () => {
  const start = new Date('2027-01-01T00:00:00Z');
  const clock = new ManualClock(start);
  const owner = ownerClient();
  let app: TestingModule;

  const port = (p: string) => [{ feature: 'localPorts', op: 'equals', value: p }];

  async function suppress(tenantId: string, p: string): Promise<string | null> {
    return app.get(UnitOfWork).withTenant(tenantId, async (manager) => {
      const matcher = await app.get(KnownGoodMatcher).forBatch(manager, tenantId, [TYPE]);
      const match = matcher.match({
        findingType: TYPE,
        severityLabel: 'LOW',
        fingerprint: { localPorts: [p] },
      });
      await matcher.commitHits();
      return match?.patternId ?? null;
    });
  }

  const row = async (id: string) =>
    (
      await owner.query(
        `SELECT status, expires_at, drift_marked_at, retired_reason FROM known_good_patterns WHERE id = $1`,
        [id],
      )
    ).rows[0];

  beforeAll(async () => {
    await owner.connect();
    app = await bootKnowledge(clock);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  it('marks idle patterns, lifts the mark on a hit, and retires them when the grace runs out', async () => {
    const tenantId = await seedTenant(owner);
    const admin = tenantAdmin(tenantId);
    const patterns = app.get(KnownGoodPatternsService);
    const drift = app.get(PatternDriftService);
    const create = (name: string, p: string, expiresAt: Date | null = null) =>
      patterns.create(admin, { name, findingType: TYPE, predicates: port(p), expiresAt, activate: true });
    const busy = await create('busy', '22');
    const revived = await create('revived', '80');
    const idle = await create('idle', '443');
    const dated = await create('dated', '8080', new Date(start.getTime() + 100 * DAY));

    clock.set(new Date(start.getTime() + 60 * DAY));
    expect(await suppress(tenantId, '22')).toBe(busy.id);

    clock.set(new Date(start.getTime() + 91 * DAY));
    const first = await drift.sweepTenant(tenantId, SETTINGS);
    expect(first).toEqual({
      revived: [],
      retired: [],
      marked: expect.arrayContaining([revived.id, idle.id]),
    });
    expect(first.marked).toHaveLength(2);
    expect(await row(idle.id)).toMatchObject({
      status: 'ACTIVE',
      expires_at: new Date(start.getTime() + 105 * DAY),
      drift_marked_at: clock.now(),
    });

    clock.advance(DAY);
    expect(await suppress(tenantId, '80')).toBe(revived.id);
    expect(await drift.sweepTenant(tenantId, SETTINGS)).toEqual({
      revived: [revived.id],
      retired: [],
      marked: [],
    });
    expect(await row(revived.id)).toMatchObject({
      status: 'ACTIVE',
      expires_at: null,
      drift_marked_at: null,
    });

    // Past the hand-set expiry of `dated` and the drift expiry of `idle`.
    clock.set(new Date(start.getTime() + 106 * DAY));
    const last = await drift.sweepTenant(tenantId, SETTINGS);
    expect(last.retired.sort()).toEqual([dated.id, idle.id].sort());
    expect(await row(idle.id)).toMatchObject({
      status: 'RETIRED',
      retired_reason: 'no hit since 2027-01-01',
    });
    expect(await row(dated.id)).toMatchObject({ status: 'RETIRED', retired_reason: 'expired' });
    expect(await suppress(tenantId, '443')).toBeNull();
    expect(await suppress(tenantId, '22')).toBe(busy.id);

    const audit = await owner.query(
      `SELECT action, count(*)::int AS n FROM audit_log WHERE tenant_id = $1 AND actor_id = 'pattern-drift'
       GROUP BY action ORDER BY action`,
      [tenantId],
    );
    expect(audit.rows).toEqual([
      { action: 'pattern.drift_marked', n: 2 },
      { action: 'pattern.drift_revived', n: 1 },
      { action: 'pattern.expired', n: 2 },
    ]);
  });

  it('judges a global pattern by its latest hit in any tenant', async () => {
    clock.set(new Date('2028-06-01T00:00:00Z'));
    const tenantId = await seedTenant(owner);
    const activated = new Date(clock.now().getTime() - 200 * DAY);
    const insert = async (name: string) =>
      (
        await owner.query<{ id: string }>(
          `INSERT INTO global_known_good_patterns (name, finding_type, predicates, status, activated_at, created_by)
           VALUES ($1, $2, '[{"feature": "domain", "op": "present"}]', 'ACTIVE', $3, 'pooling') RETURNING id`,
          [name, TYPE, activated],
        )
      ).rows[0].id;
    const used = await insert('used elsewhere');
    const unused = await insert('unused');
    await owner.query(
      `INSERT INTO global_pattern_hits (tenant_id, pattern_id, hits, last_hit_at) VALUES ($1, $2, 4, $3)`,
      [tenantId, used, new Date(clock.now().getTime() - 3 * DAY)],
    );
    const sweep = await app.get(PatternDriftService).sweepGlobal(SETTINGS);
    expect(sweep.marked).toContain(unused);
    expect(sweep.marked).not.toContain(used);
  });
});
