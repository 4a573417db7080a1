import { parseCloudFormationYaml } from '../cloudformation-yaml.js';
import { STACKSET_TEMPLATE_PATH, mutated, readTemplateText } from '../template-files.js';
import { roleTemplateText } from '../mutation-testing.js';
import { checkStackSet } from './stackset.js';

const text = readTemplateText(STACKSET_TEMPLATE_PATH);

describe('checkStackSet', () => {
  it('passes on customer-role-stackset.yaml', () => {
    expect(checkStackSet(parseCloudFormationYaml(text), roleTemplateText)).toEqual([]);
  });

  it.each<[string, string, string, RegExp]>([
    [
      'a self-managed StackSet',
      'PermissionModel: SERVICE_MANAGED',
      'PermissionModel: SELF_MANAGED',
      /must be SERVICE_MANAGED/,
    ],
    [
      'no automatic deployment to new accounts',
      '        Enabled: true\n',
      '        Enabled: false\n',
      /AutoDeployment.Enabled: must be true/,
    ],
    [
      'fixed OU targets',
      'OrganizationalUnitIds: !Ref OrganizationalUnitIds',
      'OrganizationalUnitIds: [ou-abcd-12345678]',
      /must be !Ref OrganizationalUnitIds/,
    ],
    [
      'the unnamed-IAM capability only',
      '        - CAPABILITY_NAMED_IAM\n',
      '        - CAPABILITY_IAM\n',
      /must include CAPABILITY_NAMED_IAM/,
    ],
    [
      'a role parameter that is not passed on',
      '        - ParameterKey: ExternalId\n          ParameterValue: !Ref ExternalId\n',
      '',
      /does not pass ExternalId/,
    ],
    [
      'a role parameter passed as a literal',
      'ParameterValue: !Ref RoleName',
      'ParameterValue: Sieve',
      /RoleName must be !Ref RoleName/,
    ],
    [
      'a parameter declared differently from the role template',
      '\n    MinLength: 32\n',
      '\n    MinLength: 8\n',
      /Parameters.ExternalId: must be declared exactly as in the role template/,
    ],
    [
      'an embedded role that drifted from customer-role.yaml',
      '                          - iam:GetRole\n',
      '                          - iam:GetRole\n                          - iam:PassRole\n',
      /TemplateBody: differs from customer-role.yaml/,
    ],
    [
      'a role fetched from a URL',
      '      TemplateBody: |\n',
      '      TemplateURL: https://example.com/role.yaml\n      TemplateBody: |\n',
      /TemplateURL: embed the role/,
    ],
    [
      'an optional RoleName',
      "      - Assert: !Not [!Equals [!Ref RoleName, '']]",
      "      - Assert: !Not [!Equals [!Ref RoleName, 'x']]",
      /must assert that RoleName is not empty/,
    ],
  ])('rejects %s', (_name, from, to, problem) => {
    expect(checkStackSet(mutated(text, from, to), roleTemplateText)).toEqual(
      expect.arrayContaining([expect.stringMatching(problem)]),
    );
  });
});
