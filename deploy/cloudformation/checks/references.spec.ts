import { parseCloudFormationYaml } from '../cloudformation-yaml.js';
import { provesBothWays } from '../mutation-testing.js';
import { checkReferences, subVariables } from './references.js';

const PRINCIPAL = '              AWS: !Ref PlatformPrincipalArn\n';

describe('checkReferences', () => {
  provesBothWays(checkReferences, [
    [
      'a Ref to an undeclared name',
      'MaxSessionDuration: !Ref MaxSessionDuration',
      'MaxSessionDuration: !Ref MaxSession',
      /"MaxSession" is not a declared/,
    ],
    [
      'a Fn::Sub variable that is not declared',
      ':${AWS::AccountId}:detector/*',
      ':${AccountId}:detector/*',
      /"AccountId" is not a declared/,
    ],
    [
      'a GetAtt of a missing resource',
      'Value: !GetAtt SieveRole.Arn',
      'Value: !GetAtt Role.Arn',
      /"Role", which is not a resource/,
    ],
    [
      'an undeclared condition in Fn::If',
      '!If [HasRoleName,',
      '!If [HasName,',
      /condition "HasName" is not declared/,
    ],
    [
      'an unused parameter',
      PRINCIPAL,
      "              AWS: 'arn:aws:iam::123456789012:role/x'\n",
      /PlatformPrincipalArn: declared but never used/,
    ],
  ]);

  it('reads Fn::Sub variables, skipping ${!Literal} escapes', () => {
    expect(subVariables('arn:${AWS::Partition}:s3:::${Bucket}/${!NotAVariable}/${Role.Arn}')).toEqual([
      'AWS::Partition',
      'Bucket',
      'Role.Arn',
    ]);
  });

  it('accepts Fn::Sub local variables and rejects them elsewhere', () => {
    const local = parseCloudFormationYaml(
      [
        'Resources:',
        '  R:',
        '    Type: AWS::SNS::Topic',
        '    Properties:',
        '      TopicName: !Sub ["${P}-x", { P: !Ref AWS::StackName }]',
      ].join('\n'),
    );
    expect(checkReferences(local)).toEqual([]);
    const leaked = parseCloudFormationYaml(
      ['Resources:', '  R:', '    Type: AWS::SNS::Topic', '    Properties:', '      TopicName: !Ref P'].join(
        '\n',
      ),
    );
    expect(checkReferences(leaked)).toEqual([expect.stringMatching(/"P" is not a declared/)]);
  });
});
