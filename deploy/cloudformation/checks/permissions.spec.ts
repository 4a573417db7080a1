import { readFileSync } from 'node:fs';
import { join } from 'node:path';

import { mutated, CLOUDFORMATION_DIR } from '../template-files.js';
import { provesBothWays, roleTemplateText } from '../mutation-testing.js';
import { PERMISSION_CATALOG } from './permission-catalog.js';
import { checkPermissions } from './permissions.js';

describe('checkPermissions', () => {
  const ACTION_INDENT = '                  - ';
  provesBothWays(checkPermissions, [
    [
      'a wildcard action',
      `${ACTION_INDENT}securityhub:GetFindings`,
      `${ACTION_INDENT}'securityhub:*'`,
      /wildcard action securityhub:\*/,
    ],
    [
      'a "?" wildcard',
      `${ACTION_INDENT}ec2:DescribeInstances`,
      `${ACTION_INDENT}ec2:DescribeInstance?`,
      /wildcard action/,
    ],
    [
      'iam:PassRole',
      `${ACTION_INDENT}iam:GetRole\n`,
      `${ACTION_INDENT}iam:GetRole\n${ACTION_INDENT}iam:PassRole\n`,
      /iam:PassRole can change the account/,
    ],
    [
      'a GuardDuty write',
      `${ACTION_INDENT}guardduty:GetFindings\n`,
      `${ACTION_INDENT}guardduty:GetFindings\n${ACTION_INDENT}guardduty:ArchiveFindings\n`,
      /guardduty:ArchiveFindings can change the account/,
    ],
    [
      'a read outside the catalog',
      `${ACTION_INDENT}tag:GetResources\n`,
      `${ACTION_INDENT}tag:GetResources\n${ACTION_INDENT}s3:GetObject\n`,
      /s3:GetObject is not in the permission catalog/,
    ],
    [
      'NotAction',
      `Action:\n${ACTION_INDENT}tag:GetResources`,
      `NotAction:\n${ACTION_INDENT}tag:GetResources`,
      /NotAction is not allowed/,
    ],
    [
      'a GuardDuty grant on every resource',
      "Resource: !Sub 'arn:${AWS::Partition}:guardduty:*:${AWS::AccountId}:detector/*'",
      "Resource: '*'",
      /guardduty:GetDetector must be granted on exactly/,
    ],
    [
      'a resource in any account',
      'iam::${AWS::AccountId}:role/*',
      'iam::*:role/*',
      /not limited to this account/,
    ],
    [
      'an AWS managed policy',
      '      Policies:\n',
      '      ManagedPolicyArns:\n        - arn:aws:iam::aws:policy/ReadOnlyAccess\n      Policies:\n',
      /managed policies are not allowed/,
    ],
    [
      'a separate IAM policy resource',
      '\nOutputs:\n',
      '  Extra:\n    Type: AWS::IAM::Policy\n    Properties: {}\n\nOutputs:\n',
      /AWS::IAM::Policy grants permissions outside/,
    ],
    [
      'a catalog action that is not granted',
      `${ACTION_INDENT}elasticloadbalancing:DescribeTargetHealth\n`,
      '',
      /DescribeTargetHealth is in the permission catalog but not granted/,
    ],
  ]);

  it('accepts a Deny statement, which can only take permissions away', () => {
    const withDeny = mutated(
      roleTemplateText,
      `${ACTION_INDENT}tag:GetResources\n                Resource: '*'\n`,
      `${ACTION_INDENT}tag:GetResources\n                Resource: '*'\n              - Effect: Deny\n                Action: 'securityhub:*'\n                Resource: '*'\n`,
    );
    expect(checkPermissions(withDeny)).toEqual([]);
  });

  it('has a justification and a README line for every catalog action', () => {
    const readme = readFileSync(join(CLOUDFORMATION_DIR, 'README.md'), 'utf8');
    for (const [action, entry] of Object.entries(PERMISSION_CATALOG)) {
      expect(entry.why.length).toBeGreaterThan(10);
      expect(readme).toContain(`\`${action}\``);
    }
  });
});
