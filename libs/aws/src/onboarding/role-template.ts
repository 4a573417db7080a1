import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The customer role template is a deploy/ file, read from the repository (source or dist/ alike). */
function repoRoot(): string {
  let dir = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(dir, 'package.json'))) {
    const parent = dirname(dir);
    if (parent === dir)
      throw new Error('Cannot locate the repository root from ' + fileURLToPath(import.meta.url));
    dir = parent;
  }
  return dir;
}

let cached: string | undefined;

export function customerRoleTemplate(): string {
  cached ??= readFileSync(join(repoRoot(), 'deploy', 'cloudformation', 'customer-role.yaml'), 'utf8');
  return cached;
}

export const DEFAULT_STACK_NAME = 'SieveIncidentResponse';
export const DEFAULT_ROLE_NAME = 'SieveIncidentResponse';

/** The CloudFormation console's quick-create link, with the parameters filled in. */
export function quickCreateUrl(opts: {
  region: string;
  templateUrl: string;
  stackName: string;
  parameters: Record<string, string>;
}): string {
  const query = new URLSearchParams({ templateURL: opts.templateUrl, stackName: opts.stackName });
  for (const [key, value] of Object.entries(opts.parameters)) query.set(`param_${key}`, value);
  return `https://console.aws.amazon.com/cloudformation/home?region=${encodeURIComponent(opts.region)}#/stacks/quickcreate?${query}`;
}
