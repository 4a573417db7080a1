import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

import { parseCloudFormationYaml } from './cloudformation-yaml.js';
import type { JsonObject } from './template-model.js';

/**
 * The templates in this folder, and the text mutation the tests use to prove that each check can fail.
 * Mutating the YAML text (rather than the parsed object) keeps the broken variants readable in the
 * tests, and shows that a check catches the mistake as someone would actually write it.
 */

export const CLOUDFORMATION_DIR = dirname(fileURLToPath(import.meta.url));
export const ROLE_TEMPLATE_PATH = join(CLOUDFORMATION_DIR, 'customer-role.yaml');
export const STACKSET_TEMPLATE_PATH = join(CLOUDFORMATION_DIR, 'customer-role-stackset.yaml');

/** The largest template body CloudFormation takes inline (StackSet TemplateBody, `deploy` without S3). */
export const MAX_TEMPLATE_BODY_BYTES = 51_200;

export function readTemplateText(path: string): string {
  return readFileSync(path, 'utf8');
}

/** Replaces the one occurrence of `from`; throws if it is missing or ambiguous, so a stale test is loud. */
export function replaceOnce(text: string, from: string, to: string): string {
  const count = text.split(from).length - 1;
  if (count !== 1)
    throw new Error(`expected exactly one occurrence of ${JSON.stringify(from)}, found ${count}`);
  return text.replace(from, () => to);
}

/** Parses the template text after replacing `from` with `to`. */
export function mutated(text: string, from: string, to: string): JsonObject {
  return parseCloudFormationYaml(replaceOnce(text, from, to));
}
