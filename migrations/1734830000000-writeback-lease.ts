import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Writeback rows are leased while they are sent instead of locked in an open transaction: a flush claims its
 * rows (a token and an expiry) and commits, calls Security Hub with no transaction open, then records the
 * outcome for the rows it still holds. A slow or throttled Security Hub no longer keeps a connection idle
 * in a transaction holding row locks; a worker that dies leaves a lease that expires.
 */
export class WritebackLease1734830000000 implements MigrationInterface {
  name = 'WritebackLease1734830000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER TABLE writeback_outbox ADD COLUMN lease_token uuid, ADD COLUMN lease_until timestamptz`,
    );
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE writeback_outbox DROP COLUMN lease_until, DROP COLUMN lease_token`);
  }
}
