import type { NestExpressApplication } from '@nestjs/platform-express';
import { createTestApp, gql, seedTenant } from '../harness/test-app.js';

describe('smoke', () => {
  let app: NestExpressApplication;
  beforeAll(async () => {
    app = await createTestApp();
  });
  afterAll(async () => {
    await app.close();
  });

  it('answers me', async () => {
    const seeded = await seedTenant(app);
    const res = await gql(app, seeded.adminToken, '{ me { kind user { email } tenant { slug } tenantRole } }');
    expect(res.body).toEqual({});
  });
});
