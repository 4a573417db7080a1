/**
 * Small, pure rewrites of PostgreSQL connection URLs. They go through WHATWG `URL`, so query parameters
 * (`?sslmode=require`, …) and the host survive untouched and user names, passwords and database names are
 * percent-encoded correctly.
 */

const POSTGRES_PROTOCOLS = new Set(['postgres:', 'postgresql:']);

function parsePostgresUrl(url: string): URL {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new Error(`not a valid PostgreSQL URL: ${redactPasswordUnchecked(url)}`);
  }
  if (!POSTGRES_PROTOCOLS.has(parsed.protocol)) {
    throw new Error(`not a PostgreSQL URL (expected postgres:// or postgresql://): ${parsed.protocol}//…`);
  }
  return parsed;
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  if (database === '') throw new Error('database name must not be empty');
  const parsed = parsePostgresUrl(url);
  parsed.pathname = `/${encodeURIComponent(database)}`;
  return parsed.toString();
}

/** The same server and database, another login. Without a password, any password in `url` is removed. */
export function withCredentials(url: string, user: string, password?: string): string {
  if (user === '') throw new Error('user name must not be empty');
  const parsed = parsePostgresUrl(url);
  parsed.username = encodeURIComponent(user);
  parsed.password = password === undefined ? '' : encodeURIComponent(password);
  return parsed.toString();
}

/** The database a URL points at, decoded; undefined when it names none (libpq then uses the user name). */
export function databaseOf(url: string): string | undefined {
  const name = parsePostgresUrl(url).pathname.replace(/^\//, '');
  return name === '' ? undefined : decodeURIComponent(name);
}

/** The URL with its password replaced by `***`, for log lines and error messages. */
export function redactPassword(url: string): string {
  return redactPasswordUnchecked(url);
}

function redactPasswordUnchecked(url: string): string {
  try {
    const parsed = new URL(url);
    if (parsed.password !== '') parsed.password = '***';
    return parsed.toString();
  } catch {
    // Unparseable: hide anything between "://user:" and "@" rather than risk printing a secret.
    return url.replace(/(\/\/[^:/@]*:)[^@]*@/, '$1***@');
  }
}
