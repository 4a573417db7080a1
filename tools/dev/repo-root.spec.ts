import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { findRepoRoot } from './repo-root.js';

const repo = '/home/me/sieve';

describe('findRepoRoot', () => {
  it('walks up from a compiled file to the folder with package.json and node_modules', () => {
    const present = new Set([join(repo, 'package.json'), join(repo, 'node_modules')]);
    const from = pathToFileURL(join(repo, 'dist/tools/dev/main.js')).href;
    expect(findRepoRoot(from, (p) => present.has(p))).toBe(repo);
  });

  it('skips a package.json that the build emitted into dist/', () => {
    const present = new Set([
      join(repo, 'dist/package.json'),
      join(repo, 'package.json'),
      join(repo, 'node_modules'),
    ]);
    expect(findRepoRoot(join(repo, 'dist/tools/dev'), (p) => present.has(p))).toBe(repo);
  });

  it('falls back to the nearest package.json, and fails when there is none', () => {
    const present = new Set([join(repo, 'package.json')]);
    expect(findRepoRoot(join(repo, 'tools/dev'), (p) => present.has(p))).toBe(repo);
    expect(() => findRepoRoot(join(repo, 'tools/dev'), () => false)).toThrow(/no package.json/);
  });

  it('finds this repository from this very file', () => {
    expect(findRepoRoot(import.meta.url)).toBe(join(new URL('.', import.meta.url).pathname, '..', '..'));
  });
});
