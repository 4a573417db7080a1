import { createHash } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { RedisService, UnitOfWork, isUuid } from '@sieve/core';
import type { Redis } from 'ioredis';

/** Keeps the later of the stored and the given timestamp (epoch ms), so a late, older write loses. */
const RECORD_LUA = `
local current = redis.call('HGET', KEYS[1], ARGV[1])
if (not current) or tonumber(current) < tonumber(ARGV[2]) then
  redis.call('HSET', KEYS[1], ARGV[1], ARGV[2])
end
return 0`;

/**
 * Moves the pending usage into the processing hash and returns everything there. The processing hash
 * survives until its entries are written to PostgreSQL, so a flush that failed or crashed half-way is
 * simply retried by the next one (merged with what arrived since, keeping the later timestamp).
 */
const CLAIM_LUA = `
if redis.call('EXISTS', KEYS[2]) == 0 then
  if redis.call('EXISTS', KEYS[1]) == 1 then redis.call('RENAME', KEYS[1], KEYS[2]) end
else
  local pending = redis.call('HGETALL', KEYS[1])
  for i = 1, #pending, 2 do
    local current = redis.call('HGET', KEYS[2], pending[i])
    if (not current) or tonumber(current) < tonumber(pending[i + 1]) then
      redis.call('HSET', KEYS[2], pending[i], pending[i + 1])
    end
  end
  redis.call('DEL', KEYS[1])
end
return redis.call('HGETALL', KEYS[2])`;

/**
 * Forgets entries that were written, but only if they still hold the written value: a concurrent claim
 * may have merged a newer timestamp in meanwhile, which must stay for the next flush.
 */
const ACK_LUA = `
local removed = 0
for i = 1, #ARGV, 2 do
  if redis.call('HGET', KEYS[1], ARGV[i]) == ARGV[i + 1] then
    redis.call('HDEL', KEYS[1], ARGV[i])
    removed = removed + 1
  end
end
return removed`;

/** A Lua script run with EVALSHA (one round trip), loaded with EVAL the first time Redis lacks it. */
class LuaScript {
  private readonly sha: string;

  constructor(private readonly source: string) {
    this.sha = createHash('sha1').update(source).digest('hex');
  }

  async run(client: Redis, keys: string[], args: (string | number)[]): Promise<unknown> {
    try {
      return await client.evalsha(this.sha, keys.length, ...keys, ...args);
    } catch (error) {
      if (!(error instanceof Error) || !error.message.startsWith('NOSCRIPT')) throw error;
      return client.eval(this.source, keys.length, ...keys, ...args);
    }
  }
}

const RECORD = new LuaScript(RECORD_LUA);
const CLAIM = new LuaScript(CLAIM_LUA);
const ACK = new LuaScript(ACK_LUA);

interface Usage {
  field: string;
  value: string;
  apiKeyId: string;
  usedAt: Date;
}

/**
 * `last_used_at` of API keys without a database write per request: the API records each use in a Redis
 * hash (latest timestamp per key), and the worker's periodic flush writes the hash to PostgreSQL, one
 * UPDATE per tenant. Needs only `RedisService` and `UnitOfWork` (both global in core).
 *
 * Both Redis keys share the hash tag `{api-key-usage}`, so the claim script (which touches both) also
 * runs on Redis Cluster, where a script's keys must live in one slot.
 */
@Injectable()
export class ApiKeyUsageService {
  private readonly logger = new Logger(ApiKeyUsageService.name);
  /** Uses recorded since the last claim; field `${tenantId}:${apiKeyId}`, value epoch milliseconds. */
  readonly pendingKey: string;
  /** Uses claimed by a flush and not yet written to PostgreSQL. */
  readonly processingKey: string;

  constructor(
    private readonly redis: RedisService,
    private readonly uow: UnitOfWork,
  ) {
    this.pendingKey = redis.key('{api-key-usage}');
    this.processingKey = redis.key('{api-key-usage}', 'processing');
  }

