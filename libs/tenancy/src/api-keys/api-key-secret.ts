import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * Key format: `sv_<prefix>_<secret>`. The prefix (12 hex characters) is public and finds the row; the
 * secret carries 256 random bits. Only SHA-256 of the whole key is stored: with that much entropy a
 * slow password hash adds nothing, and a fast one keeps every request cheap.
 */
const FORMAT = /^sv_([0-9a-f]{12})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedApiKey {
  prefix: string;
  secret: string;
  hash: Buffer;
}

export function hashApiKey(key: string): Buffer {
  return createHash('sha256').update(key, 'utf8').digest();
}

export function generateApiKey(): GeneratedApiKey {
  const prefix = randomBytes(6).toString('hex');
  const secret = `sv_${prefix}_${randomBytes(32).toString('base64url')}`;
  return { prefix, secret, hash: hashApiKey(secret) };
}

/** The lookup prefix of a well-formed key, or null for anything else. */
export function apiKeyPrefix(key: string): string | null {
  return FORMAT.exec(key)?.[1] ?? null;
}

export function apiKeyMatches(key: string, storedHash: Buffer): boolean {
  const actual = hashApiKey(key);
  return actual.length === storedHash.length && timingSafeEqual(actual, storedHash);
}
