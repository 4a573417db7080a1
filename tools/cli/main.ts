import 'reflect-metadata';
import { parseArgs } from 'node:util';
import { NestFactory } from '@nestjs/core';
import { ConfigValidationError, loadConfig } from '@sieve/core';
import { runMigrations } from '../../migrations/run-migrations.js';
import { CliModule } from './cli.module.js';
import {
  type Options,
  UsageError,
  assignAnalyst,
  createApiKey,
  createTenant,
  createUser,
  mintToken,
} from './commands/admin.commands.js';
import { seedDemo } from './commands/seed-demo.command.js';

const USAGE = `Usage: npm run cli -- <command> [options]

  migrate                                   apply pending migrations (as the owner in DATABASE_URL)
  seed-demo [--json]                        create or refresh the demo tenant, people and API key
  create-tenant --slug S --name N [--time-zone Europe/Paris] [--tier ESSENTIAL|STANDARD|PREMIUM]
  create-user --email E [--name N] (--tenant SLUG [--role TENANT_ADMIN|TENANT_ANALYST|TENANT_VIEWER]
                                    | --platform-role PLATFORM_ADMIN|MSSP_ANALYST)
  assign-analyst --email E --tenants slug1,slug2
  create-api-key --tenant SLUG --scopes ingest,read,write,admin [--name N]
  token --email E [--tenant SLUG] [--ttl SECONDS]    mint a development JWT`;

const COMMANDS: Record<
  string,
  (app: Awaited<ReturnType<typeof NestFactory.createApplicationContext>>, o: Options) => Promise<unknown>
> = {
  'create-tenant': createTenant,
  'create-user': createUser,
  'assign-analyst': assignAnalyst,
  'create-api-key': createApiKey,
  token: mintToken,
  'seed-demo': seedDemo,
};

async function main(argv: string[]): Promise<number> {
  const { positionals, values } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      json: { type: 'boolean' },
      ...Object.fromEntries(
        [
          'slug',
          'name',
          'time-zone',
          'tier',
          'email',
          'tenant',
          'role',
          'platform-role',
          'tenants',
          'scopes',
          'ttl',
        ].map((name) => [name, { type: 'string' as const }]),
      ),
    },
  });
  const [command] = positionals;
  const options = Object.fromEntries(
    Object.entries(values).map(([k, v]) => [k, typeof v === 'string' ? v : undefined]),
  ) as Options;
  if (command === 'migrate') {
    const config = loadConfig();
    const applied = await runMigrations(config.DATABASE_URL, { appPassword: config.DATABASE_APP_PASSWORD });
    console.log(JSON.stringify({ applied }));
    return 0;
  }
  const run = command ? COMMANDS[command] : undefined;
  if (!run) {
    console.error(USAGE);
    return command ? 2 : 0;
  }
  const app = await NestFactory.createApplicationContext(CliModule, { logger: ['error', 'warn'] });
  try {
    console.log(JSON.stringify(await run(app, options), null, values.json ? undefined : 2));
    return 0;
  } finally {
    await app.close();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const usage =
      error instanceof UsageError || String((error as { code?: string }).code).startsWith('ERR_PARSE_ARGS');
    if (usage || error instanceof ConfigValidationError) console.error((error as Error).message);
    else console.error(error);
    process.exit(usage ? 2 : 1);
  },
);
