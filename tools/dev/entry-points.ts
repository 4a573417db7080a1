import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where the build puts each program the dev runtime starts. tsc mirrors the source tree into dist/, so
 * `apps/api/src/main.ts` becomes `dist/apps/api/src/main.js`; the flatter `dist/apps/api/main.js` is
 * accepted too (a bundler or a different rootDir would produce it). The first that exists wins.
 */
export const ENTRY_POINTS = {
  cli: ['dist/tools/cli/main.js'],
  api: ['dist/apps/api/src/main.js', 'dist/apps/api/main.js'],
  worker: ['dist/apps/worker/src/main.js', 'dist/apps/worker/main.js'],
  awsEmulator: ['dist/apps/aws-emulator/src/main.js', 'dist/apps/aws-emulator/main.js'],
} as const;

export type Program = keyof typeof ENTRY_POINTS;

/** Absolute paths of every program's script; throws naming what is missing and how to build it. */
export function resolveEntryPoints(
  repoRoot: string,
  exists: (path: string) => boolean = existsSync,
): Record<Program, string> {
  const resolved: Partial<Record<Program, string>> = {};
  const missing: string[] = [];
  for (const [program, candidates] of Object.entries(ENTRY_POINTS) as Array<[Program, readonly string[]]>) {
    const found = candidates.map((c) => join(repoRoot, c)).find((path) => exists(path));
    if (found) resolved[program] = found;
    else missing.push(candidates.join(' or '));
  }
  if (missing.length > 0) {
    throw new Error(
      `not built yet — missing ${missing.join('; ')}. Run \`npm run build\` (\`npm start\` does both).`,
    );
  }
  return resolved as Record<Program, string>;
}
