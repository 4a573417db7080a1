import { join } from 'node:path';
import { resolveEntryPoints } from './entry-points.js';

const root = '/repo';
const at = (...paths: string[]) => {
  const set = new Set(paths.map((p) => join(root, p)));
  return (path: string) => set.has(path);
};

describe('resolveEntryPoints', () => {
  it('prefers the mirrored source layout (apps/x/src/main.ts → dist/apps/x/src/main.js)', () => {
    const exists = at(
      'dist/tools/cli/main.js',
      'dist/apps/api/src/main.js',
      'dist/apps/api/main.js',
      'dist/apps/worker/src/main.js',
      'dist/apps/aws-emulator/src/main.js',
    );
    expect(resolveEntryPoints(root, exists)).toEqual({
      cli: '/repo/dist/tools/cli/main.js',
      api: '/repo/dist/apps/api/src/main.js',
      worker: '/repo/dist/apps/worker/src/main.js',
      awsEmulator: '/repo/dist/apps/aws-emulator/src/main.js',
    });
  });

  it('accepts the flat layout', () => {
    const exists = at(
      'dist/tools/cli/main.js',
      'dist/apps/api/main.js',
      'dist/apps/worker/main.js',
      'dist/apps/aws-emulator/main.js',
    );
    expect(resolveEntryPoints(root, exists).api).toBe('/repo/dist/apps/api/main.js');
  });

  it('names every missing program and says how to build', () => {
    expect(() => resolveEntryPoints(root, at('dist/tools/cli/main.js', 'dist/apps/api/main.js'))).toThrow(
      /missing dist\/apps\/worker\/src\/main\.js or dist\/apps\/worker\/main\.js; dist\/apps\/aws-emulator.*npm run build/,
    );
  });
});
