import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

import { parseCloudFormationYaml } from './cloudformation-yaml.js';
import {
  checkCustomerRoleTemplate,
  checkParameterInterface,
  checkReferences,
  checkStackSet,
} from './template-checks.js';
import {
  CLOUDFORMATION_DIR,
  MAX_TEMPLATE_BODY_BYTES,
  ROLE_TEMPLATE_PATH,
  STACKSET_TEMPLATE_PATH,
  readTemplateText,
  replaceOnce,
} from './template-files.js';
import { resourcesOfType } from './template-model.js';

const roleText = readTemplateText(ROLE_TEMPLATE_PATH);
const text = readTemplateText(STACKSET_TEMPLATE_PATH);
const template = parseCloudFormationYaml(text, STACKSET_TEMPLATE_PATH);

describe('customer-role-stackset.yaml', () => {
  it('passes its checks', () => {
    expect(checkReferences(template)).toEqual([]);
    expect(checkParameterInterface(template)).toEqual([]);
    expect(checkStackSet(template, roleText)).toEqual([]);
  });

  it('embeds a role template that passes every role check', () => {
    const [stackSet] = resourcesOfType(template, 'AWS::CloudFormation::StackSet');
    const body = stackSet?.properties['TemplateBody'];
    expect(typeof body).toBe('string');
    expect(checkCustomerRoleTemplate(parseCloudFormationYaml(String(body)))).toEqual([]);
  });

  it('fits in an inline template body', () => {
    expect(Buffer.byteLength(text)).toBeLessThanOrEqual(MAX_TEMPLATE_BODY_BYTES);
  });
});

describe('sync-stackset.sh', () => {
  it('copies a changed role template into the StackSet so the checks pass again', () => {
    const dir = mkdtempSync(join(tmpdir(), 'sieve-stackset-'));
    try {
      for (const file of ['customer-role.yaml', 'customer-role-stackset.yaml', 'sync-stackset.sh']) {
        copyFileSync(join(CLOUDFORMATION_DIR, file), join(dir, file));
      }
      // A change with a blank line and deeper indentation, the cases a literal block must carry over.
      const changed = replaceOnce(roleText, '\nOutputs:\n', '\n\nOutputs:\n  # note\n');
      writeFileSync(join(dir, 'customer-role.yaml'), changed);
      const stale = parseCloudFormationYaml(readFileSync(join(dir, 'customer-role-stackset.yaml'), 'utf8'));
      expect(checkStackSet(stale, changed)).toEqual([expect.stringMatching(/TemplateBody: differs/)]);

      execFileSync('sh', [join(dir, 'sync-stackset.sh')]);
      const synced = parseCloudFormationYaml(readFileSync(join(dir, 'customer-role-stackset.yaml'), 'utf8'));
      expect(checkStackSet(synced, changed)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
