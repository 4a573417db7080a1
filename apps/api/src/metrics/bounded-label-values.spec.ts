import { BoundedLabelValues } from './bounded-label-values.js';

describe('BoundedLabelValues', () => {
  it('keeps the first distinct values and folds the rest into the overflow value', () => {
    const labels = new BoundedLabelValues(2);
    expect(labels.bound('a')).toBe('a');
    expect(labels.bound('b')).toBe('b');
    expect(labels.bound('c')).toBe('(other)');
    expect(labels.bound('a')).toBe('a');
  });

  it('folds overlong values without using up a slot', () => {
    const labels = new BoundedLabelValues(1, '(other)', 5);
    expect(labels.bound('abcdef')).toBe('(other)');
    expect(labels.bound('abc')).toBe('abc');
  });
});
