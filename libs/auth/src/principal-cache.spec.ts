import type { Principal } from '@sieve/core';
import { PrincipalCache } from './principal-cache.js';

const key = (tenantId: string): Principal => ({
  kind: 'api-key',
  apiKeyId: `key-${tenantId}`,
  tenantId,
  scopes: [],
});

describe('PrincipalCache', () => {
  it('answers with a principal only while the epoch is the one it was built at', () => {
    const cache = new PrincipalCache();
    cache.set('a', key('t1'), '7', 0, null);
    expect(cache.get('a', '7', 1)).toEqual(key('t1'));
    expect(cache.get('a', '8', 2)).toBeNull();
    // A moved epoch drops the entry: going back (it never does) would not revive it.
    expect(cache.get('a', '7', 3)).toBeNull();
  });

  it('stops at the credential expiry and at its max age, whichever is first', () => {
    const cache = new PrincipalCache(10, 1_000);
    cache.set('expiring', key('t1'), '1', 0, new Date(500));
    cache.set('lasting', key('t2'), '1', 0, null);
    expect(cache.get('expiring', '1', 499)).not.toBeNull();
    expect(cache.get('expiring', '1', 500)).toBeNull();
    expect(cache.get('lasting', '1', 999)).not.toBeNull();
    expect(cache.get('lasting', '1', 1_000)).toBeNull();
  });

  it('keeps nothing for a credential already expired', () => {
    const cache = new PrincipalCache();
    cache.set('gone', key('t1'), '1', 1_000, new Date(1_000));
    expect(cache.size).toBe(0);
  });

  it('drops the oldest credential beyond its size', () => {
    const cache = new PrincipalCache(2);
    cache.set('a', key('a'), '1', 0, null);
    cache.set('b', key('b'), '1', 0, null);
    cache.set('c', key('c'), '1', 0, null);
    expect(cache.size).toBe(2);
    expect(cache.get('a', '1', 1)).toBeNull();
    expect(cache.get('c', '1', 1)).toEqual(key('c'));
  });

  it('keys credentials by a digest, never by the secret itself', () => {
    const k = PrincipalCache.keyOf('api-key', 'sv_secret_value');
    expect(k).not.toContain('sv_secret_value');
    expect(k).toBe(PrincipalCache.keyOf('api-key', 'sv_secret_value'));
    expect(k).not.toBe(PrincipalCache.keyOf('jwt', 'sv_secret_value'));
  });
});
