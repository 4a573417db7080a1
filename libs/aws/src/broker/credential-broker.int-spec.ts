import { ManualClock, SieveException } from '@sieve/core';
import { startAwsEmulator, type RunningAwsEmulator } from '../../../../apps/aws-emulator/src/index.js';
import { AwsAccessException } from '../errors/aws-access.exception.js';
import { AwsPlatformCredentials } from '../platform-credentials.js';
import { SecurityHubGateway } from '../securityhub/security-hub-client.js';
import { CallerIdentityService } from '../sts/caller-identity.js';
import {
  type AwsClientsTestContext,
  createAwsClientsTestModule,
  DEMO_TARGET,
} from '../testing/aws-clients.fixture.js';
import { CredentialBroker } from './credential-broker.js';

describe('CredentialBroker against the AWS emulator', () => {
  let emulator: RunningAwsEmulator;
  let context: AwsClientsTestContext | undefined;

  const start = async (options: Parameters<typeof createAwsClientsTestModule>[1] = {}) => {
    context = await createAwsClientsTestModule(emulator, options);
    return { ...context, broker: context.module.get(CredentialBroker) };
  };
  const assumeRoleCalls = () => emulator.admin.counters().byOperation.AssumeRole ?? 0;
  const rejection = async (promise: Promise<unknown>): Promise<unknown> =>
    promise.then(
      () => {
        throw new Error('expected a rejection');
      },
      (error: unknown) => error,
    );

  beforeAll(async () => {
    emulator = await startAwsEmulator({ port: 0 });
  });
  beforeEach(() => emulator.admin.reset());
  afterEach(async () => {
    await context?.module.close();
    context = undefined;
  });
  afterAll(() => emulator.close());

  it('assumes the role once and serves the cached credentials afterwards', async () => {
    const { broker } = await start();
    const first = await broker.credentialsFor(DEMO_TARGET);
    const second = await broker.credentialsFor(DEMO_TARGET);
    expect(second.accessKeyId).toBe(first.accessKeyId);
    expect(first.sessionToken).toBeTruthy();
    expect(assumeRoleCalls()).toBe(1);
  });

  it('assumes the role again once the credentials are within five minutes of expiry', async () => {
    const clock = new ManualClock(new Date());
    const { broker } = await start({ clock });
    const first = await broker.credentialsFor(DEMO_TARGET);
    expect(first.expiration!.getTime() - clock.now().getTime()).toBeGreaterThan(59 * 60_000);

    clock.advance(54 * 60_000);
    expect((await broker.credentialsFor(DEMO_TARGET)).accessKeyId).toBe(first.accessKeyId);
    expect(assumeRoleCalls()).toBe(1);

    clock.advance(61_000); // 55 min 1 s after issue: less than 5 min left
    const refreshed = await broker.credentialsFor(DEMO_TARGET);
    expect(refreshed.accessKeyId).not.toBe(first.accessKeyId);
    expect(assumeRoleCalls()).toBe(2);
  });

  it('makes 100 concurrent callers share exactly one AssumeRole', async () => {
    const { broker } = await start();
    emulator.admin.setFaults({ latencyMs: 100, operations: ['AssumeRole'] });
    const all = await Promise.all(Array.from({ length: 100 }, () => broker.credentialsFor(DEMO_TARGET)));
    expect(new Set(all.map((credentials) => credentials.accessKeyId)).size).toBe(1);
    expect(assumeRoleCalls()).toBe(1);
  });

  it('refuses a wrong ExternalId clearly, shares the failure with waiting callers and does not cache it', async () => {
    const { broker, health } = await start();
    const wrong = { ...DEMO_TARGET, externalId: 'sieve-wrong-0000000000000000000000000000' };
    emulator.admin.setFaults({ latencyMs: 50, operations: ['AssumeRole'] });

    const failures = await Promise.all(
      Array.from({ length: 10 }, () => rejection(broker.credentialsFor(wrong))),
    );
    expect(assumeRoleCalls()).toBe(1);
    for (const failure of failures) {
      expect(failure).toBeInstanceOf(AwsAccessException);
      expect((failure as AwsAccessException).code).toBe('FORBIDDEN');
      expect((failure as Error).message).toContain(`Sieve could not assume ${DEMO_TARGET.roleArn}`);
      expect((failure as Error).message).toContain('ExternalId');
    }

    await expect(broker.credentialsFor(wrong)).rejects.toBeInstanceOf(AwsAccessException);
    expect(assumeRoleCalls()).toBe(2);
    // The right ExternalId still works: nothing about the role was remembered as broken.
    await expect(broker.credentialsFor(DEMO_TARGET)).resolves.toHaveProperty('accessKeyId');
    expect(health.degraded).toEqual([]);
  });

  it('re-assumes transparently when AWS revoked the session early', async () => {
    const { module, health } = await start();
    const hub = module.get(SecurityHubGateway);
    await hub.getFindingsPage(DEMO_TARGET, { maxResults: 1 });
    expect(emulator.admin.expireCredentials(DEMO_TARGET.accountId).expired).toBe(1);

    const page = await hub.getFindingsPage(DEMO_TARGET, { maxResults: 1 });

    expect(page.findings).toHaveLength(1);
    expect(assumeRoleCalls()).toBe(2);
    expect(emulator.admin.counters().outcomes.GetFindings).toEqual({ OK: 2, ExpiredTokenException: 1 });
    expect(health.degraded).toEqual([]);
  });

  it('re-assumes once when the role was deleted, then marks the account degraded naming the role', async () => {
    const { module, health } = await start();
    const hub = module.get(SecurityHubGateway);
    await hub.getFindingsPage(DEMO_TARGET, { maxResults: 1 });
    emulator.admin.setFaults({ deletedRoleArns: [DEMO_TARGET.roleArn] });

    const failure = await rejection(hub.getFindingsPage(DEMO_TARGET, { maxResults: 1 }));

    expect(failure).toBeInstanceOf(AwsAccessException);
    const counters = emulator.admin.counters();
    expect(counters.outcomes.AssumeRole).toEqual({ OK: 1, AccessDenied: 1 });
    expect(counters.outcomes.GetFindings).toEqual({ OK: 1, AccessDeniedException: 1 });
    expect(health.degraded).toHaveLength(1);
    expect(health.degraded[0].target.roleArn).toBe(DEMO_TARGET.roleArn);
    expect(health.degraded[0].reason).toContain(DEMO_TARGET.roleArn);
    expect(health.degraded[0].reason).toBe((failure as Error).message);
  });

  it('names the missing permission when a fresh session is still refused', async () => {
    const role = emulator.admin.registerRole(DEMO_TARGET.accountId, {
      roleName: 'SieveReadNoWrite',
      trustPolicy: trustOfDemoRole(emulator),
      permissions: ['securityhub:GetFindings'],
    });
    const { module, health } = await start();
    const target = { ...DEMO_TARGET, roleArn: role.arn };

    const failure = await rejection(
      module.get(SecurityHubGateway).batchUpdateFindings(target, {
        identifiers: [{ Id: 'any', ProductArn: 'arn:aws:securityhub:us-east-1::product/aws/guardduty' }],
        workflowStatus: 'SUPPRESSED',
      }),
    );

    expect(failure).toBeInstanceOf(AwsAccessException);
    expect((failure as Error).message).toBe(
      `The role ${role.arn} lacks securityhub:BatchUpdateFindings: add it to the role's permissions (Sieve's CloudFormation template grants it)`,
    );
    expect(assumeRoleCalls()).toBe(2);
    expect(health.degraded.map((entry) => entry.reason)).toEqual([(failure as Error).message]);
  });

  it("treats STS refusing Sieve's own credentials as a platform fault, not the customer's", async () => {
    const { broker, health } = await start({
      platformCredentials: new AwsPlatformCredentials({
        accessKeyId: 'AKIANOTAREALKEY00001',
        secretAccessKey: 'notTheRightSecretAccessKey00000000000000',
      }),
    });
    const failure = await rejection(
      broker.withRoleCredentials(DEMO_TARGET, 'sts:GetCallerIdentity', async () => 1),
    );
    expect(failure).toBeInstanceOf(SieveException);
    expect(failure).not.toBeInstanceOf(AwsAccessException);
    expect((failure as SieveException).code).toBe('INTERNAL_SERVER_ERROR');
    expect(health.degraded).toEqual([]);
  });

  it("reports the assumed role's caller identity, with the tenant in the session name", async () => {
    const { module } = await start();
    const identity = await module.get(CallerIdentityService).callerIdentity(DEMO_TARGET);
    expect(identity).toEqual({
      account: DEMO_TARGET.accountId,
      arn: `arn:aws:sts::${DEMO_TARGET.accountId}:assumed-role/SieveReadOnly/sieve-${DEMO_TARGET.tenantId.replaceAll('-', '')}`,
    });
  });
});

/** The demo role's trust policy, so a second role trusts Sieve the same way. */
function trustOfDemoRole(emulator: RunningAwsEmulator) {
  const role = emulator.state.identity.findRole(DEMO_TARGET.roleArn);
  if (!role) throw new Error('the demo seed has no SieveReadOnly role');
  return role.trustPolicy;
}
