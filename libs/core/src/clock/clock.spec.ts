import { ManualClock } from './clock.js';

describe('ManualClock', () => {
  it('moves only when advanced', () => {
    const clock = new ManualClock(new Date('2026-03-29T00:59:00Z'));
    expect(clock.now().toISOString()).toBe('2026-03-29T00:59:00.000Z');
    clock.advance(60_000);
    expect(clock.now().toISOString()).toBe('2026-03-29T01:00:00.000Z');
  });
});
