import { chmod, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { findExecutable } from './find-executable.js';

describe('findExecutable', () => {
  let root: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'find-exe-'));
    await mkdir(join(root, 'a'));
    await mkdir(join(root, 'b'));
    await mkdir(join(root, 'c', 'tool'), { recursive: true }); // a directory named like the tool
    await writeFile(join(root, 'a', 'tool'), '#!/bin/sh\n'); // not executable
    await writeFile(join(root, 'b', 'tool'), '#!/bin/sh\n');
    await chmod(join(root, 'b', 'tool'), 0o755);
  });

  afterAll(() => rm(root, { recursive: true, force: true }));

  it('returns the first executable regular file on the path, skipping directories and empty entries', async () => {
    const path = ['', join(root, 'c'), join(root, 'b')].join(delimiter);
    expect(await findExecutable('tool', path)).toBe(join(root, 'b', 'tool'));
  });

  it('skips files without any execute bit (even for root)', async () => {
    const found = await findExecutable('tool', [join(root, 'a'), join(root, 'b')].join(delimiter));
    expect(found).toBe(join(root, 'b', 'tool'));
  });

  it('returns undefined when nothing matches', async () => {
    expect(await findExecutable('tool', join(root, 'c'))).toBeUndefined();
    expect(await findExecutable('tool', '')).toBeUndefined();
    expect(await findExecutable('tool', undefined)).toBeUndefined();
  });
});
