import { MINUTE, WINDOW_MINUTES, groupingTestContext } from '../testing/grouping-test-context.js';

describe('case grouping (verdict hook)', () => {
  const t = groupingTestContext();
  const { owner, clock, changes, ingest, judge, raise, caseOf, events, instance } = t;

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
      key: `${t.slug().toUpperCase()}-${web1.number}`,
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
          [t.tenantId()],
        )
      ).rows[0];
    const once = await counts();
    changes.length = 0;
    await judge(batch);
    expect(await counts()).toEqual(once);
    expect(once).toMatchObject({ cases: 1, links: 2 });
    expect(changes).toEqual([]);
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
