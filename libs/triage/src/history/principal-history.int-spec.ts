import { randomUUID } from 'node:crypto';
import { type AppConfigService, loadConfig, RedisService } from '@sieve/core';
import { RedisPrincipalHistory } from './principal-history.js';

describe('RedisPrincipalHistory', () => {
  const config: AppConfigService = { values: loadConfig(process.env) };
  const redis = new RedisService(config);
  const history = new RedisPrincipalHistory(redis);
  afterAll(() => redis.onApplicationShutdown());

  it('answers new once per value and principal, idempotently per finding, per tenant', async () => {
    const tenant = randomUUID();
    const principal = '123456789012:role/web-app-role';
    expect(await history.seen(tenant, principal, 'country', 'NL')).toBe(false);
    expect(await history.observe(tenant, principal, 'country', 'NL', 'finding-1')).toBe(true);
    expect(await history.observe(tenant, principal, 'country', 'NL', 'finding-1')).toBe(true);
    expect(await history.observe(tenant, principal, 'country', 'NL', 'finding-2')).toBe(false);
    expect(await history.seen(tenant, principal, 'country', 'NL')).toBe(true);
    expect(await history.seen(tenant, principal, 'asn', 'NL')).toBe(false);
    expect(await history.seen(tenant, '123456789012:role/other', 'country', 'NL')).toBe(false);
    expect(await history.seen(randomUUID(), principal, 'country', 'NL')).toBe(false);

    await history.record(tenant, principal, 'apiAction', 's3:ListBuckets', 'finding-3');
    expect(await history.seen(tenant, principal, 'apiAction', 's3:ListBuckets')).toBe(true);
  });

  it('keys under the deployment prefix without the principal in clear, with a TTL', async () => {
    const tenant = randomUUID();
    history.ttlMs = 60_000;
    await history.observe(tenant, 'alice@example.com', 'userAgentFamily', 'boto3', 'f');
    const key = history.key(tenant, 'alice@example.com', 'userAgentFamily');
    expect(key.startsWith(`${redis.prefix}:history:${tenant}:userAgentFamily:`)).toBe(true);
    expect(key).not.toContain('alice');
    const ttl = await redis.client.pttl(key);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('is consistent under concurrent observers: exactly one finding introduces a value', async () => {
    const tenant = randomUUID();
    const other = new RedisPrincipalHistory(redis);
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        (i % 2 ? history : other).observe(tenant, 'p', 'asn', '14061', `finding-${i}`),
      ),
    );
    expect(answers.filter(Boolean)).toHaveLength(1);
  });

  it('tells a first sighting (no baseline) from a new value against a baseline, retries alike', async () => {
    const tenant = randomUUID();
    expect(await history.sight(tenant, 'p', 'country', 'NL', 'finding-1')).toEqual({
      isNew: true,
      baseline: false,
    });
    expect(await history.sight(tenant, 'p', 'country', 'NL', 'finding-1')).toEqual({
      isNew: true,
      baseline: false,
    });
    expect(await history.sight(tenant, 'p', 'country', 'NL', 'finding-2')).toEqual({
      isNew: false,
      baseline: true,
    });
    expect(await history.sight(tenant, 'p', 'country', 'RO', 'finding-3')).toEqual({
      isNew: true,
      baseline: true,
    });
  });
});
