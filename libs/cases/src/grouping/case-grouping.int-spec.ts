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
import { CaseGroupingModule } from './case-grouping.module.js';

/** Triage's hook registry alone: what the worker hands the grouping module, without the pipeline. */
@Module({ providers: [VerdictHooks], exports: [VerdictHooks] })
class HooksModule {}

const WINDOW_MINUTES = 60;
const MINUTE = 60_000;

interface FindingSpec {
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

describe('case grouping (verdict hook)', () => {
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

  it('puts findings of one batch on one resource into one case and opens another for a different resource', async () => {
    const a = { resource: instance('i-web'), ip: '198.51.100.7' };
    const b = { resource: instance('i-db') };
    const ids = [await ingest(a), await ingest(a), await ingest(b)];
    await judge([
      { id: ids[0], spec: a, verdict: 'RAISED' },
      { id: ids[1], spec: a, verdict: 'RAISED' },
      { id: ids[2], spec: b, verdict: 'RAISED' },
    ]);
    const [web1] = await caseOf(ids[0]);
    const [web2] = await caseOf(ids[1]);
    const [db] = await caseOf(ids[2]);
    expect(web1.id).toBe(web2.id);
    expect(db.id).not.toBe(web1.id);
    expect([web1.number, db.number].sort()).toEqual([1, 2]);

    const timeline = await events(web1.id);
    expect(timeline.map((e) => e.type)).toEqual([
      'CREATED',
      'FINDING_ATTACHED',
      'FINDING_ATTACHED',
      'OBSERVABLE_ADDED',
      'OBSERVABLE_ADDED',
    ]);
    expect(timeline[0].data).toMatchObject({
      key: `${slug.toUpperCase()}-${web1.number}`,
      source: 'grouping',
    });
    expect(timeline[1].data).toMatchObject({ findingId: ids[0], reason: 'raised' });
    const { rows: observables } = await owner.query(
      `SELECT type, value, source FROM case_observables WHERE case_id = $1 ORDER BY type`,
      [web1.id],
    );
    expect(observables).toEqual([
      { type: 'IP', value: '198.51.100.7', source: 'FINDING' },
      { type: 'RESOURCE_ARN', value: instance('i-web'), source: 'FINDING' },
    ]);
    // One publish per case for the batch.
    expect(changes.map((c) => c.caseId).sort()).toEqual([web1.id, db.id].sort());
  });

  it('adds a later finding on the resource to the open case, and its severity and priority follow the worst finding', async () => {
    const spec = { resource: instance('i-web') };
    const first = await raise(spec);
    clock.advance(30 * MINUTE);
    const worse = await raise({ ...spec, severity: 'HIGH', type: 'Backdoor:EC2/C&CActivity.B' });
    const [kase] = await caseOf(first);
    expect(await caseOf(worse)).toEqual([kase]);
    expect(kase).toMatchObject({ severity_label: 'HIGH', priority: 2 });
    const timeline = await events(kase.id);
    expect(timeline.at(-1)).toEqual({
      type: 'SEVERITY_CHANGED',
      data: { from: 'LOW', to: 'HIGH', fromPriority: 4, toPriority: 2 },
    });
  });

  it('groups on the principal across resources', async () => {
    const principal = '510000000001:role/deploy';
    const first = await raise({ resource: instance('i-a'), principal });
    const second = await raise({ resource: instance('i-b'), principal });
    expect((await caseOf(second))[0].id).toBe((await caseOf(first))[0].id);
  });

  it('opens a new case once the open one has been quiet for longer than the window', async () => {
    const spec = { resource: instance('i-web') };
    const first = await raise(spec);
    clock.advance((WINDOW_MINUTES - 1) * MINUTE);
    const within = await raise(spec);
    expect((await caseOf(within))[0].id).toBe((await caseOf(first))[0].id);
    // The window counts from the case's last activity (the second finding), not from its creation.
    clock.advance((WINDOW_MINUTES + 1) * MINUTE);
    const after = await raise(spec);
    const [later] = await caseOf(after);
    expect(later.id).not.toBe((await caseOf(first))[0].id);
    expect(later.number).toBe(2);
  });

  it('attaches nothing twice and opens no second case when a batch is run again', async () => {
    const spec = { resource: instance('i-web') };
    const ids = [await ingest(spec), await ingest(spec)];
    const batch = ids.map((id) => ({ id, spec, verdict: 'RAISED' as const }));
    await judge(batch);
    const counts = async () =>
      (
        await owner.query(
          `SELECT (SELECT count(*) FROM cases WHERE tenant_id = $1)::int AS cases,
                  (SELECT count(*) FROM case_findings WHERE tenant_id = $1)::int AS links,
                  (SELECT count(*) FROM case_events WHERE tenant_id = $1)::int AS events`,
          [tenantId],
        )
      ).rows[0];
    const once = await counts();
    changes.length = 0;
    await judge(batch);
    expect(await counts()).toEqual(once);
    expect(once).toMatchObject({ cases: 1, links: 2 });
    expect(changes).toEqual([]);
  });

  it('retro-correlates a suppressed port probe: attached as context, re-labelled RAISED with the reason, writeback corrected', async () => {
    const host = { resource: instance('i-bastion'), ip: '203.0.113.9' };
    const tooOld = await ingest(host);
    await judge([{ id: tooOld, spec: host, verdict: 'SUPPRESSED' }]);
    clock.advance((WINDOW_MINUTES + 5) * MINUTE);
    const probe = await ingest(host);
    await judge([{ id: probe, spec: host, verdict: 'SUPPRESSED' }]);
    await owner.query(
      `INSERT INTO writeback_outbox (tenant_id, finding_id, verdict_at, aws_account_id, region, product_arn,
         provider_finding_id, workflow_status, note)
       SELECT tenant_id, id, verdict_at, aws_account_id, region, product_arn, finding_id, 'SUPPRESSED', 'n'
       FROM findings WHERE id = $1`,
      [probe],
    );
    expect(await caseOf(probe)).toEqual([]);

    clock.advance(10 * MINUTE);
    const compromise = await raise({ ...host, severity: 'HIGH', type: 'Backdoor:EC2/C&CActivity.B' });
    const [kase] = await caseOf(compromise);
    expect(await caseOf(probe)).toEqual([kase]);
    expect(await caseOf(tooOld)).toEqual([]);

    const { rows: links } = await owner.query(
      `SELECT finding_id, reason FROM case_findings WHERE case_id = $1 ORDER BY reason`,
      [kase.id],
    );
    expect(links).toEqual([
      { finding_id: probe, reason: 'correlated' },
      { finding_id: compromise, reason: 'raised' },
    ]);
    const { rows: relabelled } = await owner.query(
      `SELECT verdict, verdict_explanation, verdict_priority FROM findings WHERE id = $1`,
      [probe],
    );
    expect(relabelled[0]).toEqual({
      verdict: 'RAISED',
      verdict_priority: 2,
      verdict_explanation:
        `Raised (correlated): precedes Backdoor:EC2/C&CActivity.B on the same resource in case ` +
        `${slug.toUpperCase()}-${kase.number}; was suppressed by pattern "Scanner probes" (tenant, p-1): probes are expected`,
    });
    const { rows: outbox } = await owner.query(
      `SELECT workflow_status, note, sent_at FROM writeback_outbox WHERE finding_id = $1 ORDER BY id`,
      [probe],
    );
    expect(outbox.map((o) => o.workflow_status)).toEqual(['SUPPRESSED', 'NOTIFIED']);
    expect(outbox[1].note).toMatch(
      /^Sieve: raised for analyst review \(priority 2\)\. Raised \(correlated\): precedes/,
    );
    const attached = (await events(kase.id)).filter((e) => e.type === 'FINDING_ATTACHED');
    expect(attached.map((e) => [e.data.findingId, e.data.reason, e.data.relabelled])).toEqual([
      [compromise, 'raised', false],
      [probe, 'correlated', true],
    ]);
  });

  it('retro-correlates through the principal: a suppressed call on another resource joins the case, said to be on the same principal', async () => {
    const principal = '510000000001:role/web-app-role';
    const discovery = {
      resource: instance('i-app-1'),
      principal,
      type: 'Discovery:IAMUser/AnomalousBehavior',
    };
    const earlier = await ingest(discovery);
    await judge([{ id: earlier, spec: discovery, verdict: 'SUPPRESSED' }]);
    clock.advance(5 * MINUTE);
    const exfiltration = await raise({
      resource: instance('i-app-2'),
      principal,
      severity: 'HIGH',
      type: 'UnauthorizedAccess:IAMUser/InstanceCredentialExfiltration.OutsideAWS',
    });
    const [kase] = await caseOf(exfiltration);
    expect(await caseOf(earlier)).toEqual([kase]);
    const { rows } = await owner.query(`SELECT verdict, verdict_explanation FROM findings WHERE id = $1`, [
      earlier,
    ]);
    expect(rows[0].verdict).toBe('RAISED');
    expect(rows[0].verdict_explanation).toMatch(
      /^Raised \(correlated\): precedes UnauthorizedAccess:IAMUser\/InstanceCredentialExfiltration\.OutsideAWS on the same principal in case /,
    );
  });

  it('does not take suppressed findings of the raised type as precursors: a raised SSH probe leaves the web probes suppressed', async () => {
    const host = { resource: instance('i-web-fleet-7'), ip: '203.0.113.10' };
    const webProbe = await ingest(host);
    await judge([{ id: webProbe, spec: host, verdict: 'SUPPRESSED' }]);
    clock.advance(5 * MINUTE);
    const sshProbe = await raise(host);
    expect(await caseOf(sshProbe)).toHaveLength(1);
    expect(await caseOf(webProbe)).toEqual([]);
    const { rows } = await owner.query(`SELECT verdict FROM findings WHERE id = $1`, [webProbe]);
    expect(rows[0].verdict).toBe('SUPPRESSED');
  });

  it("opens a new case when the resource's case was resolved, pulling the earlier raised finding in as grouped", async () => {
    const spec = { resource: instance('i-web') };
    const earlier = await raise(spec);
    const [resolved] = await caseOf(earlier);
    await owner.query(
      `UPDATE cases SET status = 'RESOLVED', disposition = 'FALSE_POSITIVE', resolution_summary = 's' WHERE id = $1`,
      [resolved.id],
    );
    clock.advance(10 * MINUTE);
    const again = await raise(spec);
    const [reopened] = await caseOf(again);
    expect(reopened.id).not.toBe(resolved.id);
    // The earlier finding keeps its link to the resolved case (history) and joins the new one as context.
    expect((await caseOf(earlier)).map((c) => c.id).sort()).toEqual([resolved.id, reopened.id].sort());
    const { rows } = await owner.query(
      `SELECT reason FROM case_findings WHERE case_id = $1 AND finding_id = $2`,
      [reopened.id, earlier],
    );
    expect(rows).toEqual([{ reason: 'grouped' }]);
  });

  it('groups a backlog by when things happened: a late batch of day-old findings joins no case of today', async () => {
    const host = instance('i-backlog');
    const today = await raise({ resource: host });
    // An account connected late: its finding on the same instance happened two days ago, judged now.
    const twoDaysAgo = new Date(clock.now().getTime() - 2 * 24 * 60 * MINUTE);
    const old = await raise({ resource: host, observedAt: twoDaysAgo });
    expect((await caseOf(old))[0].id).not.toBe((await caseOf(today))[0].id);
    // Another finding of that old day, judged later still, joins the old one's case.
    clock.advance(3 * 60 * MINUTE);
    const oldToo = await raise({ resource: host, observedAt: new Date(twoDaysAgo.getTime() + 20 * MINUTE) });
    expect((await caseOf(oldToo))[0].id).toBe((await caseOf(old))[0].id);
  });

  it('groups findings that happened within the window however long apart Sieve judged them', async () => {
    const host = instance('i-slow-feed');
    const happened = clock.now();
    const first = await raise({ resource: host, observedAt: happened });
    clock.advance(3 * WINDOW_MINUTES * MINUTE);
    const second = await raise({ resource: host, observedAt: new Date(happened.getTime() + 10 * MINUTE) });
    expect((await caseOf(second))[0].id).toBe((await caseOf(first))[0].id);
  });

  it('retro-correlates on when the earlier finding happened, not on when it was judged', async () => {
    const host = { resource: instance('i-replayed'), ip: '203.0.113.11' };
    const start = clock.now();
    // Judged just now, but it happened long before the compromise: not its precursor.
    const stale = await ingest({
      ...host,
      observedAt: new Date(start.getTime() - (WINDOW_MINUTES + 30) * MINUTE),
    });
    await judge([{ id: stale, spec: host, verdict: 'SUPPRESSED' }]);
    // Happened shortly before the compromise, judged long before it (server time): its precursor.
    const probe = await ingest({ ...host, observedAt: new Date(start.getTime() - 20 * MINUTE) });
    await judge([{ id: probe, spec: host, verdict: 'SUPPRESSED' }]);
    clock.advance(5 * WINDOW_MINUTES * MINUTE);
    const compromise = await raise({
      ...host,
      severity: 'HIGH',
      type: 'Backdoor:EC2/C&CActivity.B',
      observedAt: start,
    });
    const [kase] = await caseOf(compromise);
    expect(await caseOf(probe)).toEqual([kase]);
    expect(await caseOf(stale)).toEqual([]);
    const { rows } = await owner.query(`SELECT verdict FROM findings WHERE id = $1`, [stale]);
    expect(rows[0].verdict).toBe('SUPPRESSED');
  });

  it('puts one failing control on several buckets of an account into one case while it is open, however far apart', async () => {
    const bucket = (name: string) => `arn:aws:s3:::${name}`;
    const www = await raise({ resource: bucket('acme-www'), type: 'S3.8', control: true });
    clock.advance(3 * WINDOW_MINUTES * MINUTE);
    const docs = await raise({ resource: bucket('acme-docs'), type: 'S3.8', control: true });
    const other = await raise({ resource: bucket('acme-media'), type: 'S3.2', control: true });
    expect((await caseOf(docs))[0].id).toBe((await caseOf(www))[0].id);
    expect((await caseOf(other))[0].id).not.toBe((await caseOf(www))[0].id);
  });
});
