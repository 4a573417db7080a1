import { createHash } from 'node:crypto';
import type { Principal } from '@sieve/core';

/** Longest a principal is reused, even with an unchanged epoch (bounds clock-only changes, e.g. JWKS). */
export const PRINCIPAL_CACHE_MAX_AGE_MS = 5 * 60_000;
/** Distinct credentials kept; the oldest is dropped first. */
export const PRINCIPAL_CACHE_MAX_ENTRIES = 10_000;

interface Entry {
  principal: Principal;
  /** The principal epoch read before the principal was built. */
  epoch: string;
  /** Epoch ms after which the entry is not used: the credential's expiry or the cache's max age. */
  until: number;
}

/**
 * Principals built from the database, by credential (a SHA-256 of it: the cache holds no secret). An entry
 * is used only while the principal epoch is still the one read before it was built (any change to who the
 * credential is, or to what it may do, moves the epoch) and before its credential expires.
 */
export class PrincipalCache {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly maxEntries = PRINCIPAL_CACHE_MAX_ENTRIES,
    private readonly maxAgeMs = PRINCIPAL_CACHE_MAX_AGE_MS,
  ) {}

  static keyOf(kind: 'jwt' | 'api-key', credential: string): string {
    return `${kind}:${createHash('sha256').update(credential).digest('base64url')}`;
  }

  get(key: string, epoch: string, now: number): Principal | null {
    const entry = this.entries.get(key);
    if (!entry) return null;
    if (entry.epoch !== epoch || now >= entry.until) {
      this.entries.delete(key);
      return null;
    }
    return entry.principal;
  }

  set(key: string, principal: Principal, epoch: string, now: number, expiresAt: Date | null): void {
    const until = Math.min(now + this.maxAgeMs, expiresAt?.getTime() ?? Infinity);
    if (until <= now) return;
    this.entries.delete(key);
    if (this.entries.size >= this.maxEntries) {
      const oldest = this.entries.keys().next();
      if (!oldest.done) this.entries.delete(oldest.value);
    }
    this.entries.set(key, { principal, epoch, until });
  }

  get size(): number {
    return this.entries.size;
  }
}
