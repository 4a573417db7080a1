import { createHash } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { RedisService } from '@sieve/core';

export const HISTORY_FEATURES = ['country', 'asn', 'userAgentFamily', 'apiAction'] as const;
export type HistoryFeature = (typeof HISTORY_FEATURES)[number];

/**
 * What each principal of a tenant has been seen with. Values are remembered per (tenant, principal,
 * feature) for `ttlMs` after the principal last showed that feature at all.
 */
export interface PrincipalHistory {
  seen(tenantId: string, principalKey: string, feature: HistoryFeature, value: string): Promise<boolean>;
  record(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<void>;
  /**
   * Records the value and says whether it is new: true when no earlier finding showed it. Idempotent per
   * finding: triaging the same finding again (a retried job) answers the same, because the value remembers
   * the finding that first showed it.
   */
  observe(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<boolean>;
  /** As `observe`, and whether the principal had a baseline for the feature (see `HistorySighting`). */
  sight(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<HistorySighting>;
}

export const PRINCIPAL_HISTORY = Symbol('PRINCIPAL_HISTORY');

/** What one finding's value of a feature told the history. */
export interface HistorySighting {
  /** No earlier finding showed this value (as `observe`). */
  isNew: boolean;
  /**
   * The principal had shown this feature before, with any value (an earlier finding introduced one): its
   * history is a baseline a new value can be judged against. False for the principal's first sighting.
   */
  baseline: boolean;
}

/** 90 days: long enough to cover quarterly jobs, short enough that a left employee's habits fade. */
export const DEFAULT_HISTORY_TTL_MS = 90 * 24 * 60 * 60 * 1000;

/** `record` and `observe` are `sight` with less said: each store implements `seen` and `sight` only. */
abstract class SightingHistory implements PrincipalHistory {
  abstract seen(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
  ): Promise<boolean>;

  abstract sight(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<HistorySighting>;

  async record(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<void> {
    await this.observe(tenantId, principalKey, feature, value, findingId);
  }

  async observe(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<boolean> {
    return (await this.sight(tenantId, principalKey, feature, value, findingId)).isNew;
  }
}

/**
 * Redis: one hash per (tenant, principal, feature) under `redis.key('history', tenantId, feature, <sha256 of
 * principal>)`, field = value, field value = id of the first finding that showed it. The key's TTL is renewed
 * on every write. Principal keys are hashed so that user names and ARNs do not appear in Redis key names.
 */
@Injectable()
export class RedisPrincipalHistory extends SightingHistory {
  ttlMs = DEFAULT_HISTORY_TTL_MS;

  constructor(@Inject(RedisService) private readonly redis: RedisService) {
    super();
  }

  key(tenantId: string, principalKey: string, feature: HistoryFeature): string {
    const principal = createHash('sha256').update(principalKey).digest('hex').slice(0, 32);
    return this.redis.key('history', tenantId, feature, principal);
  }

  async seen(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
  ): Promise<boolean> {
    return (await this.redis.client.hexists(this.key(tenantId, principalKey, feature), value)) === 1;
  }

  async sight(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<HistorySighting> {
    const key = this.key(tenantId, principalKey, feature);
    const replies = await this.redis.client
      .multi()
      .hsetnx(key, value, findingId)
      .hget(key, value)
      .hlen(key)
      .pexpire(key, this.ttlMs)
      .exec();
    if (!replies) throw new Error('principal history: transaction aborted');
    const [error, first] = replies[1];
    if (error) throw error;
    const [lenError, values] = replies[2];
    if (lenError) throw lenError;
    return sighting(first === findingId, values as number);
  }
}

/**
 * A value this finding introduced is judged against a baseline only when another value was there too;
 * a value an earlier finding introduced is one. (A retried first sighting still answers "no baseline"
 * unless another value arrived in between.)
 */
function sighting(isNew: boolean, valuesKnown: number): HistorySighting {
  return { isNew, baseline: !isNew || valuesKnown > 1 };
}

/** In memory, without expiry: unit tests and a single process. */
export class InMemoryPrincipalHistory extends SightingHistory {
  private readonly values = new Map<string, Map<string, string>>();

  private bucket(tenantId: string, principalKey: string, feature: HistoryFeature): Map<string, string> {
    const key = JSON.stringify([tenantId, principalKey, feature]);
    let bucket = this.values.get(key);
    if (!bucket) this.values.set(key, (bucket = new Map()));
    return bucket;
  }

  async seen(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
  ): Promise<boolean> {
    return this.bucket(tenantId, principalKey, feature).has(value);
  }

  async sight(
    tenantId: string,
    principalKey: string,
    feature: HistoryFeature,
    value: string,
    findingId: string,
  ): Promise<HistorySighting> {
    const bucket = this.bucket(tenantId, principalKey, feature);
    if (!bucket.has(value)) bucket.set(value, findingId);
    return sighting(bucket.get(value) === findingId, bucket.size);
  }
}
