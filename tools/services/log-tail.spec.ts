import { LogTail } from './log-tail.js';

describe('LogTail', () => {
  it('keeps only the last lines of chunked output, without blank lines', () => {
    const tail = new LogTail(2);
    expect(tail.isEmpty).toBe(true);
    tail.push('one\n\ntwo\r\n');
    tail.push('three\n');
    expect(tail.toString()).toBe('    two\n    three');
    expect(tail.isEmpty).toBe(false);
  });
});
