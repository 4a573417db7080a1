import { LineSplitter } from './line-splitter.js';

describe('LineSplitter', () => {
  it('reassembles lines split across chunks and keeps the unterminated rest for flush()', () => {
    const lines = new LineSplitter();
    expect(lines.push('{"level":30,')).toEqual([]);
    expect(lines.push('"msg":"a"}\n{"msg"')).toEqual(['{"level":30,"msg":"a"}']);
    expect(lines.push(':"b"}\r\n\npartial')).toEqual(['{"msg":"b"}', '']);
    expect(lines.flush()).toEqual(['partial']);
    expect(lines.flush()).toEqual([]);
  });
});
