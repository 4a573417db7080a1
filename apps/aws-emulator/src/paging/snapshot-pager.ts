import { randomUUID } from 'node:crypto';

export interface Page {
  keys: string[];
  nextToken?: string;
}

export type PageFailure = 'invalid' | 'expired';

interface Snapshot {
  owner: string;
  keys: string[];
  createdAt: number;
}

interface TokenPayload {
  s: string;
  o: number;
}

/**
 * Paginates over a result list frozen when the first page was asked for. Later pages return the
 * same items in the same order even while findings are imported or updated (an update changes
 * UpdatedAt, which would move a finding between pages under keyset pagination), so a client that
 * follows NextToken sees every item exactly once. Tokens stay valid until they expire, because SDK
 * retries resend the same token after a lost reply.
 */
export class SnapshotPager {
  private readonly snapshots = new Map<string, Snapshot>();

  constructor(
    private readonly ttlMs = 24 * 60 * 60 * 1000,
    private readonly maxSnapshots = 1_000,
  ) {}

  /** `owner` ties the token to the caller (account and region) that started the listing. */
  start(owner: string, keys: string[], pageSize: number, now: number): Page {
    if (keys.length <= pageSize) return { keys };
    const id = randomUUID();
    this.snapshots.set(id, { owner, keys, createdAt: now });
    this.evictOldest();
    return { keys: keys.slice(0, pageSize), nextToken: encodeToken({ s: id, o: pageSize }) };
  }

  next(owner: string, token: string, pageSize: number, now: number): Page | PageFailure {
    const payload = decodeToken(token);
    const snapshot = payload && this.snapshots.get(payload.s);
    if (!payload || !snapshot || snapshot.owner !== owner || payload.o > snapshot.keys.length)
      return 'invalid';
    if (now - snapshot.createdAt > this.ttlMs) {
      this.snapshots.delete(payload.s);
      return 'expired';
    }
    const end = payload.o + pageSize;
    const keys = snapshot.keys.slice(payload.o, end);
    return end < snapshot.keys.length ? { keys, nextToken: encodeToken({ s: payload.s, o: end }) } : { keys };
  }

  private evictOldest(): void {
    while (this.snapshots.size > this.maxSnapshots) {
      this.snapshots.delete(this.snapshots.keys().next().value as string);
    }
  }
}

function encodeToken(payload: TokenPayload): string {
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

function decodeToken(token: string): TokenPayload | undefined {
  try {
    const payload = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Partial<TokenPayload>;
    return typeof payload.s === 'string' && Number.isInteger(payload.o) && (payload.o as number) > 0
      ? (payload as TokenPayload)
      : undefined;
  } catch {
    return undefined;
  }
}
