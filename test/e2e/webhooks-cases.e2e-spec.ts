import { randomBytes } from 'node:crypto';
import { type IncomingHttpHeaders, type Server, createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Test, type TestingModule } from '@nestjs/testing';
import { AppConfigService, loadConfig } from '@sieve/core';
import pg from 'pg';
import { Webhook } from 'standardwebhooks';
import request from 'supertest';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';
import { asffFinding, securityHubEvent } from '../fixtures/asff.js';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

interface Message {
  id: string;
  type: string;
  data: Record<string, unknown> & { case: Record<string, unknown> };
}

/**
 * Case changes become signed webhooks, whichever process makes them: an analyst's change through the API,
 * or triage in the worker raising a finding into a new case.
 */
describe('case webhooks', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  const accountId = '370000000001';
  const messages: Message[] = [];
  let server: Server;
  let secret: string;
  let api: NestExpressApplication;
  let worker: TestingModule;
  let tenant: SeededTenant;

  async function waitFor(predicate: (m: Message) => boolean, what: string): Promise<Message> {
    const deadline = Date.now() + 20_000;
    for (;;) {
      const found = messages.find(predicate);
      if (found) return found;
      if (Date.now() > deadline)
        throw new Error(`no ${what} webhook; got ${messages.map((m) => m.type).join(', ')}`);
      await new Promise((r) => setTimeout(r, 25));
    }
  }

  const mutate = async (query: string, variables: Record<string, unknown>) => {
    const res = await gql(api, tenant.adminToken, query, variables);
    expect(res.body.errors).toBeUndefined();
    return res.body.data;
  };

  beforeAll(async () => {
    await owner.connect();
    server = createServer((req, res) => {
      let body = '';
      req.on('data', (c: Buffer) => (body += c.toString()));
      req.on('end', () => {
        // Only verified messages count: a bad signature fails the test by never arriving.
        const verified = new Webhook(secret).verify(
          body,
          req.headers as IncomingHttpHeaders & Record<string, string>,
        );
        messages.push({ id: req.headers['webhook-id'] as string, ...(verified as Omit<Message, 'id'>) });
        res.writeHead(204).end();
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const config = {
      WEBHOOK_ALLOW_INSECURE_TARGETS: 'true',
      REDIS_PREFIX: `${process.env.REDIS_PREFIX}:case-hooks-${randomBytes(3).toString('hex')}`,
    };
    api = await createTestApp({ config });
    worker = await Test.createTestingModule({ imports: [WorkerModule] })
      .overrideProvider(AppConfigService)
      .useValue({ values: loadConfig({ ...process.env, ...config }) } satisfies AppConfigService)
      .compile();
    await worker.init();
    tenant = await seedTenant(api, 'casehooks');
    await owner.query(
      `INSERT INTO aws_accounts (tenant_id, account_id, role_arn, regions, external_id, status, created_by)
       VALUES ($1, $2, 'arn:aws:iam::370000000001:role/Sieve', '{us-east-1}', 'x', 'ACTIVE', 'test')`,
      [tenant.tenant.id, accountId],
    );
    const created = await mutate(
      `mutation ($url: String!) { createWebhookEndpoint(input: { url: $url,
         eventTypes: [CASE_CREATED, CASE_UPDATED, CASE_RESOLVED, FINDING_RAISED, SLA_WARNING, SLA_BREACHED] }) { secret } }`,
      { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/sieve` },
    );
    secret = created.createWebhookEndpoint.secret;
  }, 30_000);

  afterAll(async () => {
    await worker?.close();
    await api?.close();
    server?.closeAllConnections();
    await new Promise((r) => server?.close(r));
    await owner.end();
  });

  it('announces a case opened, changed and resolved by an analyst', async () => {
    const { createCase } = await mutate(
      'mutation { createCase(input: { title: "Suspicious console login", severity: HIGH }) { id key } }',
      {},
    );
    const opened = await waitFor(
      (m) => m.type === 'case.created' && m.data.case.id === createCase.id,
      'case.created',
    );
    expect(opened.data).toMatchObject({
      case: {
        key: createCase.key,
        status: 'NEW',
        severity: 'HIGH',
        priority: expect.any(Number),
        assigneeId: null,
      },
      change: { type: 'CREATED', actor: { type: 'USER', id: tenant.adminUserId } },
    });
    expect(opened.data.case.slaState).toEqual(expect.any(String));

    await mutate('mutation ($id: ID!) { addComment(caseId: $id, body: "Looking into it") { id } }', {
      id: createCase.id,
    });
    const updated = await waitFor(
      (m) => m.type === 'case.updated' && m.data.case.id === createCase.id,
      'case.updated',
    );
    expect(updated.data.changes).toEqual([expect.objectContaining({ type: 'COMMENTED' })]);

    await mutate(
      'mutation ($id: ID!) { resolveCase(id: $id, disposition: FALSE_POSITIVE, summary: "Admin on travel") { id } }',
      { id: createCase.id },
    );
    const resolved = await waitFor(
      (m) => m.type === 'case.resolved' && m.data.case.id === createCase.id,
      'case.resolved',
    );
    expect(resolved.data).toMatchObject({
      case: { status: 'RESOLVED', disposition: 'FALSE_POSITIVE' },
      change: {
        type: 'RESOLVED',
        data: expect.objectContaining({ disposition: 'FALSE_POSITIVE', summary: 'Admin on travel' }),
      },
    });
    // The resolution's own status change is part of case.resolved, not a separate case.updated.
    const ids = messages.filter((m) => m.data.case.id === createCase.id).map((m) => m.type);
    expect(ids).toEqual(['case.created', 'case.updated', 'case.resolved']);
  });

  it('announces the case and the finding when triage in the worker raises a pushed finding', async () => {
    const finding = asffFinding(accountId, 1, {
      Severity: { Label: 'HIGH', Normalized: 70 },
      Types: ['TTPs/Initial Access/UnauthorizedAccess:IAMUser-ConsoleLoginSuccess.B'],
      Title: 'Console login from an unusual place',
    });
    const res = await request(api.getHttpServer())
      .post('/ingest/events')
      .set('x-api-key', tenant.apiKey)
      .set('content-type', 'application/json')
      .send(JSON.stringify(securityHubEvent(accountId, [finding])));
    expect(res.status).toBe(202);

    const raised = await waitFor((m) => m.type === 'finding.raised', 'finding.raised');
    expect(raised.data.finding).toMatchObject({
      id: expect.any(String),
      severity: 'HIGH',
      awsAccountId: accountId,
      region: 'us-east-1',
      title: 'Console login from an unusual place',
    });
    const opened = await waitFor(
      (m) => m.type === 'case.created' && m.data.case.id === raised.data.case.id,
      'case.created of the new case',
    );
    expect(opened.data.case.key).toMatch(/^CASEHOOKS-/);
    // One message per (change, endpoint): no duplicates across the worker's retries and sweeps.
    expect(new Set(messages.map((m) => m.id)).size).toBe(messages.length);
  });
});
