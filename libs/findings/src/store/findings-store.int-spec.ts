import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, DatabaseModule, UnitOfWork } from '@sieve/core';
import pg from 'pg';
import type { FindingRecord } from './finding-record.js';
import { FindingsStore } from './findings-store.js';

function record(n: number, patch: Partial<FindingRecord> = {}): FindingRecord {
  return {
    productArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty',
    findingId: `arn:aws:guardduty:us-east-1:123456789012:detector/d/finding/${n}`,
    source: 'securityhub',
    awsAccountId: '123456789012',
    region: 'us-east-1',
    findingType: 'Recon:EC2/PortProbeUnprotectedPort',
    types: ['TTPs/Discovery/Recon:EC2-PortProbeUnprotectedPort'],
    title: `finding ${n}`,
    severityLabel: 'LOW',
    severityNormalized: 20,
    providerCreatedAt: new Date('2026-12-01T00:00:00Z'),
    providerUpdatedAt: new Date('2026-12-01T00:00:00Z'),
    recordState: 'ACTIVE',
    workflowStatus: 'NEW',
    resources: [{ type: 'AwsEc2Instance', id: 'i-1' }],
    observables: { remote: { ip: '198.51.100.7' } },
    raw: { Id: n, Title: patch.title ?? `finding ${n}`, Severity: patch.severityLabel ?? 'LOW' },
    ...patch,
  };
}

describe('FindingsStore', () => {
  let moduleRef: TestingModule;
  let uow: UnitOfWork;
  let store: FindingsStore;
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const tenantId = randomUUID();
  const otherTenantId = randomUUID();

  beforeAll(async () => {
    await owner.connect();
    for (const id of [tenantId, otherTenantId]) {
      await owner.query(
        `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
        [id, `store-${id.slice(0, 8)}`],
      );
    }
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(), DatabaseModule.forRoot({ applicationName: 'test' })],
      providers: [FindingsStore],
    }).compile();
    await moduleRef.init();
    uow = moduleRef.get(UnitOfWork);
    store = moduleRef.get(FindingsStore);
  });

  afterAll(async () => {
    await moduleRef.close();
    await owner.end();
  });

  const write = (records: FindingRecord[], tenant = tenantId) =>
    uow.withTenant(tenant, (m) => store.upsert(m, records));
  const row = async (n: number) =>
    (
      await owner.query(`SELECT * FROM findings WHERE tenant_id = $1 AND finding_id = $2`, [
        tenantId,
        record(n).findingId,
      ])
    ).rows[0];

  it('inserts new findings as needing triage', async () => {
    const results = await write([record(1), record(2)]);
    expect(results.map((r) => [r.outcome, r.needsTriage])).toEqual([
      ['inserted', true],
      ['inserted', true],
    ]);
    expect((await row(1)).triage_status).toBe('PENDING');
  });

  it('ignores a redelivery and an older version, without counting them', async () => {
    await owner.query(`UPDATE findings SET triage_status = 'DONE' WHERE tenant_id = $1`, [tenantId]);
    const again = await write([
      record(1),
      record(1, { providerUpdatedAt: new Date('2026-11-30T00:00:00Z'), title: 'old' }),
    ]);
    expect(again).toEqual([
      expect.objectContaining({ outcome: 'unchanged', needsTriage: false, id: (await row(1)).id }),
    ]);
    expect(await row(1)).toMatchObject({ title: 'finding 1', occurrences: 1, triage_status: 'DONE' });
  });

  it('takes a newer version and counts it, without asking for a new verdict when severity did not rise', async () => {
    const [result] = await write([
      record(1, { providerUpdatedAt: new Date('2026-12-02T00:00:00Z'), title: 'newer' }),
    ]);
    expect(result).toMatchObject({ outcome: 'updated', needsTriage: false });
    expect(await row(1)).toMatchObject({ title: 'newer', occurrences: 2, triage_status: 'DONE' });
  });

  it('does not count a version that only changed workflow bookkeeping (e.g. our own writeback)', async () => {
    await write([record(5, { raw: { Id: 5, Title: 'x', Workflow: { Status: 'NEW' } } })]);
    const [result] = await write([
      record(5, {
        providerUpdatedAt: new Date('2026-12-02T00:00:00Z'),
        workflowStatus: 'SUPPRESSED',
        raw: {
          Id: 5,
          Title: 'x',
          Workflow: { Status: 'SUPPRESSED' },
          Note: { Text: 'Sieve' },
          UpdatedAt: 'later',
        },
      }),
    ]);
    expect(result.outcome).toBe('updated');
    expect(await row(5)).toMatchObject({ occurrences: 1, workflow_status: 'SUPPRESSED' });
  });

  it('asks for a new verdict when the severity rises', async () => {
    const [result] = await write([
      record(2, {
        providerUpdatedAt: new Date('2026-12-02T00:00:00Z'),
        severityLabel: 'HIGH',
        severityNormalized: 70,
      }),
    ]);
    expect(result).toMatchObject({ outcome: 'updated', needsTriage: true });
    expect(await row(2)).toMatchObject({ severity_label: 'HIGH', occurrences: 2, triage_status: 'PENDING' });
  });

  it('still asks for a verdict for a newer version of a finding that had none yet', async () => {
    await write([record(6)]);
    const [result] = await write([record(6, { providerUpdatedAt: new Date('2026-12-02T00:00:00Z') })]);
    expect(result).toMatchObject({ outcome: 'updated', needsTriage: true });
    expect(await row(6)).toMatchObject({ triage_status: 'PENDING' });
  });

  it('keeps the newest of duplicates within one batch', async () => {
    const results = await write([
      record(3, { providerUpdatedAt: new Date('2026-12-03T00:00:00Z'), title: 'newest' }),
      record(3, { title: 'older' }),
    ]);
    expect(results).toHaveLength(1);
    expect(await row(3)).toMatchObject({ title: 'newest', occurrences: 1 });
  });

  it('keeps tenants apart: the same finding id is a different finding in another tenant', async () => {
    const [result] = await write([record(1)], otherTenantId);
    expect(result.outcome).toBe('inserted');
  });

  it('writes large batches in chunks', async () => {
    const many = Array.from({ length: 1_200 }, (_, i) => record(1_000 + i));
    const results = await write(many);
    expect(results.filter((r) => r.outcome === 'inserted')).toHaveLength(1_200);
    expect(new Set(results.map((r) => r.id)).size).toBe(1_200);
  });
});
