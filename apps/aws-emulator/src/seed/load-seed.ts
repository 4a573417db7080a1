import { readFile } from 'node:fs/promises';
import { parse as parseYaml } from 'yaml';
import { z } from 'zod';
import { rebaseTimestamps } from './rebase-timestamps.js';
import { seedSchema } from './seed.schema.js';
import type { Seed } from './seed.types.js';

export class SeedError extends Error {
  override name = 'SeedError';
}

/**
 * Reads (when given a path), validates and time-rebases a seed. Any problem stops the emulator with
 * one message naming the file and every offending field path, rather than failing later mid-test.
 */
export async function loadSeed(source: Seed | string, now: number = Date.now()): Promise<Seed> {
  const label = typeof source === 'string' ? source : 'seed object';
  const raw = typeof source === 'string' ? await readSeedFile(source) : source;
  const result = seedSchema.safeParse(raw);
  if (!result.success) {
    throw new SeedError(`Invalid AWS emulator seed (${label}):\n${z.prettifyError(result.error)}`);
  }
  return rebaseTimestamps(result.data, now);
}

async function readSeedFile(path: string): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (error) {
    throw new SeedError(`Cannot read AWS emulator seed ${path}: ${(error as Error).message}`);
  }
  try {
    return /\.ya?ml$/i.test(path) ? parseYaml(text) : JSON.parse(text);
  } catch (error) {
    throw new SeedError(
      `AWS emulator seed ${path} is not valid ${/\.ya?ml$/i.test(path) ? 'YAML' : 'JSON'}: ${(error as Error).message}`,
    );
  }
}