  /**
   * Called on every authenticated API-key request: one Redis command, no database access. Never throws:
   * `last_used_at` is advisory, and a Redis outage must not fail the request that is being authenticated.
   */
  async record(tenantId: string, apiKeyId: string, at: Date): Promise<void> {
    const ms = at.getTime();
    if (!Number.isFinite(ms)) throw new TypeError('ApiKeyUsageService.record: invalid date');
    try {
      await RECORD.run(this.redis.client, [this.pendingKey], [`${tenantId}:${apiKeyId}`, ms]);
    } catch (error) {
      this.logger.warn(`API key usage not recorded: ${(error as Error).message}`);
    }
  }

  /**
   * Writes the recorded usage to PostgreSQL. Each tenant is written in its own unit of work (row-level
   * security admits one tenant per transaction); a tenant whose write fails keeps its usage in Redis for
   * the next flush, the others are written anyway, and the flush then rejects naming the failures.
   */
  async flush(): Promise<{ keys: number; tenants: number }> {
    const flat = (await CLAIM.run(this.redis.client, [this.pendingKey, this.processingKey], [])) as string[];
    const { byTenant, malformed } = this.group(flat);
    if (malformed.length) {
      this.logger.warn(`Dropping ${malformed.length} malformed API key usage entries`);
      await this.ack(malformed);
    }

    let keys = 0;
    const failures: { tenantId: string; error: unknown }[] = [];
    for (const [tenantId, usage] of byTenant) {
      try {
        await this.write(tenantId, usage);
        await this.ack(usage);
        keys += usage.length;
      } catch (error) {
        failures.push({ tenantId, error });
      }
    }
    if (failures.length) {
      const first = failures[0].error as Error;
      throw new Error(
        `API key usage flush failed for ${failures.length} of ${byTenant.size} tenant(s) (kept for the next ` +
          `flush): ${failures.map((f) => f.tenantId).join(', ')}: ${first.message}`,
        { cause: first },
      );
    }
    return { keys, tenants: byTenant.size };
  }

  private group(flat: string[]): { byTenant: Map<string, Usage[]>; malformed: Usage[] } {
    const byTenant = new Map<string, Usage[]>();
    const malformed: Usage[] = [];
    for (let i = 0; i < flat.length; i += 2) {
      const field = flat[i];
      const value = flat[i + 1];
      const [tenantId, apiKeyId, extra] = field.split(':');
      const usedAt = new Date(Number(value));
      const usage = { field, value, apiKeyId, usedAt };
      // A malformed entry would fail its tenant's statement on every flush; it is dropped instead.
      if (
        extra !== undefined ||
        !isUuid(tenantId ?? '') ||
        !isUuid(apiKeyId ?? '') ||
        isNaN(usedAt.getTime())
      ) {
        malformed.push(usage);
        continue;
      }
      const list = byTenant.get(tenantId) ?? [];
      list.push(usage);
      byTenant.set(tenantId, list);
    }
    return { byTenant, malformed };
  }

  private write(tenantId: string, usage: Usage[]): Promise<unknown> {
    return this.uow.withTenant(tenantId, (manager) =>
      manager.query(
        // The extra predicate skips rows that would not change, so repeated flushes leave no dead tuples.
        `UPDATE api_keys AS k
            SET last_used_at = GREATEST(coalesce(k.last_used_at, u.used_at), u.used_at)
           FROM unnest($1::uuid[], $2::timestamptz[]) AS u(id, used_at)
          WHERE k.id = u.id AND k.tenant_id = $3
            AND (k.last_used_at IS NULL OR k.last_used_at < u.used_at)`,
        [usage.map((u) => u.apiKeyId), usage.map((u) => u.usedAt.toISOString()), tenantId],
      ),
    );
  }

  private async ack(usage: Usage[]): Promise<void> {
    await ACK.run(
      this.redis.client,
      [this.processingKey],
      usage.flatMap((u) => [u.field, u.value]),
    );
  }
}
