import type { TestingModule } from '@nestjs/testing';
import { ManualClock, UnitOfWork } from '@sieve/core';
import { KnownGoodPatternsService } from '../management/known-good-patterns.service.js';
import {
  bootKnowledge,
  eventually,
  ownerClient,
  seedTenant,
  tenantAdmin,
} from '../testing/knowledge-test-context.js';
import { KnownGoodMatcher } from './known-good-matcher.js';
import type { MatchOutcome, MatchQuery, PatternMatch } from './match-result.js';
import { PatternSetCache } from './pattern-set-cache.js';

const PROBE = 'Recon:EC2/PortProbeUnprotectedPort';
const probe = (ports: string[], severityLabel = 'LOW'): MatchQuery => ({
  findingType: PROBE,
  severityLabel,
  fingerprint: { resourceType: 'AwsEc2Instance', localPorts: ports, remoteAsn: 14061 },
});

/**
 * Two workers (two Nest contexts, each with its own compiled sets) on one PostgreSQL and Redis: a change
 * made through one is announced on Redis and reloaded by the other before its next batch; a change it was
 * never told about is noticed by the version check of its next batch.
 */
describe('KnownGoodMatcher across workers (PostgreSQL + Redis)', () => {
  const clock = new ManualClock(new Date('2027-01-15T10:00:00Z'));
  const owner = ownerClient();
  let a: TestingModule;
  let b: TestingModule;

  /** Judges `queries` in one batch of worker `w` (one unit of work), hits committed. */
  async function batch(w: TestingModule, tenantId: string, queries: MatchQuery[]): Promise<MatchOutcome[]> {
    return w.get(UnitOfWork).withTenant(tenantId, async (manager) => {
      const matcher = await w.get(KnownGoodMatcher).forBatch(
        manager,
        tenantId,
        queries.map((q) => q.findingType),
      );
      const outcomes = queries.map((q) => matcher.judge(q));
      await matcher.commitHits();
      return outcomes;
    });
  }

  const matchOf = (o: MatchOutcome): PatternMatch | null => (o.kind === 'MATCH' ? o.match : null);

  beforeAll(async () => {
    await owner.connect();
    a = await bootKnowledge(clock);
    b = await bootKnowledge(clock);
    await a.get(PatternSetCache).listeningReady();
    await b.get(PatternSetCache).listeningReady();
  }, 30_000);

  afterAll(async () => {
    await a?.close();
    await b?.close();
    await owner.end();
  });

  it('reloads a pattern created through another worker on its Redis announcement, before any batch asks', async () => {
    const tenantId = await seedTenant(owner);
    expect((await batch(a, tenantId, [probe(['22'])]))[0]).toEqual({ kind: 'NONE' });
    const heldBefore = a.get(PatternSetCache).heldVersion(tenantId)!;

    const created = await b.get(KnownGoodPatternsService).create(tenantAdmin(tenantId), {
      name: 'Bastion probes',
      description: 'The bastion is exposed on purpose',
      findingType: PROBE,
      predicates: [{ feature: 'localPorts', op: 'in', values: ['22'] }],
      activate: true,
    });
    await eventually('worker A to reload', () => a.get(PatternSetCache).heldVersion(tenantId)! > heldBefore);

    const [outcome] = await batch(a, tenantId, [probe(['22'])]);
    expect(matchOf(outcome)).toEqual({
      patternId: created.id,
      reference: 'P-1',
      scope: 'TENANT',
      name: 'Bastion probes',
      description: 'The bastion is exposed on purpose',
      earlierHits: 0,
      confidence: 1,
    });
  }, 15_000);

  it('notices a change nobody announced on the version check of its next batch', async () => {
    const tenantId = await seedTenant(owner);
    expect((await batch(a, tenantId, [probe(['443'])]))[0].kind).toBe('NONE');
    const { rows } = await owner.query<{ id: string }>(
      `INSERT INTO known_good_patterns (tenant_id, name, finding_type, predicates, status, created_by)
       VALUES ($1, 'Web tier', $2, '[{"feature": "localPorts", "op": "equals", "value": "443"}]', 'ACTIVE', 'sql')
       RETURNING id`,
      [tenantId, PROBE],
    );
    const [outcome] = await batch(a, tenantId, [probe(['443'])]);
    expect(matchOf(outcome)?.patternId).toBe(rows[0].id);
  });

  it('stops matching a retired pattern in every worker', async () => {
    const tenantId = await seedTenant(owner);
    const admin = tenantAdmin(tenantId);
    const patterns = a.get(KnownGoodPatternsService);
    const p = await patterns.create(admin, {
      name: 'SSH',
      findingType: PROBE,
      predicates: [{ feature: 'localPorts', op: 'equals', value: '22' }],
      activate: true,
    });
    expect(matchOf((await batch(a, tenantId, [probe(['22'])]))[0])?.patternId).toBe(p.id);
    expect(matchOf((await batch(b, tenantId, [probe(['22'])]))[0])?.patternId).toBe(p.id);
    await patterns.retire(admin, p.id, 'bastion decommissioned');
    expect((await batch(a, tenantId, [probe(['22'])]))[0].kind).toBe('NONE');
    expect((await batch(b, tenantId, [probe(['22'])]))[0].kind).toBe('NONE');
  });

  it('counts hits once per suppression, in the batch transaction, without reloading the set', async () => {
    const tenantId = await seedTenant(owner);
    const p = await a.get(KnownGoodPatternsService).create(tenantAdmin(tenantId), {
      name: 'SSH',
      findingType: PROBE,
      predicates: [{ feature: 'localPorts', op: 'equals', value: '22' }],
      activate: true,
    });
    const first = await batch(a, tenantId, [probe(['22']), probe(['22']), probe(['3389'])]);
    expect(first.map((o) => matchOf(o)?.earlierHits ?? null)).toEqual([0, 1, null]);
    const version = a.get(PatternSetCache).heldVersion(tenantId);
    clock.advance(60_000);
    const second = await batch(a, tenantId, [probe(['22'])]);
    expect(matchOf(second[0])?.earlierHits).toBe(2);
    // Hit counts are bookkeeping: they do not move the set's version, so nothing was recompiled.
    expect(a.get(PatternSetCache).heldVersion(tenantId)).toBe(version);
    const { rows } = await owner.query(
      `SELECT hits::int, last_hit_at FROM known_good_patterns WHERE id = $1`,
      [p.id],
    );
    expect(rows).toEqual([{ hits: 3, last_hit_at: clock.now() }]);
  });

  it('applies global patterns only to tenants that consume the pool, after their own, counting hits on their side', async () => {
    const consumer = await seedTenant(owner, { consumesPool: true });
    const abstainer = await seedTenant(owner);
    const { rows } = await owner.query<{ id: string; seq: number }>(
      `INSERT INTO global_known_good_patterns (name, finding_type, predicates, status, tenant_support, created_by)
       VALUES ('Internet scanners on SSH', $1, '[{"feature": "localPorts", "op": "equals", "value": "22"},
         {"feature": "remoteAsn", "op": "asn", "asns": [14061]}]', 'ACTIVE', 3, 'pooling')
       RETURNING id, seq`,
      [PROBE],
    );
    const global = rows[0];

    expect((await batch(a, abstainer, [probe(['22'])]))[0].kind).toBe('NONE');
    const [pooled] = await batch(a, consumer, [probe(['22'])]);
    expect(matchOf(pooled)).toMatchObject({
      patternId: global.id,
      reference: `G-${global.seq}`,
      scope: 'GLOBAL',
    });
    const hits = await owner.query(
      `SELECT tenant_id, hits::int FROM global_pattern_hits WHERE pattern_id = $1`,
      [global.id],
    );
    expect(hits.rows).toEqual([{ tenant_id: consumer, hits: 1 }]);

    // The tenant's own pattern comes first, even a less specific one.
    const own = await a.get(KnownGoodPatternsService).create(tenantAdmin(consumer), {
      name: 'Our bastion',
      findingType: PROBE,
      predicates: [{ feature: 'localPorts', op: 'equals', value: '22' }],
      activate: true,
    });
    expect(matchOf((await batch(b, consumer, [probe(['22'])]))[0])?.patternId).toBe(own.id);
  });

  it('explains a vetoed match, and never suppresses a CRITICAL finding the pattern does not allow', async () => {
    const tenantId = await seedTenant(owner);
    await a.get(KnownGoodPatternsService).create(tenantAdmin(tenantId), {
      name: 'Bastion probes',
      findingType: PROBE,
      predicates: [{ feature: 'resourceType', op: 'equals', value: 'AwsEc2Instance' }],
      support: { findings: 12, localPorts: ['22'] },
      activate: true,
    });
    const [port, critical] = await batch(a, tenantId, [probe(['3389']), probe(['22'], 'CRITICAL')]);
    expect(port).toMatchObject({
      kind: 'VETOED',
      vetoed: [{ reference: 'P-1', vetoes: [{ kind: 'PORT_NOT_EXPOSED', value: '3389' }] }],
    });
    expect(critical).toMatchObject({ kind: 'VETOED', vetoed: [{ vetoes: [{ kind: 'CRITICAL_SEVERITY' }] }] });
  });
});
