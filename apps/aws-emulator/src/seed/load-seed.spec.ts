import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { defaultSeedPath } from '../config/default-seed-path.js';
import { loadSeed, SeedError } from './load-seed.js';
import type { Seed } from './seed.types.js';

const minimal = (): Seed => ({
  accounts: [
    {
      accountId: '111111111111',
      users: [
        { userName: 'u', accessKeyId: 'AKIAAAAAAAAAAAAAAAAA', secretAccessKey: 'secret-secret-secret' },
      ],
    },
  ],
});

describe('loadSeed', () => {
  it('loads and validates the shipped demo seed', async () => {
    const seed = await loadSeed(defaultSeedPath());
    const findings = seed.accounts.flatMap((account) =>
      Object.values(account.regions ?? {}).flatMap((region) => region.findings ?? []),
    );
    expect(findings.length).toBeGreaterThanOrEqual(30);
  });

  it('names every offending field of an invalid seed', async () => {
    const seed = minimal();
    seed.accounts[0].users = [{ userName: 'u', accessKeyId: 'ASIA-not-long-term', secretAccessKey: 'short' }];
    seed.accounts.push({
      accountId: '222222222222',
      regions: { 'us-east-1': { findings: [{ Id: 'f', AwsAccountId: '333333333333' }] } },
    });
    const error = await loadSeed(seed).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(SeedError);
    const message = (error as Error).message;
    expect(message).toContain('accounts[0].users[0].accessKeyId');
    expect(message).toContain('accounts[0].users[0].secretAccessKey');
    expect(message).toContain('Title is required');
    expect(message).toContain("must be the account's own id 222222222222");
  });

  it('refuses unknown keys, catching typos', async () => {
    const error = await loadSeed({ ...minimal(), acounts: [] } as Seed).catch((caught: unknown) => caught);
    expect((error as Error).message).toContain('acounts');
  });

  it('reports unreadable and malformed files with their path', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'aws-emulator-seed-'));
    const broken = join(directory, 'broken.json');
    await writeFile(broken, '{ "accounts": ');
    await expect(loadSeed(broken)).rejects.toThrow(`AWS emulator seed ${broken} is not valid JSON`);
    await expect(loadSeed(join(directory, 'missing.json'))).rejects.toThrow('Cannot read AWS emulator seed');
  });

  it('reads YAML seeds too', async () => {
    const directory = await mkdtemp(join(tmpdir(), 'aws-emulator-seed-'));
    const file = join(directory, 'seed.yaml');
    await writeFile(
      file,
      'accounts:\n  - accountId: "111111111111"\n    users:\n      - userName: u\n        accessKeyId: AKIAAAAAAAAAAAAAAAAA\n        secretAccessKey: secret-secret-secret\n',
    );
    expect((await loadSeed(file)).accounts[0].users?.[0].userName).toBe('u');
  });

  it('shifts every timestamp by (load time - timeAnchor), keeping each value’s precision', async () => {
    const seed: Seed = {
      timeAnchor: '2026-01-10T00:00:00Z',
      accounts: [
        {
          accountId: '111111111111',
          regions: {
            'us-east-1': {
              cloudTrailEvents: [
                {
                  record: {
                    eventID: 'e',
                    eventTime: '2026-01-09T00:00:00Z',
                    eventSource: 'iam.amazonaws.com',
                    eventName: 'CreateUser',
                    userIdentity: { type: 'Root', sessionContext: { creationDate: '2026-01-08T00:00:00Z' } },
                  },
                },
              ],
            },
          },
        },
      ],
    };
    const loaded = await loadSeed(seed, Date.parse('2026-03-10T00:00:00.000Z'));
    const record = loaded.accounts[0].regions?.['us-east-1'].cloudTrailEvents?.[0].record;
    expect(record?.eventTime).toBe('2026-03-09T00:00:00Z');
    expect(record?.userIdentity).toEqual({
      type: 'Root',
      sessionContext: { creationDate: '2026-03-08T00:00:00Z' },
    });
  });
});
