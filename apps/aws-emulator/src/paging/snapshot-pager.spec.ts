import { SnapshotPager, type Page } from './snapshot-pager.js';

const keys = Array.from({ length: 10 }, (_, index) => `k${index}`);

function walk(pager: SnapshotPager, owner: string, pageSize: number): string[] {
  const seen: string[] = [];
  let page: Page | string = pager.start(owner, keys, pageSize, 0);
  for (;;) {
    if (typeof page === 'string') throw new Error(page);
    seen.push(...page.keys);
    if (!page.nextToken) return seen;
    page = pager.next(owner, page.nextToken, pageSize, 0);
  }
}

describe('SnapshotPager', () => {
  it('returns everything in one page without a token when it fits', () => {
    expect(new SnapshotPager().start('a', keys, 10, 0)).toEqual({ keys });
  });

  it('walks every key exactly once, in order', () => {
    for (const pageSize of [1, 3, 4, 9]) expect(walk(new SnapshotPager(), 'a', pageSize)).toEqual(keys);
  });

  it('keeps a token valid for a retry of the same page', () => {
    const pager = new SnapshotPager();
    const first = pager.start('a', keys, 4, 0);
    const again = [
      pager.next('a', first.nextToken ?? '', 4, 0),
      pager.next('a', first.nextToken ?? '', 4, 0),
    ];
    expect(again[0]).toEqual(again[1]);
  });

  it('refuses tokens of another owner, forged tokens and expired tokens', () => {
    const pager = new SnapshotPager(1000);
    const { nextToken = '' } = pager.start('account-a/us-east-1', keys, 4, 0);
    expect(pager.next('account-b/us-east-1', nextToken, 4, 0)).toBe('invalid');
    expect(pager.next('account-a/us-east-1', 'not-a-token', 4, 0)).toBe('invalid');
    const forged = Buffer.from(JSON.stringify({ s: 'unknown', o: 4 })).toString('base64url');
    expect(pager.next('account-a/us-east-1', forged, 4, 0)).toBe('invalid');
    expect(pager.next('account-a/us-east-1', nextToken, 4, 1001)).toBe('expired');
  });

  it('evicts the oldest listings beyond its capacity', () => {
    const pager = new SnapshotPager(60_000, 2);
    const tokens = [1, 2, 3].map(() => pager.start('a', keys, 4, 0).nextToken ?? '');
    expect(pager.next('a', tokens[0], 4, 0)).toBe('invalid');
    expect(pager.next('a', tokens[2], 4, 0)).not.toBe('invalid');
  });
});
