import { MINUTE, WINDOW_MINUTES, groupingTestContext } from '../testing/grouping-test-context.js';

describe('retro-correlation (verdict hook)', () => {
  const t = groupingTestContext();
  const { owner, clock, ingest, judge, raise, caseOf, events, instance } = t;

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
        `${t.slug().toUpperCase()}-${kase.number}; was suppressed by pattern "Scanner probes" (tenant, p-1): probes are expected`,
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
});
