/**
 * Caps the distinct values a client-influenced label can take, so a client inventing names cannot grow
 * the number of time series without bound. The first `max` distinct values are kept as they are; later
 * ones, and any value longer than `maxLength`, become `overflow`.
 */
export class BoundedLabelValues {
  private readonly seen = new Set<string>();

  constructor(
    private readonly max: number,
    private readonly overflow = '(other)',
    private readonly maxLength = 100,
  ) {}

  bound(value: string): string {
    if (this.seen.has(value)) return value;
    if (value.length > this.maxLength || this.seen.size >= this.max) return this.overflow;
    this.seen.add(value);
    return value;
  }
}
