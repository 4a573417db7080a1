import { apiKeyMatches, apiKeyPrefix, generateApiKey, hashApiKey } from './api-key-secret.js';

describe('API key secrets', () => {
  it('generates keys whose prefix can be read back and whose hash verifies', () => {
    const key = generateApiKey();
    expect(key.secret).toMatch(/^sv_[0-9a-f]{12}_[A-Za-z0-9_-]{43}$/);
    expect(apiKeyPrefix(key.secret)).toBe(key.prefix);
    expect(apiKeyMatches(key.secret, key.hash)).toBe(true);
  });

  it('stores no part of the secret in the hash and rejects a key differing by one character', () => {
    const key = generateApiKey();
    expect(key.hash.toString('hex')).not.toContain(key.secret.slice(-10));
    const last = key.secret.at(-1) === 'A' ? 'B' : 'A';
    expect(apiKeyMatches(key.secret.slice(0, -1) + last, key.hash)).toBe(false);
  });

  it('refuses malformed keys before any lookup', () => {
    expect(apiKeyPrefix('sv_123')).toBeNull();
    expect(apiKeyPrefix('Bearer sv_0123456789ab_x')).toBeNull();
    expect(hashApiKey('a')).toHaveLength(32);
  });
});
