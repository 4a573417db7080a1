import { patternRecord } from '../../testing/pattern-record.js';
import { seededRandom } from '../../testing/seeded-random.js';
import { type CompiledPattern, compilePattern } from '../compiled-pattern.js';
import { IntervalTable, LINEAR_RANGES } from './interval-table.js';

interface Range {
  min: number;
  max: number;
  pattern: CompiledPattern;
}

function ranges(count: number, seed: number): Range[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, rank) => {
    const pattern = compilePattern(patternRecord({ predicates: [{ feature: 'localPort', op: 'present' }] }));
    if (typeof pattern === 'string') throw new Error(pattern);
    pattern.rank = rank;
    const min = random() < 0.1 ? -Infinity : Math.floor(random() * 1000);
    const max = random() < 0.1 ? Infinity : min + Math.floor(random() * 200);
    return { min, max, pattern };
  });
}

function table(list: Range[]): IntervalTable {
  const t = new IntervalTable();
  for (const r of list) t.add(r.min, r.max, r.pattern);
  t.freeze();
  return t;
}

describe('IntervalTable', () => {
  it.each([
    ['a flat scan', 500],
    ['an interval tree', LINEAR_RANGES * 2],
  ])('finds exactly the ranges holding a point, before the bound, with %s', (_mode, count) => {
    const list = ranges(count, count);
    const t = table(list);
    const random = seededRandom(7);
    for (let i = 0; i < 300; i++) {
      const point = Math.floor(random() * 1300) - 50;
      const bound = random() < 0.5 ? Infinity : Math.floor(random() * count);
      const seen: number[] = [];
      t.lookup(
        point,
        (p) => seen.push(p.rank),
        () => bound,
      );
      const expected = list
        .filter((r) => r.min <= point && point <= r.max && r.pattern.rank < bound)
        .map((r) => r.pattern.rank);
      expect(seen.sort((a, b) => a - b)).toEqual(expected);
    }
  });

  it('stops scanning once the bound drops below the ranges left', () => {
    const list = ranges(100, 1).map((r) => ({ ...r, min: 0, max: 10 }));
    const t = table(list);
    let bound = Infinity;
    const seen: number[] = [];
    t.lookup(
      5,
      (p) => {
        seen.push(p.rank);
        bound = p.rank;
      },
      () => bound,
    );
    expect(seen).toEqual([0]);
  });
});
