import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { GraphQLSchemaHost } from '@nestjs/graphql';
import { printSchema } from 'graphql';
import { createTestApp } from '../harness/test-app.js';

const SCHEMA_FILE = fileURLToPath(new URL('../../apps/api/schema.gql', import.meta.url));

/**
 * The committed `apps/api/schema.gql` is the API's contract for integrators: any change to it shows in
 * review. `npm run schema:update` rewrites it from the code.
 */
describe('GraphQL schema', () => {
  let app: NestExpressApplication;

  beforeAll(async () => {
    app = await createTestApp();
  });

  afterAll(async () => {
    await app.close();
  });

  it('matches the committed apps/api/schema.gql', () => {
    const printed = `${printSchema(app.get(GraphQLSchemaHost).schema)}\n`;
    if (process.env.UPDATE_SCHEMA === '1') writeFileSync(SCHEMA_FILE, printed);
    expect(printed).toBe(readFileSync(SCHEMA_FILE, 'utf8'));
  });
});
