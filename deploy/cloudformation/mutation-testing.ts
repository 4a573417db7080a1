import { parseCloudFormationYaml } from './cloudformation-yaml.js';
import { ROLE_TEMPLATE_PATH, mutated, readTemplateText } from './template-files.js';
import type { JsonObject } from './template-model.js';

/**
 * Test support: a check is only worth having if it can fail. Each check's spec runs it on the real
 * role template (must pass) and on copies with one realistic mistake written into the YAML (must
 * report that mistake).
 */

export const roleTemplateText = readTemplateText(ROLE_TEMPLATE_PATH);
export const roleTemplate = parseCloudFormationYaml(roleTemplateText, ROLE_TEMPLATE_PATH);

export type Check = (template: JsonObject) => string[];

/** [the mistake, text in customer-role.yaml to replace, its replacement, the problem to expect] */
export type Mutation = [string, string, string, RegExp];

/** Registers the tests: `check` passes on customer-role.yaml and reports every mutation. */
export function provesBothWays(check: Check, mutations: Mutation[]): void {
  it('passes on customer-role.yaml', () => {
    expect(check(roleTemplate)).toEqual([]);
  });
  it.each(mutations)('rejects %s', (_name, from, to, problem) => {
    const problems = check(mutated(roleTemplateText, from, to));
    expect(problems).toEqual(expect.arrayContaining([expect.stringMatching(problem)]));
  });
}
