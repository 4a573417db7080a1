import { Test, type TestingModule } from '@nestjs/testing';
import { ConfigModule, DatabaseModule, UnitOfWork } from '@sieve/core';
import pg from 'pg';
import { PgChannel } from './pg-channel.js';
import { PgPubSub } from './pg-pubsub.js';

async function until(condition: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

/** NOTIFY/LISTEN between processes: delivered on commit, and the listening connection comes back. */
describe('PgPubSub', () => {
  const owner = new pg.Client({ connectionString: process.env.DATABASE_URL });
  let moduleRef: TestingModule;
  let pubsub: PgPubSub;
  let uow: UnitOfWork;

  beforeAll(async () => {
    await owner.connect();
    moduleRef = await Test.createTestingModule({
      imports: [ConfigModule.forRoot(), DatabaseModule.forRoot({ applicationName: 'test-pubsub' })],
      providers: [PgPubSub],
    }).compile();
    await moduleRef.init();
    pubsub = moduleRef.get(PgPubSub);
    uow = moduleRef.get(UnitOfWork);
  });

  afterAll(async () => {
    await moduleRef?.close();
    await owner.end();
  });

  const publish = (payload: object, fail = false) =>
    uow
      .withPlatform(async (m) => {
        await pubsub.publish(m, PgChannel.CaseChanges, payload);
        if (fail) throw new Error('rollback');
      })
      .catch(() => undefined);

  it('delivers what committed transactions publish, in commit order, and nothing of rolled-back ones', async () => {
    const heard: unknown[] = [];
    const stop = await pubsub.listen(PgChannel.CaseChanges, { onMessage: (p) => heard.push(p) });
    await publish({ n: 1 });
    await publish({ n: 2 }, true);
    await publish({ n: 3 });
    await until(() => heard.length >= 2, 'two notifications');
    expect(heard).toEqual([{ n: 1 }, { n: 3 }]);
    await stop();
    await publish({ n: 4 });
    await publish({ n: 5 });
    await new Promise((r) => setTimeout(r, 200));
    expect(heard).toHaveLength(2);
  });

  it('publishes several payloads in one statement, each heard once and in order', async () => {
    const heard: unknown[] = [];
    const stop = await pubsub.listen(PgChannel.CaseChanges, { onMessage: (p) => heard.push(p) });
    const statements: string[] = [];
    await uow.withPlatform(async (m) => {
      const query = m.query.bind(m);
      m.query = ((sql: string, parameters?: unknown[]) => {
        statements.push(sql);
        return query(sql, parameters);
      }) as typeof m.query;
      await pubsub.publishAll(m, PgChannel.CaseChanges, [{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    });
    await until(() => heard.length >= 4, 'four notifications');
    expect(heard).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }, { n: 4 }]);
    expect(statements).toHaveLength(1);
    await stop();
  });

  it('refuses a payload NOTIFY could not carry', async () => {
    await expect(
      uow.withPlatform((m) => pubsub.publish(m, PgChannel.CaseChanges, { big: 'x'.repeat(8_000) })),
    ).rejects.toThrow(/too large/);
  });

  it('reconnects after losing its connection, tells listeners, and hears again', async () => {
    const heard: unknown[] = [];
    let reconnects = 0;
    const stop = await pubsub.listen(PgChannel.CaseChanges, {
      onMessage: (p) => heard.push(p),
      onReconnect: () => reconnects++,
    });
    await owner.query(
      `SELECT pg_terminate_backend(pid) FROM pg_stat_activity
       WHERE application_name = 'sieve-listen' AND datname = current_database()`,
    );
    await until(() => reconnects === 1, 'the reconnection');
    await publish({ after: 'reconnect' });
    await until(() => heard.length === 1, 'a notification after reconnecting');
    expect(heard).toEqual([{ after: 'reconnect' }]);
    await stop();
  });
});
