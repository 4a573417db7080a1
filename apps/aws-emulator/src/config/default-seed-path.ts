import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The shipped demo seed. The build copies no JSON into dist/, so the seed is read from the source
 * tree: walk up from this module (in apps/… or dist/apps/…) to the repository root, the first
 * directory holding a package.json.
 */
export function defaultSeedPath(): string {
  return join(
    findRepoRoot(dirname(fileURLToPath(import.meta.url))),
    'apps',
    'aws-emulator',
    'seed',
    'demo.json',
  );
}

function findRepoRoot(start: string): string {
  for (let directory = start; ; directory = dirname(directory)) {
    if (existsSync(join(directory, 'package.json'))) return directory;
    if (dirname(directory) === directory) {
      throw new Error(`aws-emulator: no package.json found above ${start}; set AWS_EMULATOR_SEED`);
    }
  }
}
