import pg from 'pg';

/** A value as a SQL literal: strings and arrays escaped as PostgreSQL reads them, numbers as they are. */
export function sqlLiteral(value: unknown): string {
  if (value === null || value === undefined) return 'NULL';
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new TypeError(`not a finite number: ${value}`);
    return String(value);
  }
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (typeof value === 'string') return pg.escapeLiteral(value);
  if (value instanceof Date) return pg.escapeLiteral(value.toISOString());
  if (Array.isArray(value)) return pg.escapeLiteral(arrayText(value));
  throw new TypeError(`no SQL literal for a ${typeof value}`);
}

/** PostgreSQL's array input syntax: every element quoted, `"` and `\` escaped. */
function arrayText(values: readonly unknown[]): string {
  const items = values.map((v) => {
    if (v === null || v === undefined) return 'NULL';
    if (typeof v !== 'string' && typeof v !== 'number')
      throw new TypeError(`no array element for ${typeof v}`);
    return `"${String(v).replace(/[\\"]/g, (c) => `\\${c}`)}"`;
  });
  return `{${items.join(',')}}`;
}

/**
 * A parameterised statement with its `$n` placeholders replaced by literals, for a message of several
 * statements (the simple query protocol takes no parameters). The statement text must hold no `$n` of its
 * own inside string literals or comments; the statements built by this library do not.
 */
export function inlineParameters(text: string, values: readonly unknown[]): string {
  return text.replace(/\$(\d+)/g, (_, n: string) => {
    const index = Number(n) - 1;
    if (index < 0 || index >= values.length) throw new RangeError(`no value for $${n}`);
    return sqlLiteral(values[index]);
  });
}
