import { inlineParameters, sqlLiteral } from './sql-literal.js';

describe('sqlLiteral', () => {
  it('quotes strings as PostgreSQL reads them, backslashes and quotes included', () => {
    expect(sqlLiteral("O'Brien")).toBe("'O''Brien'");
    expect(sqlLiteral('a\\b')).toBe(" E'a\\\\b'");
  });

  it('writes arrays in the array input syntax, each element quoted', () => {
    expect(sqlLiteral(['a', 'b"c', 'd\\e'])).toBe(` E'{"a","b\\\\"c","d\\\\\\\\e"}'`);
    expect(sqlLiteral([1, 2])).toBe(`'{"1","2"}'`);
  });

  it('writes numbers, booleans and null as they are, and refuses anything else', () => {
    expect(sqlLiteral(51)).toBe('51');
    expect(sqlLiteral(true)).toBe('true');
    expect(sqlLiteral(null)).toBe('NULL');
    expect(() => sqlLiteral(Number.NaN)).toThrow(TypeError);
    expect(() => sqlLiteral({ a: 1 })).toThrow(TypeError);
  });
});

describe('inlineParameters', () => {
  it('replaces each placeholder with its value, $10 not read as $1', () => {
    const values = Array.from({ length: 10 }, (_, i) => `v${i + 1}`);
    expect(inlineParameters('SELECT $1, $10::text', values)).toBe("SELECT 'v1', 'v10'::text");
  });

  it('refuses a placeholder without a value', () => {
    expect(() => inlineParameters('SELECT $2', ['x'])).toThrow(RangeError);
  });
});
