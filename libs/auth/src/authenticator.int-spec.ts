import { randomUUID } from 'node:crypto';
import { Test, type TestingModule } from '@nestjs/testing';
import {
  ApiKeyScope,
  AuditModule,
  ClockModule,
  ConfigModule,
  DatabaseModule,
  PlatformRole,
  RedisModule,
  SqlStatementCounter,
  type SystemActor,
} from '@sieve/core';
import { ApiKeysService } from '@sieve/tenancy';
import type { Request } from 'express';
import pg from 'pg';
import { AuthModule } from './auth.module.js';
import { Authenticator } from './authenticator.js';
import { TokenIssuer } from './token-issuer.js';

const ACTOR: SystemActor = { kind: 'system', name: 'auth-test' };
const bearer = (credential: string) => ({ headers: { authorization: `Bearer ${credential}` } }) as Request;

/**
 * Principals are built once per credential and reused while the principal epoch stands; any change to
 * users, memberships, assignments, tenants or keys, made by anyone (here: the owner, in plain SQL), is
 * seen by the very next request.
 */
describe('Authenticator (PostgreSQL)', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let moduleRef: TestingModule;
  let auth: Authenticator;
  let statements: SqlStatementCounter;
  let tenantId: string;
  let userId: string;
  let token: string;

  const epoch = async () =>
    (await owner.query<{ epoch: string }>(`SELECT epoch::text FROM principal_epoch`)).rows[0].epoch;

  /** Statements one authentication sends. */
  async function counted(work: () => Promise<unknown>): Promise<number> {
    const before = statements.total;
    await work();
    return statements.total - before;
  }

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [
        ConfigModule.forRoot(),
        ClockModule,
        DatabaseModule.forRoot({ applicationName: 'test-authenticator' }),
        AuditModule,
        RedisModule,
        AuthModule,
      ],
    }).compile();
    await moduleRef.init();
    auth = moduleRef.get(Authenticator);
    statements = moduleRef.get(SqlStatementCounter);
  });

  beforeEach(async () => {
    tenantId = randomUUID();
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
      [tenantId, `auth-${tenantId.slice(0, 8)}`],
    );
    const user = await owner.query<{ id: string }>(
      `INSERT INTO users (email, display_name) VALUES ($1, 'x') RETURNING id`,
      [`auth-${tenantId}@example.com`],
    );
    userId = user.rows[0].id;
    await owner.query(
      `INSERT INTO memberships (tenant_id, user_id, role) VALUES ($1, $2, 'TENANT_ANALYST')`,
      [tenantId, userId],
    );
    token = await moduleRef.get(TokenIssuer).issue({ userId, tenantId });
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  it("reuses a person's principal: one epoch read instead of rebuilding it", async () => {
    const built = await counted(() => auth.authenticate(bearer(token)));
    expect(built).toBeGreaterThan(1);
    let principal: unknown;
    expect(await counted(async () => (principal = await auth.authenticate(bearer(token))))).toBe(1);
    expect(principal).toMatchObject({ kind: 'user', userId, tenantId, tenantRole: 'TENANT_ANALYST' });
  });

  it('refuses a cached person on the request after the membership is removed', async () => {
    await auth.authenticate(bearer(token));
    await owner.query(`DELETE FROM memberships WHERE user_id = $1`, [userId]);
    await expect(auth.authenticate(bearer(token))).rejects.toThrow(/not a member of its tenant/);
  });

  it('refuses a cached person on the request after they are disabled', async () => {
    await auth.authenticate(bearer(token));
    await owner.query(`UPDATE users SET disabled_at = now() WHERE id = $1`, [userId]);
    await expect(auth.authenticate(bearer(token))).rejects.toThrow(/disabled/);
  });

  it("narrows a cached analyst's tenants on the request after an assignment is removed", async () => {
    const other = randomUUID();
    await owner.query(
      `INSERT INTO tenants (id, slug, name, time_zone, contract_tier) VALUES ($1, $2, 'x', 'UTC', 'STANDARD')`,
      [other, `auth-${other.slice(0, 8)}`],
    );
    await owner.query(`UPDATE users SET platform_role = $2 WHERE id = $1`, [
      userId,
      PlatformRole.MSSP_ANALYST,
    ]);
    await owner.query(`INSERT INTO analyst_assignments (user_id, tenant_id) VALUES ($1, $2), ($1, $3)`, [
      userId,
      tenantId,
      other,
    ]);
    const analystToken = await moduleRef.get(TokenIssuer).issue({ userId, tenantId: null });
    expect(await auth.authenticate(bearer(analystToken))).toMatchObject({
      assignedTenantIds: expect.arrayContaining([tenantId, other]),
    });
    await owner.query(`DELETE FROM analyst_assignments WHERE user_id = $1 AND tenant_id = $2`, [
      userId,
      other,
    ]);
    expect(await auth.authenticate(bearer(analystToken))).toMatchObject({ assignedTenantIds: [tenantId] });
  });

  it('refuses a cached API key on the request after it is revoked', async () => {
    const { apiKey, secret } = await moduleRef
      .get(ApiKeysService)
      .create(ACTOR, tenantId, { name: 'siem', scopes: [ApiKeyScope.READ] });
    await auth.authenticate(bearer(secret));
    expect(await counted(() => auth.authenticate(bearer(secret)))).toBe(1);
    await owner.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [apiKey.id]);
    await expect(auth.authenticate(bearer(secret))).rejects.toThrow(/unknown, revoked or expired/);
  });

  it('moves the epoch once per committed change, not for key usage nor for a rolled-back change', async () => {
    const start = BigInt(await epoch());
    await owner.query('BEGIN');
    await owner.query(`UPDATE memberships SET role = 'TENANT_VIEWER' WHERE user_id = $1`, [userId]);
    await owner.query(`UPDATE users SET display_name = 'y' WHERE id = $1`, [userId]);
    expect(BigInt(await epoch())).toBe(start); // not before the commit
    await owner.query('COMMIT');
    expect(BigInt(await epoch())).toBe(start + 1n);

    await owner.query('BEGIN');
    await owner.query(`DELETE FROM memberships WHERE user_id = $1`, [userId]);
    await owner.query('ROLLBACK');
    await owner.query(`UPDATE api_keys SET last_used_at = now() WHERE tenant_id = $1`, [tenantId]);
    expect(BigInt(await epoch())).toBe(start + 1n);
  });
});
