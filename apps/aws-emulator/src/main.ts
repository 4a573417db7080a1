import { startAwsEmulator } from './start-aws-emulator.js';

/**
 * `node dist/apps/aws-emulator/src/main.js`: a local AWS (STS, Security Hub, CloudTrail) for
 * development. Configured by AWS_EMULATOR_PORT (4566), AWS_EMULATOR_HOST (127.0.0.1) and
 * AWS_EMULATOR_SEED (the shipped demo seed).
 */
async function main(): Promise<void> {
  const port = Number(process.env.AWS_EMULATOR_PORT ?? 4566);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`AWS_EMULATOR_PORT must be a port number, got '${process.env.AWS_EMULATOR_PORT}'`);
  }
  const running = await startAwsEmulator({
    port,
    host: process.env.AWS_EMULATOR_HOST ?? '127.0.0.1',
    seed: process.env.AWS_EMULATOR_SEED || undefined,
  });
  const accounts = running.admin.summary().accounts.map((account) => account.accountId);
  console.log(JSON.stringify({ level: 'info', msg: 'aws-emulator listening', url: running.url, accounts }));

  const shutdown = (signal: string): void => {
    running.close().then(
      () => {
        console.log(JSON.stringify({ level: 'info', msg: 'aws-emulator stopped', signal }));
        process.exit(0);
      },
      (error: unknown) => {
        console.error(
          JSON.stringify({ level: 'error', msg: 'aws-emulator failed to stop', error: String(error) }),
        );
        process.exit(1);
      },
    );
  };
  process.once('SIGTERM', () => shutdown('SIGTERM'));
  process.once('SIGINT', () => shutdown('SIGINT'));
}

main().catch((error: unknown) => {
  console.error(
    JSON.stringify({ level: 'error', msg: 'aws-emulator failed to start', error: String(error) }),
  );
  process.exit(1);
});
