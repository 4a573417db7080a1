import { Random } from './random.js';

describe('Random', () => {
  it('repeats its sequence for a seed, and differs across seeds', () => {
    const draw = (seed: number) =>
      Array.from(
        { length: 5 },
        (
          (r) => () =>
            r.next()
        )(new Random(seed)),
      );
    expect(draw(1)).toEqual(draw(1));
    expect(draw(1)).not.toEqual(draw(2));
  });

  it('keeps int() within its bounds and reaches both ends', () => {
    const random = new Random(3);
    const seen = new Set(Array.from({ length: 2000 }, () => random.int(2, 5)));
    expect([...seen].sort()).toEqual([2, 3, 4, 5]);
  });

  it('draws weighted items in proportion', () => {
    const random = new Random(4);
    const counts = { a: 0, b: 0 };
    for (let i = 0; i < 10_000; i++)
      counts[
        random.weighted([
          ['a', 9],
          ['b', 1],
        ] as const)
      ]++;
    expect(counts.a / 10_000).toBeCloseTo(0.9, 1);
  });

  it('forks streams that do not depend on draws made before', () => {
    const a = new Random(5);
    const b = new Random(5);
    b.next();
    b.next();
    expect(a.fork('x').hex(16)).toBe(b.fork('x').hex(16));
    expect(a.fork('x').hex(16)).not.toBe(a.fork('y').hex(16));
  });

  it('makes ids in the alphabets AWS uses', () => {
    const random = new Random(6);
    expect(random.hex(32)).toMatch(/^[0-9a-f]{32}$/);
    expect(random.upperAlnum(16)).toMatch(/^[A-Z2-7]{16}$/);
  });
});
