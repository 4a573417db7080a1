import { CloudTrailClient, LookupEventsCommand } from '@aws-sdk/client-cloudtrail';
import { GetFindingsCommand, SecurityHubClient } from '@aws-sdk/client-securityhub';
import {
  AssumeRoleCommand,
  GetCallerIdentityCommand,
  STSClient,
  type ServiceInputTypes,
  type ServiceOutputTypes,
} from '@aws-sdk/client-sts';
import type { FinalizeRequestMiddleware } from '@smithy/types';
import { startAwsEmulator, type AwsCredentials, type RunningAwsEmulator } from '../src/index.js';
import {
  ACCOUNT_A,
  ACCOUNT_B,
  assumeRole,
  errorOf,
  EXTERNAL_ID_A,
  EXTERNAL_ID_B,
  PLATFORM_USER,
  roleArn,
  testSeed,
} from './emulator-fixture.js';

type Client = { destroy(): void };

describe('aws-emulator SigV4 verification and credentials (real SDK clients)', () => {
  let emulator: RunningAwsEmulator;
  const clients: Client[] = [];
  const track = <C extends Client>(client: C): C => {
    clients.push(client);
    return client;
  };
  const sts = (credentials: AwsCredentials, extra: object = {}) =>
    track(new STSClient({ ...emulator.clientConfig({ credentials, maxAttempts: 1 }), ...extra }));
  const hub = (credentials: AwsCredentials) =>
    track(new SecurityHubClient(emulator.clientConfig({ credentials, maxAttempts: 1 })));
  const trail = (credentials: AwsCredentials) =>
    track(new CloudTrailClient(emulator.clientConfig({ credentials, maxAttempts: 1 })));

  beforeEach(async () => {
    emulator = await startAwsEmulator({ port: 0, seed: testSeed() });
  });
  afterEach(async () => {
    clients.splice(0).forEach((client) => client.destroy());
    await emulator.close();
  });

  it('rejects a signature made with the wrong secret, in each protocol', async () => {
    const forged = {
      accessKeyId: PLATFORM_USER.accessKeyId,
      secretAccessKey: 'not-the-secret-0000000000000000',
    };
    const stsError = await errorOf(sts(forged).send(new GetCallerIdentityCommand({})));
    expect(stsError.name).toBe('SignatureDoesNotMatch');
    expect(stsError.$metadata?.httpStatusCode).toBe(403);
    expect((await errorOf(hub(forged).send(new GetFindingsCommand({})))).name).toBe(
      'InvalidSignatureException',
    );
    expect((await errorOf(trail(forged).send(new LookupEventsCommand({})))).name).toBe(
      'InvalidSignatureException',
    );
  });

  it('rejects a request altered after signing', async () => {
    const client = sts(PLATFORM_USER);
    const tamper: FinalizeRequestMiddleware<ServiceInputTypes, ServiceOutputTypes> =
      (next) => async (args) => {
        const request = args.request as { body: string };
        // Same length, another session name: the signed payload hash no longer matches the body.
        request.body = request.body.replace('RoleSessionName=honest', 'RoleSessionName=forged');
        return next(args);
      };
    client.middlewareStack.addRelativeTo(tamper, {
      relation: 'after',
      toMiddleware: 'httpSigningMiddleware',
      name: 'tamperAfterSigning',
    });
    const error = await errorOf(
      client.send(
        new AssumeRoleCommand({
          RoleArn: roleArn(ACCOUNT_A),
          RoleSessionName: 'honest',
          ExternalId: EXTERNAL_ID_A,
        }),
      ),
    );
    expect(error.name).toBe('SignatureDoesNotMatch');
  });

  it('rejects a signature dated outside the 15 minute window', async () => {
    const skewed = sts(PLATFORM_USER, { systemClockOffset: -20 * 60 * 1000 });
    const error = await errorOf(skewed.send(new GetCallerIdentityCommand({})));
    expect(error.name).toBe('SignatureDoesNotMatch');
    expect(error.message).toContain('Signature expired');
  });

  it('rejects unknown access keys and tampered session tokens', async () => {
    const unknown = {
      accessKeyId: 'AKIAUNKNOWNKEY000000',
      secretAccessKey: 'whatever-secret-0000000000000000',
    };
    expect((await errorOf(sts(unknown).send(new GetCallerIdentityCommand({})))).name).toBe(
      'InvalidClientTokenId',
    );
    expect((await errorOf(hub(unknown).send(new GetFindingsCommand({})))).name).toBe(
      'UnrecognizedClientException',
    );
    expect((await errorOf(trail(unknown).send(new LookupEventsCommand({})))).name).toBe(
      'UnrecognizedClientException',
    );

    const session = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    const tampered = { ...session, sessionToken: `${session.sessionToken}x` };
    expect((await errorOf(sts(tampered).send(new GetCallerIdentityCommand({})))).name).toBe(
      'InvalidClientTokenId',
    );
  });

  it('answers ExpiredToken once an account’s credentials are expired early, for that account only', async () => {
    const sessionA = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    const sessionB = await assumeRole(emulator, ACCOUNT_B, EXTERNAL_ID_B);
    await hub(sessionA).send(new GetFindingsCommand({}));

    expect(emulator.admin.expireCredentials(ACCOUNT_A)).toEqual({ expired: 1 });

    const stsError = await errorOf(sts(sessionA).send(new GetCallerIdentityCommand({})));
    expect(stsError.name).toBe('ExpiredToken');
    expect(stsError.$metadata?.httpStatusCode).toBe(400);
    const hubError = await errorOf(hub(sessionA).send(new GetFindingsCommand({})));
    expect(hubError.name).toBe('ExpiredTokenException');
    expect((await errorOf(trail(sessionA).send(new LookupEventsCommand({})))).name).toBe(
      'ExpiredTokenException',
    );
    expect((await hub(sessionB).send(new GetFindingsCommand({}))).Findings).toHaveLength(1);

    // New credentials for the account work again.
    const renewed = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    expect((await hub(renewed).send(new GetFindingsCommand({}))).Findings).toHaveLength(1);
  });

  it('treats a role deleted by fault as gone: AssumeRole denied, live sessions lose access', async () => {
    const session = await assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A);
    emulator.admin.setFaults({ deletedRoleArns: [roleArn(ACCOUNT_A)] });

    const assume = await errorOf(assumeRole(emulator, ACCOUNT_A, EXTERNAL_ID_A));
    expect(assume.name).toBe('AccessDenied');
    const read = await errorOf(hub(session).send(new GetFindingsCommand({})));
    expect(read.name).toBe('AccessDeniedException');
    expect(read.$metadata?.httpStatusCode).toBe(403);

    emulator.admin.resetFaults();
    expect((await hub(session).send(new GetFindingsCommand({}))).Findings).toHaveLength(1);
  });

  it('rejects a credential scoped to another service', async () => {
    const client = track(
      new SecurityHubClient({ ...emulator.clientConfig({ maxAttempts: 1 }), signingName: 'sts' } as never),
    );
    const error = await errorOf(client.send(new GetFindingsCommand({})));
    expect(error.name).toBe('InvalidSignatureException');
    expect(error.message).toContain("scoped to correct service: 'securityhub'");
  });
});
