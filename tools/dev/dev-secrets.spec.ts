import { mkdtemp, readFile, rm, stat, writeFile, chmod } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadOrCreateDevSecrets } from './dev-secrets.js';

describe('loadOrCreateDevSecrets', () => {
  let dir: string;
  let file: string;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'dev-secrets-'));
    file = join(dir, 'nested', 'dev-secrets.json');
  });

  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('generates 48-byte secrets once, stores them owner-only, and returns the same ones next time', async () => {
    const first = await loadOrCreateDevSecrets(file, {});
    expect(first.generated).toEqual(['JWT_SECRET', 'DATABASE_APP_PASSWORD']);
    for (const value of Object.values(first.secrets)) {
      expect(Buffer.from(value, 'base64url')).toHaveLength(48);
      expect(value).toMatch(/^[A-Za-z0-9_-]{64}$/); // URL-safe: goes into connection URLs as is
    }
    expect(first.secrets.JWT_SECRET).not.toBe(first.secrets.DATABASE_APP_PASSWORD);
    expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual(first.secrets);

    const second = await loadOrCreateDevSecrets(file, {});
    expect(second.secrets).toEqual(first.secrets);
    expect(second.generated).toEqual([]);
  });

  it('prefers the environment and never writes its values to the file', async () => {
    const result = await loadOrCreateDevSecrets(file, { JWT_SECRET: 'from-env-'.repeat(5) });
    expect(result.secrets.JWT_SECRET).toBe('from-env-'.repeat(5));
    expect(result.fromEnv).toEqual(['JWT_SECRET']);
    expect(result.generated).toEqual(['DATABASE_APP_PASSWORD']);
    const stored = JSON.parse(await readFile(file, 'utf8'));
    expect(stored).toEqual({ DATABASE_APP_PASSWORD: result.secrets.DATABASE_APP_PASSWORD });
  });

  it('adds a missing secret to an existing file without touching the others', async () => {
    await loadOrCreateDevSecrets(file, { DATABASE_APP_PASSWORD: 'x' });
    const before = JSON.parse(await readFile(file, 'utf8'));
    const after = await loadOrCreateDevSecrets(file, {});
    expect(after.secrets.JWT_SECRET).toBe(before.JWT_SECRET);
    expect(after.generated).toEqual(['DATABASE_APP_PASSWORD']);
  });

  it('tightens a file that was left readable by others', async () => {
    await loadOrCreateDevSecrets(file, {});
    await chmod(file, 0o644);
    await loadOrCreateDevSecrets(file, {});
    expect((await stat(file)).mode & 0o777).toBe(0o600);
  });

  it('refuses to overwrite a corrupt file', async () => {
    await loadOrCreateDevSecrets(file, {});
    await writeFile(file, '{ not json');
    await expect(loadOrCreateDevSecrets(file, {})).rejects.toThrow(/dev-secrets\.json is not valid JSON/);
    expect(await readFile(file, 'utf8')).toBe('{ not json');
  });
});
