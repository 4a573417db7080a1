import { databaseOf, redactPassword, withCredentials, withDatabase } from './url-with-database.js';

describe('withDatabase', () => {
  it('replaces the database and keeps credentials, host, port and query', () => {
    expect(withDatabase('postgres://owner:s3cret@db.example:6543/sieve?sslmode=require', 'postgres')).toBe(
      'postgres://owner:s3cret@db.example:6543/postgres?sslmode=require',
    );
  });

  it('adds a database to a URL that has none', () => {
    expect(withDatabase('postgresql://127.0.0.1:5432', 'sieve')).toBe('postgresql://127.0.0.1:5432/sieve');
  });

  it('percent-encodes odd database names and round-trips them', () => {
    const url = withDatabase('postgres://u@h/x', 'my db/1');
    expect(url).toBe('postgres://u@h/my%20db%2F1');
    expect(databaseOf(url)).toBe('my db/1');
  });

  it('refuses URLs that are not PostgreSQL ones', () => {
    expect(() => withDatabase('redis://127.0.0.1:6379', 'x')).toThrow(/not a PostgreSQL URL/);
    expect(() => withDatabase('not a url', 'x')).toThrow(/not a valid PostgreSQL URL/);
    expect(() => withDatabase('postgres://h/x', '')).toThrow(/must not be empty/);
  });
});

describe('withCredentials', () => {
  it('sets user and password, encoding reserved characters', () => {
    const url = withCredentials('postgres://owner:old@127.0.0.1:54329/sieve', 'sieve_app', 'p@ss:w/rd');
    expect(url).toBe('postgres://sieve_app:p%40ss%3Aw%2Frd@127.0.0.1:54329/sieve');
    const parsed = new URL(url);
    expect(decodeURIComponent(parsed.password)).toBe('p@ss:w/rd');
  });

  it('drops the old password when none is given', () => {
    expect(withCredentials('postgres://owner:old@h/db', 'root')).toBe('postgres://root@h/db');
  });
});

describe('databaseOf', () => {
  it('is undefined when the URL names no database', () => {
    expect(databaseOf('postgres://h:5432')).toBeUndefined();
    expect(databaseOf('postgres://h:5432/')).toBeUndefined();
  });
});

describe('redactPassword', () => {
  it('hides the password of any URL scheme', () => {
    expect(redactPassword('postgres://u:topsecret@h/db')).toBe('postgres://u:***@h/db');
    expect(redactPassword('redis://:topsecret@h:6379/0')).toBe('redis://:***@h:6379/0');
  });

  it('leaves URLs without a password alone', () => {
    expect(redactPassword('redis://127.0.0.1:6379')).toBe('redis://127.0.0.1:6379');
  });

  it('still hides a password in something URL() cannot parse', () => {
    expect(redactPassword('postgres://u:top secret@[bad/db')).not.toContain('top secret');
  });
});
