import { ErrorCode, SieveException, isUuid } from '@sieve/core';
import { CaseOrder } from './case-order.js';

/** A timestamp to the microsecond, as PostgreSQL keeps it (a cursor rounded to milliseconds skips rows). */
const AT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/** SQL rendering a timestamptz column as the cursor's microsecond string. */
export function microsSql(column: string): string {
  return `to_char(${column} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
}

/** Where a page of cases ended, in the order it was read. */
export type CaseCursor =
  | { order: CaseOrder.SLA_URGENCY; due: string | null; priority: number; created: string; id: string }
  | { order: CaseOrder.NEWEST; created: string; id: string };

export function encodeCaseCursor(cursor: CaseCursor): string {
  return Buffer.from(JSON.stringify(cursor)).toString('base64url');
}

/** The cursor, checked field by field: it goes into SQL parameters and must be of the list's order. */
export function decodeCaseCursor(value: string, order: CaseOrder): CaseCursor {
  let parsed: Partial<Record<string, unknown>> = {};
  try {
    parsed = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
  } catch {
    // fall through to the checks below
  }
  const common =
    parsed.order === order &&
    typeof parsed.created === 'string' &&
    AT.test(parsed.created) &&
    typeof parsed.id === 'string' &&
    isUuid(parsed.id);
  if (common && order === CaseOrder.NEWEST) return parsed as CaseCursor;
  if (
    common &&
    (parsed.due === null || (typeof parsed.due === 'string' && AT.test(parsed.due))) &&
    Number.isInteger(parsed.priority)
  ) {
    return parsed as CaseCursor;
  }
  throw new SieveException(ErrorCode.BadUserInput, 'Invalid cursor');
}

/** A cursor over (timestamp, id), newest first, for a case's findings and comments. */
export function encodeSeenCursor(at: string, id: string): string {
  return Buffer.from(JSON.stringify({ at, id })).toString('base64url');
}

export function decodeSeenCursor(value: string): { at: string; id: string } {
  try {
    const { at, id } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<
      string,
      unknown
    >;
    if (typeof at === 'string' && AT.test(at) && typeof id === 'string' && isUuid(id)) return { at, id };
  } catch {
    // fall through
  }
  throw new SieveException(ErrorCode.BadUserInput, 'Invalid cursor');
}

/** A cursor over a timeline's insertion order. */
export function encodeSeqCursor(seq: string): string {
  return Buffer.from(JSON.stringify({ seq })).toString('base64url');
}

export function decodeSeqCursor(value: string): string {
  try {
    const { seq } = JSON.parse(Buffer.from(value, 'base64url').toString('utf8')) as Record<string, unknown>;
    if (typeof seq === 'string' && /^\d{1,19}$/.test(seq)) return seq;
  } catch {
    // fall through
  }
  throw new SieveException(ErrorCode.BadUserInput, 'Invalid cursor');
}
