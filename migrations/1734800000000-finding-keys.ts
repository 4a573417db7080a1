import { type MigrationInterface, type QueryRunner, TableColumn } from 'typeorm';

/**
 * The resource and principal a finding is about, as plain columns generated from its fingerprint, indexed
 * only once the finding has one. Retro-correlation looks findings up by them on every raised batch; on the
 * expression `fingerprint->>'resourceId'` it could not: `->>` is not leakproof, so under row-level security
 * PostgreSQL never uses it as an index condition, and each lookup read the tenant's whole window instead.
 * A pending finding (no fingerprint yet) adds no entry to either index.
 */
export class FindingKeys1734800000000 implements MigrationInterface {
  name = 'FindingKeys1734800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS findings_fingerprint_resource_idx`);
    await q.query(`DROP INDEX IF EXISTS findings_fingerprint_principal_idx`);
    // Through the query runner, which also records the expressions where TypeORM's schema builder reads them.
    await q.addColumns('findings', [
      generated('resource_key', `fingerprint->>'resourceId'`),
      generated('principal_key', `fingerprint->>'principalKey'`),
    ]);
    await q.query(
      `CREATE INDEX findings_resource_key_idx ON findings (tenant_id, resource_key) WHERE resource_key IS NOT NULL`,
    );
    await q.query(
      `CREATE INDEX findings_principal_key_idx ON findings (tenant_id, principal_key) WHERE principal_key IS NOT NULL`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.dropColumns('findings', ['resource_key', 'principal_key']);
    await q.query(
      `CREATE INDEX findings_fingerprint_resource_idx ON findings (tenant_id, (fingerprint->>'resourceId'))`,
    );
    await q.query(
      `CREATE INDEX findings_fingerprint_principal_idx ON findings (tenant_id, (fingerprint->>'principalKey'))`,
    );
  }
}

function generated(name: string, expression: string): TableColumn {
  return new TableColumn({
    name,
    type: 'text',
    isNullable: true,
    generatedType: 'STORED',
    asExpression: expression,
  });
}
