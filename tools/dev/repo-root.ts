import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The repository root: the nearest folder at or above `from` holding both a package.json and a
 * node_modules folder. Requiring node_modules skips a package.json that the TypeScript build may emit into
 * dist/ (when some file imports package.json), which would otherwise put `.data/` inside dist/.
 * Falls back to the nearest package.json alone; throws when there is none.
 */
export function findRepoRoot(from: string, exists: (path: string) => boolean = existsSync): string {
  let nearestPackageJson: string | undefined;
  let dir = resolve(from.startsWith('file:') ? fileURLToPath(from) : from);
  for (;;) {
    if (exists(join(dir, 'package.json'))) {
      if (exists(join(dir, 'node_modules'))) return dir;
      nearestPackageJson ??= dir;
    }
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  if (nearestPackageJson) return nearestPackageJson;
  throw new Error(`no package.json found at or above ${from}`);
}
