import type { NestExpressApplication } from '@nestjs/platform-express';
import { type SeededTenant, createTestApp, gql, seedTenant } from '../harness/test-app.js';

const CREATE = `mutation ($input: CreateWebhookEndpointInput!) {
  createWebhookEndpoint(input: $input) { secret endpoint { id url } } }`;

/** Without the development flag, only https on public addresses is accepted. */
describe('webhook targets in production settings', () => {
  let api: NestExpressApplication;
  let tenant: SeededTenant;

  beforeAll(async () => {
    api = await createTestApp({ config: { WEBHOOK_ALLOW_INSECURE_TARGETS: 'false' } });
    tenant = await seedTenant(api, 'strict');
  });

  afterAll(async () => {
    await api?.close();
  });

  it.each([
    ['http://93.184.216.34/hook', 'must use https'],
    ['https://127.0.0.1:8443/hook', 'loopback'],
    ['https://localhost/hook', 'resolves to'],
    ['https://169.254.169.254/latest/meta-data/', 'link-local'],
    ['https://192.168.1.20/hook', 'private'],
    ['https://user:pw@93.184.216.34/hook', 'credentials'],
  ])('refuses %s', async (url, reason) => {
    const res = await gql(api, tenant.adminToken, CREATE, { input: { url, eventTypes: ['CASE_CREATED'] } });
    expect(res.body.errors[0].extensions.code).toBe('BAD_USER_INPUT');
    expect(res.body.errors[0].message).toContain(reason);
  });

  it('accepts https on a public address', async () => {
    const res = await gql(api, tenant.adminToken, CREATE, {
      input: { url: 'https://93.184.216.34/hook', eventTypes: ['CASE_CREATED'] },
    });
    expect(res.body.data.createWebhookEndpoint.endpoint.url).toBe('https://93.184.216.34/hook');
  });
});
