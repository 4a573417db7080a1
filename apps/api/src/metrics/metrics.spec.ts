import { ApolloDriver, type ApolloDriverConfig } from '@nestjs/apollo';
import { Controller, Get, Global, type INestApplication, Module, Param } from '@nestjs/common';
import { APP_FILTER, APP_GUARD } from '@nestjs/core';
import { GraphQLModule, Query, Resolver } from '@nestjs/graphql';
import { Test } from '@nestjs/testing';
import { AuthorizationGuard, Public, SieveExceptionFilter, SqlStatementCounter } from '@sieve/core';
import request from 'supertest';
import { GraphqlMetricsPlugin } from './graphql-metrics.plugin.js';
import { MetricsModule } from './metrics.module.js';

/** What DatabaseModule provides to the API: the DataSource's statement counter. */
@Global()
@Module({ providers: [SqlStatementCounter], exports: [SqlStatementCounter] })
class StatementCounterModule {}

@Controller('items')
class ItemsController {
  @Get(':id')
  @Public()
  get(@Param('id') id: string): { id: string } {
    return { id };
  }

  @Get(':id/secret')
  secret(): never {
    throw new Error('the guard refuses the request first');
  }
}

@Resolver()
@Public()
class GreetingResolver {
  @Query(() => String)
  hello(): string {
    return 'hello';
  }

  @Query(() => String)
  broken(): string {
    throw new Error('resolver failed');
  }
}

async function bootApp(): Promise<INestApplication> {
  const moduleRef = await Test.createTestingModule({
    imports: [
      StatementCounterModule,
      MetricsModule,
      // The wiring the API uses: the plugin comes from MetricsModule's DI, added to Apollo's plugins.
      GraphQLModule.forRootAsync<ApolloDriverConfig>({
        driver: ApolloDriver,
        imports: [MetricsModule],
        inject: [GraphqlMetricsPlugin],
        useFactory: (metricsPlugin: GraphqlMetricsPlugin) => ({
          autoSchemaFile: true,
          plugins: [metricsPlugin],
        }),
      }),
    ],
    controllers: [ItemsController],
    providers: [
      GreetingResolver,
      { provide: APP_GUARD, useClass: AuthorizationGuard },
      { provide: APP_FILTER, useClass: SieveExceptionFilter },
    ],
  }).compile();
  const app = moduleRef.createNestApplication({ logger: false });
  await app.init();
  return app;
}

/** The value of one sample line, e.g. `name{a="b"} 3`, or undefined if absent. */
function sample(metrics: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels).map(([k, v]) => `${k}="${v}"`);
  for (const line of metrics.split('\n')) {
    const match = /^([a-z_:]+)\{(.*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const present = match[2].split(/,(?=[a-z_]+=")/);
    if (wanted.every((w) => present.includes(w))) return Number(match[3]);
  }
  return undefined;
}

describe('metrics', () => {
  let app: INestApplication;

  beforeAll(async () => {
    app = await bootApp();
  });

  afterAll(async () => {
    await app?.close();
  });

  const scrape = async (): Promise<string> => {
    const res = await request(app.getHttpServer()).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
    return res.text;
  };

  it('exposes default Node.js metrics with the sieve_ prefix', async () => {
    const metrics = await scrape();
    expect(metrics).toMatch(/^sieve_process_cpu_user_seconds_total \d/m);
    expect(metrics).toContain('# TYPE sieve_nodejs_eventloop_lag_seconds gauge');
    expect(metrics).toContain('# TYPE sieve_http_request_duration_seconds histogram');
  });

  it('counts the SQL statements the DataSource sent', async () => {
    const counter = app.get(SqlStatementCounter);
    const before = /^sieve_db_statements_total (\d+)$/m.exec(await scrape());
    counter.logQuery();
    counter.logQuery();
    const after = /^sieve_db_statements_total (\d+)$/m.exec(await scrape());
    expect(Number(after?.[1]) - Number(before?.[1])).toBe(2);
  });

  it('times requests by route pattern, never by raw URL', async () => {
    await request(app.getHttpServer()).get('/items/42').expect(200);
    await request(app.getHttpServer()).get('/items/43').expect(200);
    await request(app.getHttpServer()).get('/items/44/secret').expect(401);
    await request(app.getHttpServer()).get('/no/such/route/7').expect(404);

    const metrics = await scrape();
    expect(
      sample(metrics, 'sieve_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/items/:id',
        status_code: '200',
      }),
    ).toBe(2);
    expect(
      sample(metrics, 'sieve_http_request_duration_seconds_count', {
        method: 'GET',
        route: '(unmatched)',
        status_code: '404',
      }),
    ).toBe(1);
    // Refused by the guard, which interceptors would never have seen.
    expect(
      sample(metrics, 'sieve_http_request_duration_seconds_count', {
        method: 'GET',
        route: '/items/:id/secret',
        status_code: '401',
      }),
    ).toBe(1);
    expect(metrics).not.toMatch(/route="[^"]*\d/);
  });

  it('labels GraphQL requests by operation and counts operations by outcome', async () => {
    const server = app.getHttpServer();
    await request(server).post('/graphql').send({ query: 'query Greeting { hello }' }).expect(200);
    await request(server).post('/graphql').send({ query: '{ hello }' }).expect(200);
    await request(server).post('/graphql').send({ query: 'query Broken { broken }' }).expect(200);
    await request(server).post('/graphql').send({ query: 'query Invalid { nope }' }).expect(400);

    const metrics = await scrape();
    const count = (labels: Record<string, string>) =>
      sample(metrics, 'sieve_graphql_operations_total', labels);
    expect(count({ operation_type: 'query', operation_name: 'Greeting', outcome: 'success' })).toBe(1);
    expect(count({ operation_type: 'query', operation_name: '(anonymous)', outcome: 'success' })).toBe(1);
    expect(count({ operation_type: 'query', operation_name: 'Broken', outcome: 'error' })).toBe(1);
    expect(count({ operation_type: 'unknown', operation_name: '(unknown)', outcome: 'rejected' })).toBe(1);

    const duration = (labels: Record<string, string>) =>
      sample(metrics, 'sieve_http_request_duration_seconds_count', {
        method: 'POST',
        route: '/graphql',
        ...labels,
      });
    expect(duration({ status_code: '200', operation_type: 'query', operation_name: 'Greeting' })).toBe(1);
    expect(duration({ status_code: '400', operation_type: 'unknown', operation_name: '(unknown)' })).toBe(1);
  });

  it('keeps each application’s metrics in its own registry', async () => {
    const other = await bootApp();
    try {
      const res = await request(other.getHttpServer()).get('/metrics').expect(200);
      expect(res.text).not.toContain('route="/items/:id"');
    } finally {
      await other.close();
    }
  });
});
