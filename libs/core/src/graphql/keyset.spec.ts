import { decodeCursor, encodeCursor } from './keyset.js';

describe('keyset cursors', () => {
  it('round-trip a microsecond timestamp and an id', () => {
    const cursor = encodeCursor('2026-12-04T10:00:00.123456Z', '42');
    expect(decodeCursor(cursor)).toEqual({ at: '2026-12-04T10:00:00.123456Z', id: '42' });
  });

  it.each([
    'garbage',
    encodeCursor('2026-12-04T10:00:00.123Z', '42'),
    Buffer.from('{"at":1}').toString('base64url'),
  ])('refuse %s as BAD_USER_INPUT', (cursor) => {
    expect(() => decodeCursor(cursor)).toThrow(expect.objectContaining({ code: 'BAD_USER_INPUT' }));
  });
});
