import type { Emission } from './scenario/finding-spec.js';
import { simulatedStart, ticksOf } from './run.js';

describe('simulatedStart', () => {
  it('is the UTC midnight `days` before today, so the whole run lies in the past', () => {
    expect(simulatedStart(new Date('2026-12-04T22:53:10.000Z'), 7).toISOString()).toBe(
      '2026-11-27T00:00:00.000Z',
    );
    expect(simulatedStart(new Date('2026-12-04T00:00:00.000Z'), 1).toISOString()).toBe(
      '2026-12-03T00:00:00.000Z',
    );
  });
});

describe('ticksOf', () => {
  const start = new Date('2026-11-01T00:00:00.000Z');
  const benign = { label: { category: 'benign', archetype: 'internet-scanner' } };
  const attack = { label: { category: 'attack', kind: 'crypto-mining', incident: 'i' } };
  const at = (hours: number, finding: object = benign) =>
    ({ at: new Date(start.getTime() + hours * 3_600_000), finding, version: 0 }) as Emission;

  it('slices a day into equal spans of simulated time, keeping the order within each', () => {
    const emissions = [at(0), at(1.5), at(5.99), at(6), at(12), at(23.99)];
    const ticks = ticksOf(emissions, start, 4);
    expect(ticks.map((t) => t.map((e) => (e.at.getTime() - start.getTime()) / 3_600_000))).toEqual([
      [0, 1.5, 5.99],
      [6],
      [12],
      [23.99],
    ]);
  });

  it('cuts a slice before each attack, so that its precursor is pushed (and judged) first', () => {
    const emissions = [at(3.2), at(3.5), at(4.25, attack), at(4.5), at(5, attack)];
    const pushes = ticksOf(emissions, start, 4);
    expect(pushes.map((p) => p.map((e) => (e.at.getTime() - start.getTime()) / 3_600_000))).toEqual([
      [3.2, 3.5],
      [4.25, 4.5],
      [5],
      [],
      [],
      [],
    ]);
  });
});
