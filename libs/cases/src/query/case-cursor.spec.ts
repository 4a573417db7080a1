import { ErrorCode } from '@sieve/core';
import {
  decodeCaseCursor,
  decodeSeenCursor,
  decodeSeqCursor,
  encodeCaseCursor,
  encodeSeenCursor,
  encodeSeqCursor,
} from './case-cursor.js';
import { CaseOrder } from './case-order.js';

const ID = '0b9f6d0e-3c2a-4d1e-9f8a-7b6c5d4e3f2a';
const AT = '2026-01-01T10:00:00.123456Z';

describe('case cursors', () => {
  it('round-trip in both orders, a queue cursor with or without an SLA deadline', () => {
    for (const cursor of [
      { order: CaseOrder.SLA_URGENCY, due: AT, priority: 2, created: AT, id: ID },
      { order: CaseOrder.SLA_URGENCY, due: null, priority: 5, created: AT, id: ID },
      { order: CaseOrder.NEWEST, created: AT, id: ID },
    ] as const) {
      expect(decodeCaseCursor(encodeCaseCursor(cursor), cursor.order)).toEqual(cursor);
    }
    expect(decodeSeenCursor(encodeSeenCursor(AT, ID))).toEqual({ at: AT, id: ID });
    expect(decodeSeqCursor(encodeSeqCursor('42'))).toBe('42');
  });

  it.each([
    ['garbage', 'not-a-cursor'],
    ['a cursor of the other order', encodeCaseCursor({ order: CaseOrder.NEWEST, created: AT, id: ID })],
    [
      'a millisecond timestamp',
      encodeCaseCursor({
        order: CaseOrder.SLA_URGENCY,
        due: '2026-01-01T10:00:00.123Z',
        priority: 1,
        created: AT,
        id: ID,
      }),
    ],
    [
      'an id that is not a UUID',
      encodeCaseCursor({
        order: CaseOrder.SLA_URGENCY,
        due: null,
        priority: 1,
        created: AT,
        id: "1' OR 1=1",
      }),
    ],
  ])('refuse %s with BAD_USER_INPUT', (_what, cursor) => {
    expect(() => decodeCaseCursor(cursor, CaseOrder.SLA_URGENCY)).toThrow(
      expect.objectContaining({ code: ErrorCode.BadUserInput }),
    );
  });
});
