import { randomUUID } from 'node:crypto';
import type { TestingModule } from '@nestjs/testing';
import { type Actor, ManualClock, PlatformRole, appDatabaseUrl, loadConfig } from '@sieve/core';
import pg from 'pg';
import type { Fingerprint, Predicate } from '../patterns/predicate.js';
import { PoolReview } from './pool-review.service.js';
import { PoolingCycle } from './pooling-cycle.service.js';
import {
  bootPooling,
  recordTruePositive,
  seedPattern,
  seedPoolTenant,
  suppressor,
  testFindingType,
} from './pooling-test-context.js';

/** Internet scanners (Censys, AS398324) probing SSH on an instance: the benign archetype of these tests. */
const SCANNERS: Predicate[] = [
  { feature: 'localPorts', op: 'in', values: ['22'] },
  { feature: 'remoteAsn', op: 'asn', asns: [398324] },
  { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
];
const PROBE: Fingerprint = {
  localPorts: ['22'],
  remoteAsn: 398324,
  resourceType: 'AwsEc2Instance',
  remoteIp: '198.51.100.23',
};

interface GlobalRow {
  id: string;
  seq: number;
  status: string;
  predicates: Predicate[];
  tenant_support: number;
  support: Record<string, unknown> | null;
  allow_critical: boolean;
  created_by: string;
  retired_reason: string | null;
}

/**
 * The pooling cycle on the real database, shared with other test files whose cycles may run in between:
 * each test pools a finding type of its own and checks rows, not a cycle's counts. The k-tenant threshold
 * counted in distinct contributing tenants,
 * promotion into global patterns that only consuming tenants apply, retirement within one cycle of a true
 * positive in any tenant, withdrawal, and a platform admin's rejection.
 */
describe('pooling cycle (PostgreSQL + Redis)', () => {
  const clock = new ManualClock(new Date());
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let app: TestingModule;

  const cycle = () => app.get(PoolingCycle).run();
  const contributor = async (type: string, predicates = SCANNERS) => {
    const tenantId = await seedPoolTenant(owner, { contribute: true });
    const patternId = await seedPattern(owner, tenantId, {
      findingType: type,
      predicates: [...predicates, { feature: 'principalName', op: 'equals', value: `role-${tenantId}` }],
      support: { findings: 3, localPorts: ['22'], asns: [398324] },
    });
    return { tenantId, patternId };
  };
  const globals = async (type: string) =>
    (
      await owner.query<GlobalRow>(
        `SELECT id, seq, status, predicates, tenant_support, support, allow_critical, created_by, retired_reason
         FROM global_known_good_patterns WHERE finding_type = $1 ORDER BY seq`,
        [type],
      )
    ).rows;
  const pooled = async (type: string) =>
    (
      await owner.query(
        `SELECT id, state, tenant_support, global_pattern_id, blocked_reason FROM pooled_patterns WHERE finding_type = $1`,
        [type],
      )
    ).rows;
  const audited = async (action: string, targetId: string) =>
    (
      await owner.query(
        `SELECT tenant_id, actor_type, actor_id, details FROM audit_log WHERE action = $1 AND target_id = $2`,
        [action, targetId],
      )
    ).rows;

  beforeAll(async () => {
    await owner.connect();
    app = await bootPooling(clock);
  }, 30_000);

  afterAll(async () => {
    await app?.close();
    await owner.end();
  });

  it('promotes a shape when a third distinct tenant confirms it, and not before', async () => {
    const type = testFindingType();
    await contributor(type);
    await contributor(type);
    const two = await cycle();
    expect(two.threshold).toBe(3);
    expect(await globals(type)).toEqual([]);
    // Below the threshold nothing is written anywhere, not even the shape.
    expect(await pooled(type)).toEqual([]);

    await contributor(type);
    await cycle();
    const [g] = await globals(type);
    expect(g).toMatchObject({
      status: 'ACTIVE',
      tenant_support: 3,
      allow_critical: false,
      created_by: 'pooling',
      predicates: [
        { feature: 'localPorts', op: 'equals', value: '22' },
        { feature: 'remoteAsn', op: 'asn', asns: [398324] },
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
      ],
      support: { findings: 9, localPorts: ['22'], asns: [398324] },
    });
    expect(await pooled(type)).toEqual([
      expect.objectContaining({ state: 'PROMOTED', tenant_support: 3, global_pattern_id: g.id }),
    ]);
    expect(await audited('pool.pattern_promoted', g.id)).toEqual([
      expect.objectContaining({ tenant_id: null, actor_type: 'system', actor_id: 'pooling' }),
    ]);
  }, 30_000);

  it('counts a tenant once however many equivalent patterns it has, and never a tenant that does not contribute', async () => {
    const type = testFindingType();
    const twice = await contributor(type);
    await seedPattern(owner, twice.tenantId, {
      findingType: type,
      predicates: [
        { feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' },
        { feature: 'remoteAsn', op: 'equals', value: 398324 },
        { feature: 'localPorts', op: 'equals', value: '22' },
      ],
    });
    await contributor(type);
    const bystander = await seedPoolTenant(owner, { contribute: false });
    await seedPattern(owner, bystander, { findingType: type, predicates: SCANNERS });
    // A proposal or a retired pattern of a third contributor confirms nothing either.
    const undecided = await seedPoolTenant(owner);
    await seedPattern(owner, undecided, { findingType: type, predicates: SCANNERS, status: 'PROPOSED' });
    await seedPattern(owner, undecided, { findingType: type, predicates: SCANNERS, status: 'RETIRED' });
    await cycle();
    expect(await globals(type)).toEqual([]);

    await owner.query(`UPDATE tenants SET pool_contribute = true WHERE id = $1`, [bystander]);
    await cycle();
    expect(await globals(type)).toEqual([expect.objectContaining({ status: 'ACTIVE', tenant_support: 3 })]);
  }, 30_000);

  it('applies a promoted pattern only in tenants that consume the pool', async () => {
    const type = testFindingType();
    for (let i = 0; i < 3; i++) await contributor(type);
    const consumer = await seedPoolTenant(owner, { contribute: false, consume: true });
    const abstainer = await seedPoolTenant(owner, { contribute: false, consume: false });
    expect(await suppressor(app, consumer, type, PROBE)).toBeNull();

    await cycle();
    const [g] = await globals(type);
    expect(await suppressor(app, consumer, type, PROBE)).toBe(g.id);
    expect(await suppressor(app, abstainer, type, PROBE)).toBeNull();
    // Another port is another behaviour.
    expect(await suppressor(app, consumer, type, { ...PROBE, localPorts: ['3389'] })).toBeNull();
  }, 30_000);

  it('retires a global pattern everywhere within one cycle after one TRUE_POSITIVE in one tenant, for good', async () => {
    const type = testFindingType();
    const contributors = [await contributor(type), await contributor(type), await contributor(type)];
    const consumer = await seedPoolTenant(owner, { contribute: false, consume: true });
    await cycle();
    const [g] = await globals(type);
    expect(await suppressor(app, consumer, type, PROBE)).toBe(g.id);

    // An attack that looks like the archetype, resolved TRUE_POSITIVE in a tenant outside the pool.
    const victim = await seedPoolTenant(owner, { contribute: false, consume: false });
    const findingId = await recordTruePositive(app, owner, victim, {
      findingType: type,
      fingerprint: { ...PROBE, remoteIp: '203.0.113.9', newAsn: true },
    });
    await cycle();
    const [retired] = await globals(type);
    expect(retired).toMatchObject({
      id: g.id,
      status: 'RETIRED',
      retired_reason: 'contradicted: a finding it matches was resolved TRUE_POSITIVE',
    });
    expect(await pooled(type)).toEqual([
      expect.objectContaining({ state: 'BLOCKED', global_pattern_id: g.id, tenant_support: 3 }),
    ]);
    expect(await audited('pool.pattern_contradicted', g.id)).toEqual([
      expect.objectContaining({
        tenant_id: null,
        actor_id: 'pooling',
        details: expect.objectContaining({
          reference: `G-${g.seq}`,
          truePositive: { tenantId: victim, findingId },
        }),
      }),
    ]);
    expect(await suppressor(app, consumer, type, PROBE)).toBeNull();

    // The contributors still vouch for it: it stays blocked, cycle after cycle.
    await cycle();
    expect((await globals(type)).map((r) => r.status)).toEqual(['RETIRED']);
    const active = await owner.query(
      `SELECT count(*)::int AS n FROM known_good_patterns WHERE id = ANY($1) AND status = 'ACTIVE'`,
      [contributors.map((c) => c.patternId)],
    );
    expect(active.rows[0].n).toBe(3);
  }, 30_000);

  it('retires a global pattern whose suppression a true positive carried, whatever its fingerprint says', async () => {
    const type = testFindingType();
    for (let i = 0; i < 3; i++) await contributor(type);
    await cycle();
    const [g] = await globals(type);
    const victim = await seedPoolTenant(owner, { contribute: false, consume: true });
    await recordTruePositive(app, owner, victim, {
      findingType: type,
      fingerprint: {},
      verdictPatternId: g.id,
      verdictPatternScope: 'GLOBAL',
    });
    await cycle();
    expect((await globals(type)).map((r) => r.status)).toEqual(['RETIRED']);
  }, 30_000);

  it('never promotes a confirmed shape that a true positive contradicts', async () => {
    const type = testFindingType();
    const victim = await seedPoolTenant(owner, { contribute: false });
    await recordTruePositive(app, owner, victim, { findingType: type, fingerprint: PROBE });
    for (let i = 0; i < 3; i++) await contributor(type);
    await cycle();
    expect(await globals(type)).toEqual([]);
    expect(await pooled(type)).toEqual([
      expect.objectContaining({ state: 'BLOCKED', global_pattern_id: null, tenant_support: 3 }),
    ]);
  }, 30_000);

  it('withdraws a pattern that fewer than k tenants still confirm, and promotes it afresh when k do again', async () => {
    const type = testFindingType();
    const [first] = [await contributor(type), await contributor(type), await contributor(type)];
    await cycle();
    const [g] = await globals(type);

    await owner.query(`UPDATE known_good_patterns SET status = 'RETIRED' WHERE id = $1`, [first.patternId]);
    await cycle();
    expect(await globals(type)).toEqual([
      expect.objectContaining({
        id: g.id,
        status: 'RETIRED',
        retired_reason: 'support withdrawn: fewer than 3 contributing tenants confirm it',
      }),
    ]);
    expect(await pooled(type)).toEqual([expect.objectContaining({ state: 'WITHDRAWN', tenant_support: 2 })]);

    await contributor(type);
    await cycle();
    const after = await globals(type);
    expect(after.map((r) => r.status)).toEqual(['RETIRED', 'ACTIVE']);
    expect(await pooled(type)).toEqual([
      expect.objectContaining({ state: 'PROMOTED', tenant_support: 3, global_pattern_id: after[1].id }),
    ]);
  }, 30_000);

  it('pools only the support values that k tenants share, for the novelty vetoes of consumers', async () => {
    const type = testFindingType();
    const supports = [
      { findings: 2, countries: ['US', 'FR'], localPorts: ['22'], hostingProviders: ['censys'] },
      { findings: 5, countries: ['US'], localPorts: ['22', '2222'], hostingProviders: ['censys'] },
      { findings: 1, countries: ['US', 'DE'], localPorts: ['22'], hostingProviders: ['censys'], tor: true },
    ];
    for (const support of supports) {
      const tenantId = await seedPoolTenant(owner);
      await seedPattern(owner, tenantId, { findingType: type, predicates: SCANNERS, support });
    }
    await cycle();
    const [g] = await globals(type);
    expect(g.support).toEqual({
      findings: 8,
      countries: ['US'],
      localPorts: ['22'],
      hostingProviders: ['censys'],
    });
  }, 30_000);

  it('lets a platform admin reject a pooled pattern on review: retired everywhere, blocked for good', async () => {
    const type = testFindingType();
    for (let i = 0; i < 3; i++) await contributor(type);
    await cycle();
    const [row] = await pooled(type);
    const admin: Actor = {
      kind: 'user',
      userId: randomUUID(),
      email: 'admin@sieve.example',
      platformRole: PlatformRole.PLATFORM_ADMIN,
      tenantId: null,
      tenantRole: null,
      assignedTenantIds: [],
    };
    const review = app.get(PoolReview);
    const blocked = await review.block(admin, row.id, 'too broad for customers without a bastion');
    expect(blocked).toMatchObject({
      state: 'BLOCKED',
      blockedReason: 'rejected by a platform admin on review',
    });
    expect((await globals(type))[0]).toMatchObject({
      status: 'RETIRED',
      retired_reason: 'rejected by a platform admin on review',
    });
    expect(await audited('pool.pattern_rejected', row.id)).toEqual([
      expect.objectContaining({
        actor_type: 'user',
        actor_id: admin.userId,
        details: expect.objectContaining({ reason: 'too broad for customers without a bastion' }),
      }),
    ]);
    await cycle();
    expect((await globals(type)).map((r) => r.status)).toEqual(['RETIRED']);

    await expect(review.block(admin, row.id, 'again')).rejects.toMatchObject({ code: 'CONFLICT' });
    for (const id of [randomUUID(), 'G-1']) {
      await expect(review.block(admin, id, 'x')).rejects.toMatchObject({ code: 'NOT_FOUND' });
    }
  }, 30_000);

  it('runs one cycle at a time: concurrent runs apply one after the other, both succeed', async () => {
    const type = testFindingType();
    for (let i = 0; i < 3; i++) await contributor(type);
    // Unserialised, both would insert the new shape and one would fail on its unique key.
    await Promise.all([cycle(), cycle()]);
    expect(await globals(type)).toHaveLength(1);
    const state = await owner.query(`SELECT cycles, last_report FROM pooling_state`);
    expect(state.rows[0].cycles).toBeGreaterThanOrEqual(2);
    expect(state.rows[0].last_report).toMatchObject({ threshold: 3 });
  }, 30_000);

  it('keeps the pool to platform scope: a tenant context sees the global patterns, not the pool', async () => {
    const type = testFindingType();
    for (let i = 0; i < 3; i++) await contributor(type);
    await cycle();
    const tenantId = await seedPoolTenant(owner, { consume: true });
    const appRole = new pg.Client({ connectionString: appDatabaseUrl(loadConfig()) });
    await appRole.connect();
    try {
      // Rows of this test's finding type (pooling_state is one row, with no type).
      const count = async (table: string, where = 'finding_type = $1') =>
        (
          await appRole.query(
            `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`,
            where.includes('$1') ? [type] : [],
          )
        ).rows[0].n as number;
      await appRole.query('BEGIN');
      await appRole.query(`SELECT set_config('app.tenant_id', $1, true)`, [tenantId]);
      expect(await count('global_known_good_patterns')).toBe(1);
      expect(await count('pooled_patterns')).toBe(0);
      expect(await count('pooling_state', 'singleton')).toBe(0);
      await expect(
        appRole.query(`UPDATE global_known_good_patterns SET status = 'RETIRED' WHERE finding_type = $1`, [
          type,
        ]),
      ).resolves.toMatchObject({ rowCount: 0 });
      await appRole.query('ROLLBACK');
      await appRole.query('BEGIN');
      await appRole.query(`SELECT set_config('app.platform', 'on', true)`);
      expect(await count('pooled_patterns')).toBe(1);
      expect(await count('pooling_state', 'singleton')).toBe(1);
      await appRole.query('ROLLBACK');
    } finally {
      await appRole.end();
    }
  }, 30_000);
});
