import { createHash } from 'node:crypto';
import { setTimeout as sleep } from 'node:timers/promises';
import { Inject, Injectable } from '@nestjs/common';
import { RedisService } from '@sieve/core';
import type { RateLimit } from './aws-rate-limits.js';

/**
 * Refills by the time elapsed since the last call, then takes one token (returns 0) or returns the
 * milliseconds until one will be there. Time is Redis's own (TIME), so processes whose clocks
 * disagree still share one consistent bucket. Tokens are fractional; the key expires once it would
 * be full again anyway.
 */
const SCRIPT = `
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local time = redis.call('TIME')
local now = tonumber(time[1]) * 1000 + tonumber(time[2]) / 1000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'at')
local tokens = tonumber(state[1])
local at = tonumber(state[2])
if tokens == nil or at == nil then
  tokens = burst
  at = now
end
tokens = math.min(burst, tokens + math.max(0, now - at) * rate / 1000)
local wait = 0
if tokens >= 1 then
  tokens = tokens - 1
else
  wait = math.ceil((1 - tokens) * 1000 / rate)
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'at', tostring(math.max(now, at)))
redis.call('PEXPIRE', KEYS[1], math.ceil(burst * 1000 / rate) + 1000)
return wait
`;
const SCRIPT_SHA = createHash('sha1').update(SCRIPT).digest('hex');

/** A token bucket in Redis, shared by every process of the deployment. */
@Injectable()
export class RedisTokenBucket {
  constructor(@Inject(RedisService) private readonly redis: RedisService) {}

  /** The bucket of one AWS quota: per operation class, account and region, as AWS applies it. */
  key(operationClass: string, accountId: string, region: string): string {
    return this.redis.key('aws-rate', operationClass, accountId, region);
  }

  /** Resolves once a token was taken, sleeping as long as the bucket says a token takes to come. */
  async acquire(key: string, limit: RateLimit): Promise<void> {
    for (let wait = await this.tryTake(key, limit); wait > 0; wait = await this.tryTake(key, limit)) {
      await sleep(wait);
    }
  }

  /** One atomic attempt: 0 when a token was taken, else the milliseconds until one is free. */
  async tryTake(key: string, { ratePerSecond, burst }: RateLimit): Promise<number> {
    const { client } = this.redis;
    try {
      return Number(await client.evalsha(SCRIPT_SHA, 1, key, ratePerSecond, burst));
    } catch (error) {
      // Scripts live in the server's cache, which a restart or SCRIPT FLUSH empties.
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return Number(await client.eval(SCRIPT, 1, key, ratePerSecond, burst));
    }
  }
}
