import type { AppConfig } from '../config/config.schema.js';

/** The login role the application runs as: owns nothing, no BYPASSRLS (created by the first migration). */
export const APP_DB_ROLE = 'sieve_app';

/**
 * The URL the API and worker connect with. `DATABASE_URL` belongs to the schema owner and is used only by
 * migrations; the application connects as `sieve_app` on the same server unless `DATABASE_APP_URL` says
 * otherwise.
 */
export function appDatabaseUrl(
  config: Pick<AppConfig, 'DATABASE_URL' | 'DATABASE_APP_URL' | 'DATABASE_APP_PASSWORD'>,
): string {
  if (config.DATABASE_APP_URL) return config.DATABASE_APP_URL;
  const url = new URL(config.DATABASE_URL);
  url.username = APP_DB_ROLE;
  url.password = config.DATABASE_APP_PASSWORD ?? '';
  return url.toString();
}
