import { pendingSchemaChanges } from './run-migrations.js';

describe('migrations', () => {
  it('cover every entity: the schema builder has nothing left to change', async () => {
    const pending = await pendingSchemaChanges(process.env.DATABASE_URL!);
    expect(pending).toEqual([]);
  });
});
