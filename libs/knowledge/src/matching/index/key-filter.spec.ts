import { seededRandom } from '../../testing/seeded-random.js';
import { FNV_OFFSET, FNV_PRIME, KeyFilter, hashKey, hashString } from './key-filter.js';

describe('KeyFilter', () => {
  const random = seededRandom(42);
  const keys: (string | number | boolean)[] = [
    ...Array.from({ length: 5_000 }, (_, i) => `deploy-${i.toString(36)}-${Math.floor(random() * 1e6)}`),
    ...Array.from({ length: 2_000 }, () => Math.floor(random() * 4_294_967_295)),
    true,
    0,
    -0,
    1.5,
  ];
  const filter = new KeyFilter(keys.length);
  for (const key of keys) filter.add(hashKey(key));

  it('never says no to a key it holds (SameValueZero: -0 is 0)', () => {
    expect(keys.filter((k) => !filter.mightHave(hashKey(k)))).toEqual([]);
    expect(filter.mightHave(hashKey(0))).toBe(true);
  });

  it('says no to most keys it does not hold', () => {
    const absent = Array.from({ length: 20_000 }, (_, i) => `role-${i}-${Math.floor(random() * 1e9)}`);
    const falsePositives = absent.filter((k) => filter.mightHave(hashKey(k))).length;
    expect(falsePositives / absent.length).toBeLessThan(0.03);
  });

  it('hashes a string incrementally, so a prefix hashes on the way through the value', () => {
    let h = FNV_OFFSET;
    const value = 'updates.vendor.example';
    for (let i = 0; i < 8; i++) h = Math.imul(h ^ value.charCodeAt(i), FNV_PRIME);
    expect(h).toBe(hashString('updates.'));
  });
});
